/**
 * Freight platform connections: status, what the last check said, when the token was last verified and
 * used, its audit trail, and the two fixes (replace the token, disconnect). `?replace=<id>` (the banner's
 * link) opens the replace dialog at once.
 */
import type { ConnectionEvent, ConnectionView } from '../../../core/wire/admin-api-types';
import { useState, type FormEvent } from 'react';
import { useAdmin } from '../app/AdminContext';
import { useRouter } from '../app/router';
import { useAction, useResource } from '../api/use-resource';
import { AdminPage } from '../components/AdminPage';
import { ConnectForm } from '../components/ConnectForm';
import { ErrorBanner } from '../components/ErrorBanner';
import { ResourceView } from '../components/ResourceView';
import { TokenField } from '../components/TokenField';
import { formatAgo, formatDateTime } from '../format/dates';
import { OUTCOME_TEXT, PLATFORM_NAMES, STATUS_BADGE } from '../format/connection-status';
import { Badge } from '../ui/Badge';
import { Banner } from '../ui/Banner';
import { Button, ButtonGroup } from '../ui/Button';
import { Card } from '../ui/Card';
import { DescriptionList } from '../ui/DescriptionList';
import { EmptyState } from '../ui/EmptyState';
import { Modal } from '../ui/Modal';
import { Row, Stack } from '../ui/Stack';
import { Text } from '../ui/Text';

const EVENTS_PAGE = 10;

const EVENT_TEXT: Readonly<Record<string, string>> = {
  connected: 'Connected',
  verified: 'Token checked',
  check_failed: 'Check failed',
  revoked_detected: 'Token found revoked',
  needs_attention: 'Needs attention',
  replaced: 'Token replaced',
  replace_refused: 'New token refused',
  disconnected: 'Disconnected',
  budget_changed: 'Request limits changed',
};

export function ConnectionsPage() {
  const { connections, platforms } = useAdmin();
  const { route, navigate } = useRouter();
  const [adding, setAdding] = useState(false);
  const replaceId = route.params.get('replace');
  const welcome = route.params.get('welcome') === '1';

  return (
    <AdminPage
      title="Connections"
      subtitle="Your freight platform tokens"
      primaryAction={{ content: 'Connect a platform', onAction: () => setAdding(true), disabled: adding }}
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
      {adding ? (
        <Card title="Connect a freight platform">
          <ResourceView resource={platforms} label="platforms">
            {(list) => (
              <ConnectForm
                platforms={list}
                onConnected={() => {
                  setAdding(false);
                  void connections.reload();
                }}
              />
            )}
          </ResourceView>
          <div>
            <Button onClick={() => setAdding(false)}>Cancel</Button>
          </div>
        </Card>
      ) : null}
      <ResourceView resource={connections} label="connections">
        {(list) =>
          list.length === 0 ? (
            <Card>
              <EmptyState
                heading="No freight platform connected"
                action={
                  <Button primary onClick={() => setAdding(true)}>
                    Connect a platform
                  </Button>
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
    </AdminPage>
  );
}

function ConnectionCard({
  connection,
  replaceOpen,
  onReplaceOpen,
  onReplaceClose,
}: {
  connection: ConnectionView;
  replaceOpen: boolean;
  onReplaceOpen: () => void;
  onReplaceClose: () => void;
}) {
  const { api, connections } = useAdmin();
  const [confirmDisconnect, setConfirmDisconnect] = useState(false);
  const [showEvents, setShowEvents] = useState(false);
  const [checkNote, setCheckNote] = useState<string | undefined>(undefined);
  const [eventsVersion, setEventsVersion] = useState(0);
  const verify = useAction(api.connections.verify);
  const disconnect = useAction(async (id: string) => {
    await api.connections.disconnect(id);
    return true;
  });
  const badge = STATUS_BADGE[connection.status];
  const platform = PLATFORM_NAMES[connection.platform] ?? connection.platform;
  const headingId = `connection-${connection.id}`;

  const replaceWith = (updated: ConnectionView) =>
    connections.setData((current) => (current ?? []).map((c) => (c.id === updated.id ? updated : c)));

  const checkNow = async () => {
    setCheckNote(undefined);
    const result = await verify.run(connection.id);
    if (!result) return;
    replaceWith(result.connection);
    setEventsVersion((v) => v + 1);
    setCheckNote(
      result.checked
        ? `Checked just now: ${OUTCOME_TEXT[result.connection.lastCheck?.outcome ?? 'valid'].toLowerCase()}.`
        : `${platform} was asked less than a minute ago; showing that answer.`,
    );
  };

  return (
    <section aria-labelledby={headingId}>
      <Card
        title={connection.label}
        headingId={headingId}
        actions={<Badge tone={badge.tone}>{badge.label}</Badge>}
      >
        <Stack gap="300">
          <DescriptionList
            items={[
              {
                term: 'Platform',
                // Only some platforms say which side a token is on (MachShip does not): say when it is unconfirmed.
                description: `${platform}, ${connection.environment === 'live' ? 'live' : 'test'} environment${
                  connection.account?.testMode === undefined
                    ? ` (as chosen: ${platform} does not say whether the token is a test or a live one)`
                    : ''
                }`,
              },
              ...(connection.account?.name
                ? [{ term: 'Account', description: connection.account.name }]
                : []),
              { term: 'Token', description: `ends in ${connection.hint}` },
              { term: 'Last verified', description: formatDateTime(connection.verifiedAt) },
              { term: 'Last used at checkout', description: formatAgo(connection.lastUsedAt, 'Not yet') },
              {
                term: 'Last check',
                description: connection.lastCheck
                  ? `${OUTCOME_TEXT[connection.lastCheck.outcome]} ${formatAgo(connection.lastCheck.at)}${
                      connection.lastCheck.detail ? `: ${connection.lastCheck.detail}` : ''
                    }`
                  : 'Not checked yet',
              },
              { term: 'Next scheduled check', description: formatDateTime(connection.nextCheckAt) },
            ]}
          />
          <ErrorBanner error={verify.error} context={{ platform: connection.platform }} />
          {checkNote ? (
            <div role="status">
              <Text tone="subdued">{checkNote}</Text>
            </div>
          ) : null}
          <ButtonGroup>
            <Button
              onClick={() => void checkNow()}
              loading={verify.pending}
              accessibilityLabel={`Check ${connection.label} now`}
            >
              Check now
            </Button>
            <Button
              primary={connection.status !== 'active'}
              onClick={onReplaceOpen}
              accessibilityLabel={`Replace the token of ${connection.label}`}
            >
              Replace token
            </Button>
            <Button onClick={() => setShowEvents((s) => !s)} pressed={showEvents}>
              {showEvents ? 'Hide activity' : 'Show activity'}
            </Button>
            <Button
              critical
              onClick={() => setConfirmDisconnect(true)}
              accessibilityLabel={`Disconnect ${connection.label}`}
            >
              Disconnect
            </Button>
          </ButtonGroup>
          {showEvents ? <EventTimeline connectionId={connection.id} version={eventsVersion} /> : null}
        </Stack>
      </Card>
      {replaceOpen ? (
        <ReplaceTokenModal
          connection={connection}
          onClose={onReplaceClose}
          onReplaced={(updated) => {
            replaceWith(updated);
            setEventsVersion((v) => v + 1);
            onReplaceClose();
          }}
        />
      ) : null}
      <Modal
        open={confirmDisconnect}
        title={`Disconnect “${connection.label}”?`}
        onClose={() => setConfirmDisconnect(false)}
        primaryAction={{
          content: 'Disconnect',
          destructive: true,
          loading: disconnect.pending,
          onAction: () =>
            void disconnect.run(connection.id).then((done) => {
              if (!done) return;
              setConfirmDisconnect(false);
              void connections.reload();
            }),
        }}
        secondaryAction={{ content: 'Keep it', onAction: () => setConfirmDisconnect(false) }}
      >
        <Stack gap="200">
          <ErrorBanner error={disconnect.error} />
          <Text>
            RateBridge deletes its sealed copy of the token at once. Checkout stops using {platform} through
            this connection and shows rates from your other connections, or your fallback rates if there are
            none.
          </Text>
          <Text>
            The token itself stays valid in {platform}: revoke it there too if you no longer need it.
          </Text>
        </Stack>
      </Modal>
    </section>
  );
}

function ReplaceTokenModal({
  connection,
  onClose,
  onReplaced,
}: {
  connection: ConnectionView;
  onClose: () => void;
  onReplaced: (connection: ConnectionView) => void;
}) {
  const { api } = useAdmin();
  const [token, setToken] = useState('');
  const replace = useAction(api.connections.replaceToken);
  const platform = PLATFORM_NAMES[connection.platform] ?? connection.platform;
  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    const updated = await replace.run(connection.id, token);
    if (updated) onReplaced(updated);
  };
  return (
    <Modal
      open
      title={`Replace the token of “${connection.label}”`}
      onClose={onClose}
      primaryAction={{
        content: 'Verify and replace',
        onAction: () => void submit(),
        loading: replace.pending,
        disabled: token.trim() === '',
      }}
      secondaryAction={{ content: 'Cancel', onAction: onClose }}
    >
      <form onSubmit={(event) => void submit(event)} aria-label="Replace token" noValidate>
        <Stack gap="300">
          <Text>
            Create a new {connection.environment} token in {platform} and paste it here. It is verified first:
            if {platform} refuses it, the current token stays exactly as it is.
          </Text>
          <ErrorBanner
            error={replace.error}
            context={{ platform: connection.platform }}
            showDetails={false}
          />
          <TokenField label="New API token" value={token} onChange={setToken} />
        </Stack>
      </form>
    </Modal>
  );
}

function EventTimeline({ connectionId, version }: { connectionId: string; version: number }) {
  const { api } = useAdmin();
  const [limit, setLimit] = useState(EVENTS_PAGE);
  const events = useResource(
    () => api.connections.events(connectionId, 0, limit),
    [api, connectionId, limit, version],
  );
  return (
    <section aria-label="Activity">
      <ResourceView resource={events} label="activity">
        {({ events: list, total }) =>
          list.length === 0 ? (
            <Text tone="subdued">No activity recorded yet.</Text>
          ) : (
            <Stack gap="200">
              <ol className="rb-timeline">
                {list.map((event: ConnectionEvent, index) => (
                  <li key={`${event.at}-${index}`}>
                    <Row gap="200">
                      <Text as="span" strong>
                        {EVENT_TEXT[event.type] ?? event.type}
                      </Text>
                      <Text as="span" tone="subdued">
                        {formatDateTime(event.at)} · by {describeActor(event.actor)}
                      </Text>
                    </Row>
                    {event.detail ? <Text>{event.detail}</Text> : null}
                  </li>
                ))}
              </ol>
              {total > list.length ? (
                <div>
                  <Button onClick={() => setLimit((l) => l + EVENTS_PAGE)} loading={events.refreshing}>
                    Show older activity
                  </Button>
                </div>
              ) : null}
            </Stack>
          )
        }
      </ResourceView>
    </section>
  );
}

function describeActor(actor: string): string {
  if (actor === 'scheduler' || actor === 'schedule') return 'scheduled check';
  if (actor === 'checkout') return 'checkout';
  if (actor.startsWith('shopify-user:')) return 'a Shopify staff member';
  return actor === 'merchant' || actor === 'demo-merchant' ? 'you' : actor;
}
