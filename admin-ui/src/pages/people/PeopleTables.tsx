/**
 * The store's members (role to change, remove after a confirmation; not on your own row) and its open
 * invitations (withdraw).
 */
import { useState } from 'react';
import type { Invitation, Person, Role } from '../../../../core/wire/admin-api-types';
import { useAction } from '../../api/use-resource';
import { useAdmin } from '../../app/AdminContext';
import { ErrorBanner } from '../../components/ErrorBanner';
import { formatDateTime } from '../../format/dates';
import { Button } from '../../ui/Button';
import { DataTable } from '../../ui/DataTable';
import { Select } from '../../ui/Select';
import { Stack } from '../../ui/Stack';
import { RemovePersonModal } from './RemovePersonModal';

const ROLES: readonly { label: string; value: Role }[] = [
  { label: 'Viewer', value: 'viewer' },
  { label: 'Admin', value: 'admin' },
  { label: 'Owner', value: 'owner' },
];

export function PeopleTable({ people, onChanged }: { people: readonly Person[]; onChanged: () => void }) {
  const { api, session } = useAdmin();
  const [removing, setRemoving] = useState<Person | undefined>(undefined);
  const setRole = useAction(async (id: string, role: Role) => {
    await api.people.setRole(id, role);
    onChanged();
  });
  // Your own row changes nothing: another owner changes your role or removes you (RB_ERR_OWN_MEMBERSHIP).
  const isYou = (person: Person) => session.data?.actor === `person:${person.id}`;
  return (
    <Stack gap="300">
      <ErrorBanner error={setRole.error} showDetails={false} />
      <DataTable
        headings={['Email', 'Role', 'Added', 'Actions']}
        rows={people.map((person) => [
          person.email,
          isYou(person) ? (
            `${person.role} (you)`
          ) : (
            <Select
              key="role"
              label={`Role of ${person.email}`}
              labelInline
              options={ROLES}
              value={person.role}
              onChange={(value) => void setRole.run(person.id, value as Role)}
            />
          ),
          formatDateTime(person.addedAt),
          isYou(person) ? (
            '—'
          ) : (
            <Button
              key="remove"
              size="slim"
              critical
              onClick={() => setRemoving(person)}
              accessibilityLabel={`Remove ${person.email}`}
            >
              Remove
            </Button>
          ),
        ])}
      />
      <RemovePersonModal
        removing={removing}
        onClose={() => setRemoving(undefined)}
        onRemoved={() => {
          setRemoving(undefined);
          onChanged();
        }}
      />
    </Stack>
  );
}

export function InvitationsTable({
  invitations,
  onChanged,
}: {
  invitations: readonly Invitation[];
  onChanged: () => void;
}) {
  const { api } = useAdmin();
  const withdraw = useAction(async (id: string) => {
    await api.people.withdraw(id);
    onChanged();
  });
  return (
    <Stack gap="300">
      <ErrorBanner error={withdraw.error} showDetails={false} />
      <DataTable
        headings={['Email', 'Role', 'Expires', 'Actions']}
        rows={invitations.map((invitation) => [
          invitation.email,
          invitation.role,
          formatDateTime(invitation.expiresAt),
          <Button
            key="withdraw"
            size="slim"
            onClick={() => void withdraw.run(invitation.id)}
            accessibilityLabel={`Withdraw the invitation of ${invitation.email}`}
          >
            Withdraw
          </Button>,
        ])}
      />
    </Stack>
  );
}
