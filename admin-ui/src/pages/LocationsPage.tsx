/**
 * Pickup locations: list, add, edit, delete (with confirmation) and which one is the default. A viewer
 * (below admin, which every change here needs) sees the list and each location read-only.
 */
import { useAdmin } from '../app/AdminContext';
import { AdminPage } from '../components/AdminPage';
import { ErrorBanner } from '../components/ErrorBanner';
import { LocationForm } from '../components/LocationForm';
import { ResourceView } from '../components/ResourceView';
import { WarehouseImport } from '../components/WarehouseImport';
import { Banner } from '../ui/Banner';
import { Button } from '../ui/Button';
import { Card } from '../ui/Card';
import { EmptyState } from '../ui/EmptyState';
import { List } from '../ui/List';
import { Modal } from '../ui/Modal';
import { EditOnly, ReadOnly, useReadOnly } from '../ui/ReadOnly';
import { Text } from '../ui/Text';
import { DeleteLocationModal } from './locations/DeleteLocationModal';
import { LocationsTable } from './locations/LocationsTable';
import { useLocationEdits } from './locations/use-location-edits';

type Edits = ReturnType<typeof useLocationEdits>;

export function LocationsPage() {
  const edits = useLocationEdits();
  const { locations, adding, setAdding, editing, warnings, setWarnings, remove } = edits;
  const manage = useAdmin().can('admin');
  return (
    <AdminPage
      title="Pickup locations"
      subtitle="Where your goods leave from"
      primaryAction={
        manage ? { content: 'Add location', onAction: () => setAdding(true), disabled: adding } : undefined
      }
    >
      <ReadOnly when={!manage}>
        {warnings.length > 0 ? (
          <Banner tone="warning" title="Saved; please double-check" onDismiss={() => setWarnings([])}>
            <List items={warnings} />
          </Banner>
        ) : null}
        {adding && manage ? <AddLocationCard edits={edits} /> : null}
        <EditOnly>
          <Card title="Import from your freight platform">
            <WarehouseImport onImported={() => void locations.reload()} />
            <Text tone="subdued">
              Only platforms that keep warehouses (MachShip, the sandbox) can be imported from; importing
              again is safe.
            </Text>
          </Card>
        </EditOnly>
        <ErrorBanner error={edits.makeDefault.error} />
        <LocationsList edits={edits} />
        {editing ? <EditLocationModal edits={edits} /> : null}
        <DeleteLocationModal
          deleting={edits.deleting}
          pending={remove.pending}
          error={remove.error}
          onConfirm={() => void edits.confirmDelete()}
          onClose={() => edits.setDeleting(undefined)}
        />
      </ReadOnly>
    </AdminPage>
  );
}

function AddLocationCard({ edits }: { edits: Edits }) {
  const { create, add, setAdding } = edits;
  return (
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
  );
}

function LocationsList({ edits }: { edits: Edits }) {
  const { locations, makeDefault } = edits;
  return (
    <ResourceView resource={locations} label="pickup locations">
      {(list) =>
        list.length === 0 ? (
          <Card>
            <EmptyState
              heading="No pickup locations yet"
              action={
                <EditOnly>
                  <Button primary onClick={() => edits.setAdding(true)}>
                    Add location
                  </Button>
                </EditOnly>
              }
            >
              Quotes need at least one: carriers price from the place a parcel leaves.
            </EmptyState>
          </Card>
        ) : (
          <Card>
            <LocationsTable
              list={list}
              onEdit={edits.setEditing}
              onMakeDefault={(location) => void makeDefault.run(location.id).then(() => locations.reload())}
              onDelete={edits.setDeleting}
            />
          </Card>
        )
      }
    </ResourceView>
  );
}

function EditLocationModal({ edits }: { edits: Edits }) {
  const { editing, setEditing, update, save } = edits;
  const readOnly = useReadOnly();
  if (!editing) return null;
  return (
    <Modal
      open
      title={readOnly ? editing.name : `Edit ${editing.name}`}
      onClose={() => setEditing(undefined)}
    >
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
  );
}
