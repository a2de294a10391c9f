/** Pickup locations: list, add, edit, delete (with confirmation) and which one is the default. */
import type { LocationInput, LocationRecord, PlatformName } from '../../../core/wire/admin-api-types';
import { useState } from 'react';
import { useAdmin } from '../app/AdminContext';
import { useAction, useResource } from '../api/use-resource';
import { AdminPage } from '../components/AdminPage';
import { ErrorBanner } from '../components/ErrorBanner';
import { LocationForm } from '../components/LocationForm';
import { ResourceView } from '../components/ResourceView';
import { WarehouseImport } from '../components/WarehouseImport';
import { Badge } from '../ui/Badge';
import { Banner } from '../ui/Banner';
import { Button, ButtonGroup } from '../ui/Button';
import { Card } from '../ui/Card';
import { DataTable } from '../ui/DataTable';
import { EmptyState } from '../ui/EmptyState';
import { List } from '../ui/List';
import { Modal } from '../ui/Modal';
import { Stack } from '../ui/Stack';
import { Text } from '../ui/Text';

export function LocationsPage() {
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

  return (
    <AdminPage
      title="Pickup locations"
      subtitle="Where your goods leave from"
      primaryAction={{ content: 'Add location', onAction: () => setAdding(true), disabled: adding }}
    >
      {warnings.length > 0 ? (
        <Banner tone="warning" title="Saved; please double-check" onDismiss={() => setWarnings([])}>
          <List items={warnings} />
        </Banner>
      ) : null}
      {adding ? (
        <Card title="Add a pickup location">
          <LocationForm
            submitLabel="Add location"
            pending={create.pending}
            error={create.error}
            onSubmit={(input) => void add(input)}
            onCancel={() => {
              setAdding(false);
              create.reset();
            }}
          />
        </Card>
      ) : null}
      <Card title="Import from your freight platform">
        <WarehouseImport onImported={() => void locations.reload()} />
        <Text tone="subdued">
          Only platforms that keep warehouses (MachShip, the sandbox) can be imported from; importing again is
          safe.
        </Text>
      </Card>
      <ErrorBanner error={makeDefault.error} />
      <ResourceView resource={locations} label="pickup locations">
        {(list) =>
          list.length === 0 ? (
            <Card>
              <EmptyState
                heading="No pickup locations yet"
                action={
                  <Button primary onClick={() => setAdding(true)}>
                    Add location
                  </Button>
                }
              >
                Quotes need at least one: carriers price from the place a parcel leaves.
              </EmptyState>
            </Card>
          ) : (
            <Card>
              <DataTable
                headings={['Name', 'Address', 'Linked to', 'Actions']}
                rows={list.map((location) => [
                  <Stack gap="100" key="name">
                    <Text strong>{location.name}</Text>
                    {location.isDefault ? <Badge tone="info">Default</Badge> : null}
                  </Stack>,
                  [location.addressLine1, `${location.suburb} ${location.state} ${location.postcode}`]
                    .filter(Boolean)
                    .join(', '),
                  linkedTo(location),
                  <ButtonGroup key="actions">
                    <Button
                      size="slim"
                      onClick={() => setEditing(location)}
                      accessibilityLabel={`Edit ${location.name}`}
                    >
                      Edit
                    </Button>
                    {!location.isDefault ? (
                      <Button
                        size="slim"
                        onClick={() => void makeDefault.run(location.id).then(() => locations.reload())}
                        accessibilityLabel={`Make ${location.name} the default`}
                      >
                        Make default
                      </Button>
                    ) : null}
                    <Button
                      size="slim"
                      critical
                      onClick={() => setDeleting(location)}
                      accessibilityLabel={`Delete ${location.name}`}
                    >
                      Delete
                    </Button>
                  </ButtonGroup>,
                ])}
              />
            </Card>
          )
        }
      </ResourceView>
      {editing ? (
        <Modal open title={`Edit ${editing.name}`} onClose={() => setEditing(undefined)}>
          <LocationForm
            initial={editing}
            submitLabel="Save location"
            pending={update.pending}
            error={update.error}
            onSubmit={(input) => void save(input)}
            onCancel={() => {
              setEditing(undefined);
              update.reset();
            }}
          />
        </Modal>
      ) : null}
      <Modal
        open={deleting !== undefined}
        title={`Delete ${deleting?.name ?? 'this location'}?`}
        onClose={() => setDeleting(undefined)}
        primaryAction={{
          content: 'Delete location',
          destructive: true,
          loading: remove.pending,
          onAction: () => void confirmDelete(),
        }}
        secondaryAction={{ content: 'Keep it', onAction: () => setDeleting(undefined) }}
      >
        <Stack gap="200">
          <ErrorBanner error={remove.error} />
          <Text>
            Products that ship only from here will ship from the default location instead.
            {deleting?.isDefault
              ? ' This is the default: the oldest other location becomes the default.'
              : ''}
          </Text>
        </Stack>
      </Modal>
    </AdminPage>
  );
}

const REF_LABEL: Readonly<Record<PlatformName, string>> = {
  machship: 'MachShip location',
  bigpost: 'Big Post locality',
  sandbox: 'Sandbox reference',
};

/** The platforms' references of a location, for the "Linked to" column. */
function linkedTo(location: LocationRecord): string {
  const refs = Object.entries(location.platformRefs ?? {}) as [PlatformName, string][];
  return refs.length === 0 ? '—' : refs.map(([platform, ref]) => `${REF_LABEL[platform]} ${ref}`).join(', ');
}
