/**
 * Products and packaging: the merchant's boxes and pallets, the default box, product sync, the CSV import, the products still priced as
 * estimates (missing dimensions, flagged), and every product's packaging with add, edit and delete. A
 * viewer (every change here needs an admin) sees it all read-only, and may still download the CSV.
 */
import { useState } from 'react';
import { useAdmin } from '../app/AdminContext';
import type { PackagingProfile } from '../../../core/wire/admin-api-types';
import { useResource } from '../api/use-resource';
import { AdminPage } from '../components/AdminPage';
import { DefaultBoxForm } from '../components/DefaultBoxForm';
import { PackagingCsvImport } from '../components/PackagingCsvImport';
import { ProductSyncProgress } from '../components/ProductSyncProgress';
import { ProfileEditor } from '../components/ProfileEditor';
import { MissingDimensionsTable } from '../components/MissingDimensionsTable';
import { ResourceView } from '../components/ResourceView';
import { Button } from '../ui/Button';
import { Card } from '../ui/Card';
import { EmptyState } from '../ui/EmptyState';
import { Stack } from '../ui/Stack';
import { Text } from '../ui/Text';
import { BoxesSection } from './packaging/BoxesSection';
import { DeleteProfileModal } from './packaging/DeleteProfileModal';
import { PAGE_SIZE, ProfilesTable } from './packaging/ProfilesTable';
import { Pager } from '../ui/Pager';
import { EditOnly, ReadOnly } from '../ui/ReadOnly';

export function PackagingPage() {
  const { api, can } = useAdmin();
  const manage = can('admin');
  const [version, setVersion] = useState(0);
  const refresh = () => setVersion((v) => v + 1);
  const locations = useResource(() => api.locations.list(), [api]);
  const [editing, setEditing] = useState<{ profile?: PackagingProfile; key?: string } | undefined>(undefined);
  const [deleting, setDeleting] = useState<PackagingProfile | undefined>(undefined);
  const locationName = (id: string) => locations.data?.find((l) => l.id === id)?.name ?? 'a deleted location';

  return (
    <AdminPage
      title="Products and packaging"
      subtitle="How each product ships"
      primaryAction={manage ? { content: 'Add packaging', onAction: () => setEditing({}) } : undefined}
    >
      <ReadOnly when={!manage}>
        <BoxesSection />
        <DefaultBoxCard />
        <ProductSyncProgress onFinished={refresh} />
        <MissingSection version={version} onAdd={(key) => setEditing({ key })} />
        <ProfilesSection
          version={version}
          locationName={locationName}
          onEdit={setEditing}
          onDelete={setDeleting}
        />
        <Card title={manage ? 'Import or export a CSV' : 'Export a CSV'}>
          <PackagingCsvImport onImported={refresh} />
        </Card>
        {editing ? (
          <ProfileEditor
            profile={editing.profile}
            suggestedKey={editing.key}
            locations={locations.data ?? []}
            onClose={() => setEditing(undefined)}
            onSaved={() => {
              setEditing(undefined);
              refresh();
            }}
          />
        ) : null}
        <DeleteProfileModal
          deleting={deleting}
          onClose={() => setDeleting(undefined)}
          onDeleted={() => {
            setDeleting(undefined);
            refresh();
          }}
        />
      </ReadOnly>
    </AdminPage>
  );
}

function DefaultBoxCard() {
  const { api } = useAdmin();
  const defaultBox = useResource(() => api.packaging.defaultBox(), [api]);
  return (
    <Card title="Default box">
      <Text>
        Products without packaging of their own are priced in this box, with their shop weight (an estimate).
      </Text>
      <ResourceView resource={defaultBox} label="the default box">
        {(box) => <DefaultBoxForm initial={box} onSaved={(saved) => defaultBox.setData(saved)} />}
      </ResourceView>
    </Card>
  );
}

/** The products still priced as estimates (no packaging, and no dimensions from the shop). */
function MissingSection({ version, onAdd }: { version: number; onAdd: (key: string) => void }) {
  const { api } = useAdmin();
  const missing = useResource(() => api.packaging.missing(0, 50), [api, version]);
  return (
    <section aria-labelledby="missing-heading">
      <Card title="Products priced as estimates" headingId="missing-heading">
        <ResourceView resource={missing} label="products without packaging">
          {({ items, total }) => <MissingDimensionsTable items={items} total={total} onAdd={onAdd} />}
        </ResourceView>
      </Card>
    </section>
  );
}

/** Every product's packaging, a page at a time. */
function ProfilesSection({
  version,
  locationName,
  onEdit,
  onDelete,
}: {
  version: number;
  locationName: (id: string) => string;
  onEdit: (editing: { profile?: PackagingProfile; key?: string }) => void;
  onDelete: (profile: PackagingProfile) => void;
}) {
  const { api } = useAdmin();
  const [offset, setOffset] = useState(0);
  const profiles = useResource(() => api.packaging.list(offset, PAGE_SIZE), [api, offset, version]);
  return (
    <section aria-labelledby="profiles-heading">
      <Card title="Packaging per product" headingId="profiles-heading">
        <ResourceView resource={profiles} label="packaging">
          {({ profiles: list, total }) =>
            list.length === 0 ? (
              <EmptyState
                heading="No product has packaging of its own yet"
                action={
                  <EditOnly>
                    <Button onClick={() => onEdit({})}>Add packaging</Button>
                  </EditOnly>
                }
              >
                <EditOnly>Add products one by one, or upload a CSV below.</EditOnly>
              </EmptyState>
            ) : (
              <Stack gap="300">
                <ProfilesTable
                  list={list}
                  locationName={locationName}
                  onEdit={(profile) => onEdit({ profile })}
                  onDelete={onDelete}
                />
                <Pager
                  offset={offset}
                  shown={list.length}
                  total={total}
                  pageSize={PAGE_SIZE}
                  setOffset={setOffset}
                  back="Previous"
                  forward="Next"
                />
              </Stack>
            )
          }
        </ResourceView>
      </Card>
    </section>
  );
}
