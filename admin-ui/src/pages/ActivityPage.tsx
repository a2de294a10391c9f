/**
 * The store's activity: every change to tokens, connector keys, people and settings, newest first, with
 * who made it, when, and from which front end (the standalone admin, the Shopify admin or WordPress).
 */
import { useState } from 'react';
import type { ActivityEntry } from '../../../core/wire/admin-api-types';
import { useResource } from '../api/use-resource';
import { useAdmin } from '../app/AdminContext';
import { AdminPage } from '../components/AdminPage';
import { ResourceView } from '../components/ResourceView';
import { formatDateTime } from '../format/dates';
import { Button } from '../ui/Button';
import { Card } from '../ui/Card';
import { DataTable } from '../ui/DataTable';
import { Stack } from '../ui/Stack';
import { Text } from '../ui/Text';
import { describeActor, FRONT_END_TEXT } from './connections/EventTimeline';
import { AccessPolicyCard } from './people/AccessPolicyCard';

const PAGE = 25;

/** Route → words. Unknown actions (a route added later) show as the route itself. */
const ACTION_TEXT: Readonly<Record<string, string>> = {
  'POST /connections': 'Connected a freight platform',
  'POST /connections/:id/verify': 'Checked a token',
  'PUT /connections/:id/token': 'Replaced a token',
  'PUT /connections/:id/budget': 'Changed request limits',
  'DELETE /connections/:id': 'Disconnected a freight platform',
  'POST /connector-keys': 'Created a connector key',
  'POST /connector-keys/:id/revoke': 'Revoked a connector key',
  'POST /woocommerce/store': 'Connected the WooCommerce store',
  'POST /woocommerce/sync': 'Started a product sync',
  'PUT /rules': 'Changed the rules',
  'PUT /packaging-settings/default-box': 'Changed the default box',
  'PUT /packaging/:key': 'Changed packaging',
  'DELETE /packaging/:key': 'Removed packaging',
  'POST /packaging/import': 'Imported packaging',
  'POST /locations': 'Added a pickup location',
  'PUT /locations/:id': 'Changed a pickup location',
  'DELETE /locations/:id': 'Removed a pickup location',
  'POST /locations/:id/default': 'Changed the default pickup location',
  'POST /people/invitations': 'Invited someone',
  'DELETE /people/invitations/:id': 'Withdrew an invitation',
  'PUT /people/:id/role': "Changed someone's role",
  'DELETE /people/:id': 'Removed someone',
  person_joined: 'Joined the store',
  one_click_key_created: 'Created a connector key (one-click connect)',
  'POST /carrier-service': 'Went live in Shopify checkout',
  'PUT /access-policy': 'Changed who may change tokens',
  'POST /products/sync': 'Started a product sync',
};

export function ActivityPage() {
  const { api, session, host } = useAdmin();
  const [limit, setLimit] = useState(PAGE);
  const activity = useResource(() => api.activity(0, limit), [api, limit]);
  const self = session.data?.actor;
  return (
    <AdminPage title="Activity" subtitle="Who changed tokens, keys, people and settings">
      {host.kind === 'shopify' ? <AccessPolicyCard /> : null}
      <ResourceView resource={activity} label="activity">
        {({ entries, total }) => (
          <Card>
            {entries.length === 0 ? (
              <Text tone="subdued">No changes recorded yet.</Text>
            ) : (
              <Stack gap="300">
                <DataTable
                  headings={['What', 'Who', 'Where', 'When']}
                  rows={entries.map((entry: ActivityEntry) => [
                    ACTION_TEXT[entry.action] ?? entry.action,
                    entry.actor === self ? 'you' : (entry.actorEmail ?? describeActor(entry.actor, self)),
                    FRONT_END_TEXT[entry.frontEnd],
                    formatDateTime(entry.at),
                  ])}
                />
                {total > entries.length ? (
                  <div>
                    <Button onClick={() => setLimit((l) => l + PAGE)} loading={activity.refreshing}>
                      Show older activity
                    </Button>
                  </div>
                ) : null}
              </Stack>
            )}
          </Card>
        )}
      </ResourceView>
    </AdminPage>
  );
}
