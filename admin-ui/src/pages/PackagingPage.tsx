/**
 * Products and packaging: the default box, product sync, the CSV import, the products still priced as
 * estimates (missing dimensions, flagged), and every product's packaging with add, edit and delete.
 */
import type { PackagingProfile } from '../../../core/wire/admin-api-types';
import { useState } from 'react';
import { useAdmin } from '../app/AdminContext';
import { useAction, useResource } from '../api/use-resource';
import { AdminPage } from '../components/AdminPage';
import { DefaultBoxForm } from '../components/DefaultBoxForm';
import { ErrorBanner } from '../components/ErrorBanner';
import { PackagingCsvImport } from '../components/PackagingCsvImport';
import { ProductSyncProgress } from '../components/ProductSyncProgress';
import { ProfileEditor } from '../components/ProfileEditor';
import { MissingDimensionsTable } from '../components/MissingDimensionsTable';
import { ResourceView } from '../components/ResourceView';
import { Badge } from '../ui/Badge';
import { Button, ButtonGroup } from '../ui/Button';
import { Card } from '../ui/Card';
import { DataTable } from '../ui/DataTable';
import { EmptyState } from '../ui/EmptyState';
import { Modal } from '../ui/Modal';
import { Row, Stack } from '../ui/Stack';
import { Text } from '../ui/Text';

const PAGE_SIZE = 25;

export function PackagingPage() {
  const { api } = useAdmin();
  const [offset, setOffset] = useState(0);
  const [version, setVersion] = useState(0);
  const refresh = () => setVersion((v) => v + 1);
  const defaultBox = useResource(() => api.packaging.defaultBox(), [api]);
  const profiles = useResource(() => api.packaging.list(offset, PAGE_SIZE), [api, offset, version]);
  const missing = useResource(() => api.packaging.missing(0, 50), [api, version]);
  const locations = useResource(() => api.locations.list(), [api]);
  const [editing, setEditing] = useState<{ profile?: PackagingProfile; key?: string } | undefined>(undefined);
  const [deleting, setDeleting] = useState<PackagingProfile | undefined>(undefined);
  const remove = useAction(async (key: string) => {
    await api.packaging.remove(key);
    return true;
  });
  const locationName = (id: string) => locations.data?.find((l) => l.id === id)?.name ?? 'a deleted location';

  return (
    <AdminPage
      title="Products and packaging"
      subtitle="How each product ships"
      primaryAction={{ content: 'Add packaging', onAction: () => setEditing({}) }}
    >
      <Card title="Default box">
        <Text>
          Products without packaging of their own are priced in this box, with their shop weight (an
          estimate).
        </Text>
        <ResourceView resource={defaultBox} label="the default box">
          {(box) => <DefaultBoxForm initial={box} onSaved={(saved) => defaultBox.setData(saved)} />}
        </ResourceView>
      </Card>
      <ProductSyncProgress onFinished={refresh} />
      <section aria-labelledby="missing-heading">
        <Card title="Products priced as estimates" headingId="missing-heading">
          <ResourceView resource={missing} label="products without packaging">
            {({ items, total }) => (
              <MissingDimensionsTable items={items} total={total} onAdd={(key) => setEditing({ key })} />
            )}
          </ResourceView>
        </Card>
      </section>
      <section aria-labelledby="profiles-heading">
        <Card title="Packaging per product" headingId="profiles-heading">
          <ResourceView resource={profiles} label="packaging">
            {({ profiles: list, total }) =>
              list.length === 0 ? (
                <EmptyState
                  heading="No product has packaging of its own yet"
                  action={<Button onClick={() => setEditing({})}>Add packaging</Button>}
                >
                  Add products one by one, or upload a CSV below.
                </EmptyState>
              ) : (
                <Stack gap="300">
                  <DataTable
                    headings={['Product', 'Packages per unit', 'Ships from', 'Consolidate', 'Actions']}
                    rows={list.map((profile) => [
                      profile.sku ?? `Variant ${profile.variantId ?? ''}`,
                      profile.packages.length === 0 ? (
                        <Badge key="none" tone="warning">
                          Missing dimensions
                        </Badge>
                      ) : (
                        profile.packages
                          .map(
                            (p) =>
                              `${p.quantity} × ${p.type} ${p.lengthCm}×${p.widthCm}×${p.heightCm} cm, ${p.weightKg} kg`,
                          )
                          .join('; ')
                      ),
                      profile.locationIds.length === 0
                        ? 'Default location'
                        : profile.locationIds.map(locationName).join(', '),
                      profile.consolidatable ? 'Yes' : 'No',
                      <ButtonGroup key="actions">
                        <Button
                          size="slim"
                          onClick={() => setEditing({ profile })}
                          accessibilityLabel={`Edit packaging of ${profile.key}`}
                        >
                          Edit
                        </Button>
                        <Button
                          size="slim"
                          critical
                          onClick={() => setDeleting(profile)}
                          accessibilityLabel={`Delete packaging of ${profile.key}`}
                        >
                          Delete
                        </Button>
                      </ButtonGroup>,
                    ])}
                  />
                  <Row align="space-between">
                    <Text tone="subdued">
                      {offset + 1}–{offset + list.length} of {total}
                    </Text>
                    <ButtonGroup>
                      <Button
                        disabled={offset === 0}
                        onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}
                      >
                        Previous
                      </Button>
                      <Button
                        disabled={offset + list.length >= total}
                        onClick={() => setOffset(offset + PAGE_SIZE)}
                      >
                        Next
                      </Button>
                    </ButtonGroup>
                  </Row>
                </Stack>
              )
            }
          </ResourceView>
        </Card>
      </section>
      <Card title="Import or export a CSV">
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
      <Modal
        open={deleting !== undefined}
        title={`Delete the packaging of ${deleting?.sku ?? deleting?.key ?? ''}?`}
        onClose={() => setDeleting(undefined)}
        primaryAction={{
          content: 'Delete packaging',
          destructive: true,
          loading: remove.pending,
          onAction: () =>
            void remove.run(deleting?.key ?? '').then((done) => {
              if (!done) return;
              setDeleting(undefined);
              refresh();
            }),
        }}
        secondaryAction={{ content: 'Keep it', onAction: () => setDeleting(undefined) }}
      >
        <Stack gap="200">
          <ErrorBanner error={remove.error} />
          <Text>
            Checkout will price this product from its shop weight in your default box, as an estimate.
          </Text>
        </Stack>
      </Modal>
    </AdminPage>
  );
}
