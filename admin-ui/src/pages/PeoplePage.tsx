/**
 * The standalone store's people (owners only): who has which role, open invitations, and inviting
 * someone by mail or by a link shown once to copy. Shopify's staff are managed in Shopify, so the embedded
 * admin has no such page.
 */
import type { PeopleResponse } from '../../../core/wire/admin-api-types';
import { useResource } from '../api/use-resource';
import { useAdmin } from '../app/AdminContext';
import { AdminPage } from '../components/AdminPage';
import { ResourceView } from '../components/ResourceView';
import { Card } from '../ui/Card';
import { Stack } from '../ui/Stack';
import { Text } from '../ui/Text';
import { InviteForm } from './people/InviteForm';
import { InvitationsTable, PeopleTable } from './people/PeopleTables';

export function PeoplePage() {
  const { api } = useAdmin();
  const people = useResource(() => api.people.list(), [api]);
  return (
    <AdminPage title="People" subtitle="Who may sign in to this store, and what each may do">
      <Card title="Invite someone">
        <InviteForm onInvited={() => void people.reload()} />
      </Card>
      <ResourceView resource={people} label="people">
        {(data: PeopleResponse) => (
          <Stack gap="400">
            <Card title="Members">
              {data.people.length === 0 ? (
                <Text tone="subdued">Nobody has joined yet: invite someone above.</Text>
              ) : (
                <PeopleTable people={data.people} onChanged={() => void people.reload()} />
              )}
            </Card>
            {data.invitations.length > 0 ? (
              <Card title="Open invitations">
                <InvitationsTable invitations={data.invitations} onChanged={() => void people.reload()} />
              </Card>
            ) : null}
          </Stack>
        )}
      </ResourceView>
      <Card title="Roles">
        <Text>
          Owners can do everything, people and connector keys included; a store always keeps one owner, and
          nobody changes their own role. Admins manage connections and settings. Viewers read settings and the
          rate log and run test quotes. A removed person is signed out at once.
        </Text>
      </Card>
    </AdminPage>
  );
}
