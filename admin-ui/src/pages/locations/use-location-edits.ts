/** The locations page's state: the list, which location is added, edited or deleted, and the warnings. */
import { useState } from 'react';
import type { LocationInput, LocationRecord } from '../../../../core/wire/admin-api-types';
import { useAction, useResource } from '../../api/use-resource';
import { useAdmin } from '../../app/AdminContext';

export function useLocationEdits() {
  const { api } = useAdmin();
  const locations = useResource(() => api.locations.list(), [api]);
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<LocationRecord | undefined>(undefined);
  const [deleting, setDeleting] = useState<LocationRecord | undefined>(undefined);
  const [warnings, setWarnings] = useState<readonly string[]>([]);
  const create = useAction(api.locations.create);
  const update = useAction((id: string, input: LocationInput) =>
    api.locations.update(id, { ...input, addressLine1: input.addressLine1 ?? null }),
  );
  const remove = useAction(api.locations.remove);
  const makeDefault = useAction(api.locations.makeDefault);

  const add = async (input: LocationInput) => {
    const result = await create.run(input);
    if (!result) return;
    setWarnings(result.warnings);
    setAdding(false);
    await locations.reload();
  };
  const save = async (input: LocationInput) => {
    if (!editing) return;
    const result = await update.run(editing.id, input);
    if (!result) return;
    setWarnings(result.warnings);
    setEditing(undefined);
    await locations.reload();
  };
  const confirmDelete = async () => {
    if (!deleting) return;
    const result = await remove.run(deleting.id);
    if (!result) return;
    setDeleting(undefined);
    await locations.reload();
  };

  return {
    locations,
    adding,
    setAdding,
    editing,
    setEditing,
    deleting,
    setDeleting,
    warnings,
    setWarnings,
    create,
    update,
    remove,
    makeDefault,
    add,
    save,
    confirmDelete,
  };
}
