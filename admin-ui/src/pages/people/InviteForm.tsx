/** Invites an address with a role; the link is mailed, or shown here once to copy. */
import type { InviteResponse, Role } from '../../../../core/wire/admin-api-types';
import { useState, type FormEvent } from 'react';
import { fieldErrors } from '../../api/api-error';
import { useAction } from '../../api/use-resource';
import { useAdmin } from '../../app/AdminContext';
import { CopyField } from '../../components/CopyField';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Banner } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { Select } from '../../ui/Select';
import { Stack } from '../../ui/Stack';
import { TextField } from '../../ui/TextField';

export const ROLE_OPTIONS: readonly { label: string; value: Role }[] = [
  { label: 'Viewer: reads settings and the rate log, runs test quotes', value: 'viewer' },
  { label: 'Admin: connections and settings', value: 'admin' },
  { label: 'Owner: everything, people and connector keys included', value: 'owner' },
];

export function InviteForm({ onInvited }: { onInvited: () => void }) {
  const { api } = useAdmin();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [delivery, setDelivery] = useState<'email' | 'copy'>('email');
  const [sent, setSent] = useState<InviteResponse | undefined>(undefined);
  const invite = useAction(api.people.invite);
  const fields = fieldErrors(invite.error);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await invite.run({ email: email.trim(), role, delivery });
    if (result) {
      setSent(result);
      setEmail('');
      onInvited();
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} aria-label="Invite someone" noValidate>
      <Stack gap="300">
        <ErrorBanner error={invite.error} showDetails={false} />
        {sent ? <Sent sent={sent} onDone={() => setSent(undefined)} /> : null}
        <TextField
          label="Email address"
          type="email"
          value={email}
          onChange={setEmail}
          error={fields.email}
        />
        <Select
          label="Role"
          options={ROLE_OPTIONS}
          value={role}
          onChange={(value) => setRole(value as Role)}
        />
        <Select
          label="How to send the invitation"
          options={[
            { label: 'Mail the link to them', value: 'email' },
            { label: 'Show me the link to pass on myself', value: 'copy' },
          ]}
          value={delivery}
          onChange={(value) => setDelivery(value === 'copy' ? 'copy' : 'email')}
        />
        <div>
          <Button submit primary loading={invite.pending} disabled={email.trim() === ''}>
            Invite
          </Button>
        </div>
      </Stack>
    </form>
  );
}

function Sent({ sent, onDone }: { sent: InviteResponse; onDone: () => void }) {
  if (sent.link === undefined) {
    return (
      <Banner tone="success" title={`Invitation mailed to ${sent.invitation.email}`} onDismiss={onDone}>
        The link works once, for seven days.
      </Banner>
    );
  }
  return (
    <Stack gap="200">
      <Banner
        tone="warning"
        title="Copy the invitation link now: it is shown only this once"
        onDismiss={onDone}
      >
        Send it to {sent.invitation.email} yourself. It works once, for seven days, and only for them to join.
      </Banner>
      <CopyField label="Invitation link" value={sent.link} />
    </Stack>
  );
}
