/** Connector keys for the WooCommerce plugin (standalone only): list, create (secret shown once), revoke. */
import { useState } from 'react';
import { isApiError } from '../api/api-error';
import type { ListedConnectorKey } from '../../../core/wire/admin-api-types';
import { useResource, type Resource } from '../api/use-resource';
import { useAdmin } from '../app/AdminContext';
import { AdminPage } from '../components/AdminPage';
import { ConnectorKeyCreate } from '../components/ConnectorKeyCreate';
import { PluginDownload } from '../components/PluginDownload';
import { ResourceView } from '../components/ResourceView';
import { Banner } from '../ui/Banner';
import { Button } from '../ui/Button';
import { Card } from '../ui/Card';
import { EmptyState } from '../ui/EmptyState';
import { ConnectorKeysTable } from './connector-keys/ConnectorKeysTable';
import { RevokeKeyModal } from './connector-keys/RevokeKeyModal';

export function ConnectorKeysPage() {
  const { api, can } = useAdmin();
  // Owners only: a key signs the plugin's "Open RateBridge" in as the one who made it.
  const manage = can('owner');
  const keys = useResource(() => api.connectorKeys.list(), [api]);
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ListedConnectorKey | undefined>(undefined);
  const unavailable = isApiError(keys.error) && keys.error.isMissingRoute;

  return (
    <AdminPage
      title="Connector keys"
      subtitle="How your WooCommerce plugin proves it is yours"
      primaryAction={
        unavailable || !manage
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
          {creating && manage ? (
            <Card title="New connector key">
              <ConnectorKeyCreate onCreated={() => void keys.reload()} />
              <div>
                <Button onClick={() => setCreating(false)}>Done</Button>
              </div>
            </Card>
          ) : null}
          <PluginDownload />
          <KeysList
            keys={keys}
            {...(manage ? { onCreate: () => setCreating(true), onRevoke: setRevoking } : {})}
          />
        </>
      )}
      <RevokeKeyModal
        revoking={revoking}
        onClose={() => setRevoking(undefined)}
        onRevoked={() => {
          setRevoking(undefined);
          void keys.reload();
        }}
      />
    </AdminPage>
  );
}

function KeysList({
  keys,
  onCreate,
  onRevoke,
}: {
  keys: Resource<readonly ListedConnectorKey[]>;
  /** Absent for a role that may not create or revoke keys: the controls are not shown. */
  onCreate?: () => void;
  onRevoke?: (key: ListedConnectorKey) => void;
}) {
  return (
    <ResourceView resource={keys} label="connector keys">
      {(list) =>
        list.length === 0 ? (
          <Card>
            <EmptyState
              heading="No connector keys yet"
              action={
                onCreate ? (
                  <Button primary onClick={onCreate}>
                    Create connector key
                  </Button>
                ) : undefined
              }
            >
              The WooCommerce plugin needs one to ask RateBridge for rates.
            </EmptyState>
          </Card>
        ) : (
          <Card>
            <ConnectorKeysTable list={list} {...(onRevoke ? { onRevoke } : {})} />
          </Card>
        )
      }
    </ResourceView>
  );
}
