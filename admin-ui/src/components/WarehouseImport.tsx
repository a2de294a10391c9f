/** Imports the warehouses a platform account already has (MachShip company locations; the sandbox's demo ones). */
import type { ConnectionView, WarehouseImport as ImportResult } from '../../../core/wire/admin-api-types';
import { useState } from 'react';
import { useAdmin } from '../app/AdminContext';
import { useAction } from '../api/use-resource';
import { Banner } from '../ui/Banner';
import { Button } from '../ui/Button';
import { List } from '../ui/List';
import { Stack } from '../ui/Stack';
import { Text } from '../ui/Text';
import { ErrorBanner } from './ErrorBanner';

export function WarehouseImport({ onImported }: { onImported: (result: ImportResult) => void }) {
  const { api, connections, platforms } = useAdmin();
  const withWarehouses = (connections.data ?? []).filter(
    (connection: ConnectionView) =>
      connection.status === 'active' &&
      (platforms.data ?? []).some((p) => p.name === connection.platform && p.hasWarehouses),
  );
  const [result, setResult] = useState<{ label: string; value: ImportResult } | undefined>(undefined);
  const importing = useAction(api.locations.importFromPlatform);

  if (withWarehouses.length === 0) return null;
  return (
    <Stack gap="300">
      {withWarehouses.map((connection) => (
        <div key={connection.id}>
          <Button
            onClick={() =>
              void importing.run(connection.id).then((value) => {
                if (!value) return;
                setResult({ label: connection.label, value });
                onImported(value);
              })
            }
            loading={importing.pending}
          >
            {`Import warehouses from ${connection.label}`}
          </Button>
        </div>
      ))}
      <ErrorBanner error={importing.error} />
      {result ? <ImportSummary label={result.label} result={result.value} /> : null}
    </Stack>
  );
}

function ImportSummary({ label, result }: { label: string; result: ImportResult }) {
  const counts = [
    `${result.created.length} added`,
    `${result.linked.length} linked to locations you already had`,
    `${result.unchanged.length} already imported`,
  ];
  return (
    <Banner
      tone={result.skipped.length > 0 || result.warnings.length > 0 ? 'warning' : 'success'}
      title={`Imported from ${label}: ${counts.join(', ')}.`}
    >
      <Stack gap="200">
        {result.skipped.length > 0 ? (
          <>
            <Text>Not imported:</Text>
            <List items={result.skipped.map((s) => `${s.name}: ${s.reason}`)} />
          </>
        ) : null}
        {result.warnings.length > 0 ? <List items={result.warnings} /> : null}
      </Stack>
    </Banner>
  );
}
