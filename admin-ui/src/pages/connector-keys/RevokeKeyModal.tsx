/** Revoking a connector key, confirmed: the plugin using it stops getting live rates at once. */
import type { ListedConnectorKey } from '../../../../core/wire/admin-api-types';
import { useAction } from '../../api/use-resource';
import { useAdmin } from '../../app/AdminContext';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Modal } from '../../ui/Modal';
import { Stack } from '../../ui/Stack';
import { Text } from '../../ui/Text';

export function RevokeKeyModal({
  revoking,
  onClose,
  onRevoked,
}: {
  revoking: ListedConnectorKey | undefined;
  onClose: () => void;
  onRevoked: () => void;
}) {
  const { api } = useAdmin();
  const revoke = useAction(api.connectorKeys.revoke);
  return (
    <Modal
      open={revoking !== undefined}
      title={`Revoke “${revoking?.name ?? ''}”?`}
      onClose={onClose}
      primaryAction={{
        content: 'Revoke key',
        destructive: true,
        loading: revoke.pending,
        onAction: () =>
          void revoke.run(revoking?.id ?? '').then((result) => {
            if (!result) return;
            onRevoked();
          }),
      }}
      secondaryAction={{ content: 'Keep it', onAction: onClose }}
    >
      <Stack gap="200">
        <ErrorBanner error={revoke.error} />
        <Text>
          The plugin using this key stops getting live rates at once: its shop shows its fallback rate until
          you paste a new key into it. This cannot be undone.
        </Text>
      </Stack>
    </Modal>
  );
}
