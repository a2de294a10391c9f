/** A connection's audit trail, newest first, ten at a time. */
import { useState } from 'react';
import type { ConnectionEvent, FrontEnd } from '../../../../core/wire/admin-api-types';
import { useResource } from '../../api/use-resource';
import { useAdmin } from '../../app/AdminContext';
import { ResourceView } from '../../components/ResourceView';
import { formatDateTime } from '../../format/dates';
import { Button } from '../../ui/Button';
import { Row, Stack } from '../../ui/Stack';
import { Text } from '../../ui/Text';

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

export function EventTimeline({ connectionId, version }: { connectionId: string; version: number }) {
  const { api, session } = useAdmin();
  const self = session.data?.actor;
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
                        {formatDateTime(event.at)} · by{' '}
                        {event.actor === self
                          ? 'you'
                          : (event.actorEmail ?? describeActor(event.actor, self))}
                        {event.frontEnd ? ` · ${FRONT_END_TEXT[event.frontEnd]}` : ''}
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

export const FRONT_END_TEXT: Readonly<Record<FrontEnd, string>> = {
  standalone: 'in the RateBridge admin',
  shopify: 'in the Shopify admin',
  woocommerce: 'from WordPress',
};

/** Who did it, as a person reads it: "you" for the signed-in actor, otherwise who it was. */
export function describeActor(actor: string, self: string | undefined): string {
  if (actor === self) return 'you';
  if (actor === 'scheduler' || actor === 'schedule') return 'scheduled check';
  if (actor === 'checkout') return 'checkout';
  const staff = /^shopify-user:(.+)$/.exec(actor);
  if (staff) return `Shopify staff member ${staff[1] ?? ''}`;
  // Entries made before addresses were kept with them: the id is all there is.
  if (actor.startsWith('person:')) return 'a member of this store';
  if (actor === 'woocommerce-admin') return 'a WordPress administrator';
  if (actor === 'woocommerce-plugin') return 'the WordPress plugin';
  return actor === 'merchant' || actor === 'demo-merchant' ? "the store's owner link" : actor;
}
