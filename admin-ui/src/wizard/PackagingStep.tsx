import { useState } from 'react';
import { useAdmin } from '../app/AdminContext';
import type { MissingDimensionsPage } from '../../../core/wire/admin-api-types';
import { useResource } from '../api/use-resource';
import { DefaultBoxForm } from '../components/DefaultBoxForm';
import { MissingDimensionsTable } from '../components/MissingDimensionsTable';
import { PackagingCsvImport } from '../components/PackagingCsvImport';
import { ProductSyncProgress } from '../components/ProductSyncProgress';
import { ProfileEditor } from '../components/ProfileEditor';
import { ResourceView } from '../components/ResourceView';
import { Button } from '../ui/Button';
import { Card } from '../ui/Card';
import { Link } from '../ui/Link';
import { Row, Stack } from '../ui/Stack';
import { Text } from '../ui/Text';

export function PackagingStep({ onDone }: { onDone: () => void }) {
  const { api } = useAdmin();
  const state = useResource(async () => {
    const [defaultBox, profiles, missing, locations] = await Promise.all([
      api.packaging.defaultBox(),
      api.packaging.list(0, 1),
      api.packaging.missing(0, 10),
      api.locations.list(),
    ]);
    return { defaultBox, profileCount: profiles.total, missing, locations };
  }, [api]);
  const [adding, setAdding] = useState<string | undefined>(undefined);

  return (
    <ResourceView resource={state} label="packaging">
      {({ defaultBox, profileCount, missing, locations }) => {
        const ready = defaultBox !== null || profileCount > 0;
        return (
          <Stack gap="400">
            <Card title="Default box">
              <Text>
                Products without packaging of their own are priced in this box, with their shop weight (marked
                as an estimate). You can describe each product exactly later.
              </Text>
              <DefaultBoxForm initial={defaultBox} onSaved={() => void state.reload()} />
            </Card>
            <ProductSyncProgress onFinished={() => void state.reload()} />
            <ExactPackagingCard
              profileCount={profileCount}
              missing={missing}
              onAdd={setAdding}
              onImported={() => void state.reload()}
            />
            {adding !== undefined ? (
              <ProfileEditor
                suggestedKey={adding}
                locations={locations}
                onClose={() => setAdding(undefined)}
                onSaved={() => {
                  setAdding(undefined);
                  void state.reload();
                }}
              />
            ) : null}
            <Row>
              <Button primary onClick={onDone} disabled={!ready}>
                Continue
              </Button>
              {!ready ? (
                <Text tone="subdued">Save a default box (or upload packaging) to continue.</Text>
              ) : null}
            </Row>
          </Stack>
        );
      }}
    </ResourceView>
  );
}

/** Per-product packaging is optional here: how many have it, the ones missing it, and the CSV import. */
function ExactPackagingCard({
  profileCount,
  missing,
  onAdd,
  onImported,
}: {
  profileCount: number;
  missing: MissingDimensionsPage;
  onAdd: (key: string) => void;
  onImported: () => void;
}) {
  const [showCsv, setShowCsv] = useState(false);
  return (
    <Card title="Exact packaging per product (optional)">
      <Stack gap="300">
        <Text>
          {profileCount > 0
            ? `${profileCount} product${profileCount === 1 ? ' has' : 's have'} packaging of their own. `
            : 'No product has packaging of its own yet. '}
          <Link url="/settings/packaging">Manage products and packaging</Link>
        </Text>
        {missing.total > 0 ? (
          <MissingDimensionsTable items={missing.items} total={missing.total} onAdd={onAdd} />
        ) : null}
        {showCsv ? (
          <PackagingCsvImport onImported={onImported} />
        ) : (
          <div>
            <Button onClick={() => setShowCsv(true)}>Upload a packaging CSV</Button>
          </div>
        )}
      </Stack>
    </Card>
  );
}
