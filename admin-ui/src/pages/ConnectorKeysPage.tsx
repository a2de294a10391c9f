/** Connector keys for the WooCommerce plugin (standalone only): list, create (secret shown once), revoke. */
import { useState } from 'react';
import { isApiError } from '../api/api-error';
import type { ConnectorKey } from '../api/types';
import { useAction, useResource } from '../api/use-resource';
import { useAdmin } from '../app/AdminContext';
import { AdminPage } from '../components/AdminPage';
import { ConnectorKeyCreate } from '../components/ConnectorKeyCreate';
import { ErrorBanner } from '../components/ErrorBanner';
import { PluginDownload } from '../components/PluginDownload';
import { ResourceView } from '../components/ResourceView';
import { formatAgo, formatDateTime } from '../format/dates';
import { Badge } from '../ui/Badge';
import { Banner } from '../ui/Banner';
import { Button } from '../ui/Button';
import { Card } from '../ui/Card';
import { DataTable } from '../ui/DataTable';
import { EmptyState } from '../ui/EmptyState';
import { Modal } from '../ui/Modal';
import { Stack } from '../ui/Stack';
import { Code, Text } from '../ui/Text';

export function ConnectorKeysPage() {
  const { api } = useAdmin();
  const keys = useResource(() => api.connectorKeys.list(), [api]);
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ConnectorKey | undefined>(undefined);
  const revoke = useAction(api.connectorKeys.revoke);
  const unavailable = isApiError(keys.error) && keys.error.isMissingRoute;

  return (
    <AdminPage
      title="Connector keys"
      subtitle="How your WooCommerce plugin proves it is yours"
      primaryAction={
        unavailable
          ? undefined
          : { content: 'Create connector key', onAction: () => setCreating(true), disabled: creating }
      }
    >
      {unavailable ? (
        <Banner tone="info" title="Connector keys are not available on this server">
          This RateBridge server does not run the WooCommerce bridge. Ask whoever runs it to enable it.
        </Banner>
      ) : (
        <>
          {creating ? (
            <Card title="New connector key">
              <ConnectorKeyCreate onCreated={() => void keys.reload()} />
              <div>
                <Button onClick={() => setCreating(false)}>Done</Button>
              </div>
            </Card>
          ) : null}
          <PluginDownload />
          <ResourceView resource={keys} label="connector keys">
            {(list) =>
              list.length === 0 ? (
                <Card>
                  <EmptyState
                    heading="No connector keys yet"
                    action={
                      <Button primary onClick={() => setCreating(true)}>
                        Create connector key
                      </Button>
                    }
                  >
                    The WooCommerce plugin needs one to ask RateBridge for rates.
                  </EmptyState>
                </Card>
              ) : (
                <Card>
                  <DataTable
                    headings={['Name', 'Key id', 'Created', 'Last used', 'Status', 'Actions']}
                    rows={list.map((key) => [
                      key.name,
                      <Code key="id">{key.id}</Code>,
                      formatDateTime(key.createdAt),
                      formatAgo(key.lastUsedAt, 'Never'),
                      key.revokedAt ? (
                        <Badge
                          key="status"
                          tone="critical"
                        >{`Revoked ${formatDateTime(key.revokedAt)}`}</Badge>
                      ) : (
                        <Badge key="status" tone="success">
                          Active
                        </Badge>
                      ),
                      key.revokedAt ? (
                        '—'
                      ) : (
                        <Button
                          key="revoke"
                          size="slim"
                          critical
                          onClick={() => setRevoking(key)}
                          accessibilityLabel={`Revoke ${key.name}`}
                        >
                          Revoke
                        </Button>
                      ),
                    ])}
                  />
                </Card>
              )
            }
          </ResourceView>
        </>
      )}
      <Modal
        open={revoking !== undefined}
        title={`Revoke “${revoking?.name ?? ''}”?`}
        onClose={() => setRevoking(undefined)}
        primaryAction={{
          content: 'Revoke key',
          destructive: true,
          loading: revoke.pending,
          onAction: () =>
            void revoke.run(revoking?.id ?? '').then((result) => {
              if (!result) return;
              setRevoking(undefined);
              void keys.reload();
            }),
        }}
        secondaryAction={{ content: 'Keep it', onAction: () => setRevoking(undefined) }}
      >
        <Stack gap="200">
          <ErrorBanner error={revoke.error} />
          <Text>
            The plugin using this key stops getting live rates at once: its shop shows its fallback rate until
            you paste a new key into it. This cannot be undone.
          </Text>
        </Stack>
      </Modal>
    </AdminPage>
  );
}
