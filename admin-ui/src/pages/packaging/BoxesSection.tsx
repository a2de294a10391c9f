/**
 * The merchant's boxes (cartons, satchels, pallets) as a table with add, edit and delete, and when
 * cartons go onto pallets. With no boxes, every product ships in its own packaging, one set per unit.
 * In a read-only region (a viewer) boxes can be viewed and the pallet settings read, nothing changed.
 */
import { useState, type FormEvent } from 'react';
import type { Box, PackingSettings } from '../../../../core/wire/admin-api-types';
import { fieldErrors } from '../../api/api-error';
import { useAction, useResource } from '../../api/use-resource';
import { useAdmin } from '../../app/AdminContext';
import { ErrorBanner } from '../../components/ErrorBanner';
import { ResourceView } from '../../components/ResourceView';
import { parseDecimal } from '../../format/parse-decimal';
import { Banner } from '../../ui/Banner';
import { Button, ButtonGroup } from '../../ui/Button';
import { Card } from '../../ui/Card';
import { DataTable } from '../../ui/DataTable';
import { EmptyState } from '../../ui/EmptyState';
import { Row, Stack } from '../../ui/Stack';
import { Text } from '../../ui/Text';
import { TextField } from '../../ui/TextField';
import { EditOnly, useReadOnly } from '../../ui/ReadOnly';
import { BoxEditor } from './BoxEditor';

export function BoxesSection() {
  const { api } = useAdmin();
  const [version, setVersion] = useState(0);
  const boxes = useResource(() => api.packaging.boxes.list(), [api, version]);
  const [editing, setEditing] = useState<{ box?: Box } | undefined>(undefined);
  const remove = useAction(async (id: string) => {
    await api.packaging.boxes.remove(id);
    setVersion((v) => v + 1);
    return true;
  });
  return (
    <section aria-labelledby="boxes-heading">
      <Card title="Your boxes" headingId="boxes-heading">
        <Stack gap="300">
          <Text>
            Checkout packs products into these (a 3-D packer, largest items first), and onto a pallet past the
            thresholds below. Products marked “ships alone” keep their own packaging.
          </Text>
          <ErrorBanner error={remove.error} />
          <ResourceView resource={boxes} label="your boxes">
            {(list) => (
              <BoxList
                list={list}
                onEdit={(box) => setEditing({ box })}
                onDelete={(box) => void remove.run(box.id)}
                onAdd={() => setEditing({})}
              />
            )}
          </ResourceView>
          <PackingSettingsForm />
        </Stack>
      </Card>
      {editing ? (
        <BoxEditor
          box={editing.box}
          onClose={() => setEditing(undefined)}
          onSaved={() => {
            setEditing(undefined);
            setVersion((v) => v + 1);
          }}
        />
      ) : null}
    </section>
  );
}

/** The boxes, or what having none means; adding is left out when read-only. */
function BoxList({
  list,
  onEdit,
  onDelete,
  onAdd,
}: {
  list: readonly Box[];
  onEdit: (box: Box) => void;
  onDelete: (box: Box) => void;
  onAdd: () => void;
}) {
  return list.length === 0 ? (
    <EmptyState
      heading="No boxes yet"
      action={
        <EditOnly>
          <Button onClick={onAdd}>Add a box</Button>
        </EditOnly>
      }
    >
      Until you add one, every product ships in its own packaging, one package set per unit.
    </EmptyState>
  ) : (
    <Stack gap="300">
      <BoxesTable list={list} onEdit={onEdit} onDelete={onDelete} />
      <EditOnly>
        <div>
          <Button onClick={onAdd}>Add a box</Button>
        </div>
      </EditOnly>
    </Stack>
  );
}

function BoxesTable({
  list,
  onEdit,
  onDelete,
}: {
  list: readonly Box[];
  onEdit: (box: Box) => void;
  onDelete: (box: Box) => void;
}) {
  const readOnly = useReadOnly();
  return (
    <DataTable
      headings={['Box', 'Kind', 'Space inside', 'Empty, most', 'Actions']}
      rows={list.map((box) => [
        box.name,
        box.kind,
        box.kind === 'pallet'
          ? `${box.lengthCm} × ${box.widthCm} cm deck, loaded to ${box.maxHeightCm} cm`
          : `${box.innerCm.lengthCm} × ${box.innerCm.widthCm} × ${box.innerCm.heightCm} cm`,
        `${box.tareWeightKg} kg, ${box.maxWeightKg} kg`,
        <ButtonGroup key="actions">
          <Button
            onClick={() => onEdit(box)}
            accessibilityLabel={`${readOnly ? 'View' : 'Edit'} ${box.name}`}
            size="slim"
          >
            {readOnly ? 'View' : 'Edit'}
          </Button>
          {readOnly ? null : (
            <Button
              onClick={() => onDelete(box)}
              accessibilityLabel={`Delete ${box.name}`}
              critical
              size="slim"
            >
              Delete
            </Button>
          )}
        </ButtonGroup>,
      ])}
    />
  );
}

/** When cartons go onto pallets, and the most items checkout packs before it ships them one per unit. */
function PackingSettingsForm() {
  const { api } = useAdmin();
  const settings = useResource(() => api.packaging.boxes.settings(), [api]);
  return (
    <ResourceView resource={settings} label="the packing settings">
      {(current) => <SettingsFields current={current} />}
    </ResourceView>
  );
}

function SettingsFields({ current }: { current: PackingSettings }) {
  const { api } = useAdmin();
  const [text, setText] = useState({
    count: current.palletiseOverPackages === undefined ? '' : String(current.palletiseOverPackages),
    kg: current.palletiseOverKg === undefined ? '' : String(current.palletiseOverKg),
    cap: String(current.maxPackedItems),
  });
  const save = useAction(api.packaging.boxes.setSettings);
  const [saved, setSaved] = useState(false);
  const errors = fieldErrors(save.error);
  const number = (value: string) => (value.trim() === '' ? undefined : (parseDecimal(value) ?? Number.NaN));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const count = number(text.count);
    const kg = number(text.kg);
    const body = {
      ...(count === undefined ? {} : { palletiseOverPackages: count }),
      ...(kg === undefined ? {} : { palletiseOverKg: kg }),
      maxPackedItems: number(text.cap) ?? Number.NaN,
    };
    if (await save.run(body)) setSaved(true);
  };
  return (
    <form onSubmit={(event) => void submit(event)} aria-label="Pallets" noValidate>
      <Stack gap="300">
        <ErrorBanner error={save.error} showDetails={false} />
        <SettingsRow text={text} setText={setText} errors={errors} />
        <EditOnly>
          <div>
            <Button submit loading={save.pending}>
              Save pallet settings
            </Button>
          </div>
        </EditOnly>
        {saved ? <Banner tone="success">Pallet settings saved.</Banner> : null}
      </Stack>
    </form>
  );
}

type SettingsText = { readonly count: string; readonly kg: string; readonly cap: string };

function SettingsRow({
  text,
  setText,
  errors,
}: {
  text: SettingsText;
  setText: (update: (current: SettingsText) => SettingsText) => void;
  errors: Readonly<Record<string, string>>;
}) {
  return (
    <Row gap="300" blockAlign="start">
      <TextField
        label="Onto a pallet past"
        suffix="packages"
        inputMode="numeric"
        value={text.count}
        onChange={(count) => setText((t) => ({ ...t, count }))}
        error={errors.palletiseOverPackages}
        helpText="Empty: never by count."
      />
      <TextField
        label="or past"
        suffix="kg"
        inputMode="decimal"
        value={text.kg}
        onChange={(kg) => setText((t) => ({ ...t, kg }))}
        error={errors.palletiseOverKg}
        helpText="Empty: never by weight."
      />
      <TextField
        label="Pack at most"
        suffix="items"
        inputMode="numeric"
        value={text.cap}
        onChange={(cap) => setText((t) => ({ ...t, cap }))}
        error={errors.maxPackedItems}
        helpText="Bigger carts ship one package per unit."
      />
    </Row>
  );
}
