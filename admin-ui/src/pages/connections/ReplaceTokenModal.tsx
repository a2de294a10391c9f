/** Replacing a connection's token: the new one is verified first; a refused one changes nothing. */
import { useState, type FormEvent } from 'react';
import type { ConnectionView } from '../../../../core/wire/admin-api-types';
import { useAction } from '../../api/use-resource';
import { useAdmin } from '../../app/AdminContext';
import { ErrorBanner } from '../../components/ErrorBanner';
import { TokenField } from '../../components/TokenField';
import { PLATFORM_NAMES } from '../../format/connection-status';
import { Modal } from '../../ui/Modal';
import { Stack } from '../../ui/Stack';
import { Text } from '../../ui/Text';

export function ReplaceTokenModal({
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
