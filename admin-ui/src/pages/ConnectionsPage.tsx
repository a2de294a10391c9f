/**
 * Freight platform connections: status, what the last check said, when the token was last verified and
 * used, its audit trail, and the two fixes (replace the token, disconnect). `?replace=<id>` (the banner's
 * link) opens the replace dialog at once.
 */
import { useState } from 'react';
import { useAdmin } from '../app/AdminContext';
import { useRouter } from '../app/router';
import { AdminPage } from '../components/AdminPage';
import { ConnectForm } from '../components/ConnectForm';
import { ResourceView } from '../components/ResourceView';
import { Banner } from '../ui/Banner';
import { Button } from '../ui/Button';
import { Card } from '../ui/Card';
import { EmptyState } from '../ui/EmptyState';
import { Stack } from '../ui/Stack';
import { ConnectionCard } from './connections/ConnectionCard';

export function ConnectionsPage() {
  const { connections, can } = useAdmin();
  const { route, navigate } = useRouter();
  const [adding, setAdding] = useState(false);
  const manage = can('admin');
  const replaceId = route.params.get('replace');
  const welcome = route.params.get('welcome') === '1';

  return (
    <AdminPage
      title="Connections"
      subtitle="Your freight platform tokens"
      primaryAction={
        manage
          ? { content: 'Connect a platform', onAction: () => setAdding(true), disabled: adding }
          : undefined
      }
    >
      {welcome ? (
        <Banner
          tone="success"
          title="Setup is complete"
          onDismiss={() => navigate('/settings/connections', { replace: true })}
        >
          RateBridge is quoting live rates. Fine-tune them in Rules, and check each quote in the Rate log.
        </Banner>
      ) : null}
      {adding && manage ? (
        <AddConnectionCard
          onDone={() => {
            setAdding(false);
            void connections.reload();
          }}
          onCancel={() => setAdding(false)}
        />
      ) : null}
      <ConnectionList replaceId={replaceId} onAdd={() => setAdding(true)} />
    </AdminPage>
  );
}

function AddConnectionCard({ onDone, onCancel }: { onDone: () => void; onCancel: () => void }) {
  const { platforms } = useAdmin();
  return (
    <Card title="Connect a freight platform">
      <ResourceView resource={platforms} label="platforms">
        {(list) => <ConnectForm platforms={list} onConnected={onDone} />}
      </ResourceView>
      <div>
        <Button onClick={onCancel}>Cancel</Button>
      </div>
    </Card>
  );
}

function ConnectionList({ replaceId, onAdd }: { replaceId: string | null; onAdd: () => void }) {
  const { connections, can } = useAdmin();
  const { navigate } = useRouter();
  return (
    <ResourceView resource={connections} label="connections">
      {(list) =>
        list.length === 0 ? (
          <Card>
            <EmptyState
              heading="No freight platform connected"
              action={
                can('admin') ? (
                  <Button primary onClick={onAdd}>
                    Connect a platform
                  </Button>
                ) : undefined
              }
            >
              Checkout shows your fallback rates until a platform is connected.
            </EmptyState>
          </Card>
        ) : (
          <Stack gap="400">
            {list.map((connection) => (
              <ConnectionCard
                key={connection.id}
                connection={connection}
                replaceOpen={replaceId === connection.id}
                onReplaceOpen={() =>
                  navigate(`/settings/connections?replace=${encodeURIComponent(connection.id)}`)
                }
                onReplaceClose={() => navigate('/settings/connections', { replace: true })}
              />
            ))}
          </Stack>
        )
      }
    </ResourceView>
  );
}
