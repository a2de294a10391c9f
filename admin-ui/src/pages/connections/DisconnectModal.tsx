/** Disconnecting: RateBridge's sealed copy of the token goes at once; the token itself stays valid. */
import type { ConnectionView } from '../../../../core/wire/admin-api-types';
import { useAction } from '../../api/use-resource';
import { useAdmin } from '../../app/AdminContext';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Modal } from '../../ui/Modal';
import { Stack } from '../../ui/Stack';
import { Text } from '../../ui/Text';

export function DisconnectModal({
  connection,
  platform,
  open,
  onClose,
}: {
  connection: ConnectionView;
  platform: string;
  open: boolean;
  onClose: () => void;
}) {
  const { api, connections } = useAdmin();
  const disconnect = useAction(async (id: string) => {
    await api.connections.disconnect(id);
    return true;
  });
  return (
    <Modal
      open={open}
      title={`Disconnect “${connection.label}”?`}
      onClose={onClose}
      primaryAction={{
        content: 'Disconnect',
        destructive: true,
        loading: disconnect.pending,
        onAction: () =>
          void disconnect.run(connection.id).then((done) => {
            if (!done) return;
            onClose();
            void connections.reload();
          }),
      }}
      secondaryAction={{ content: 'Keep it', onAction: onClose }}
    >
      <Stack gap="200">
        <ErrorBanner error={disconnect.error} />
        <Text>
          RateBridge deletes its sealed copy of the token at once. Checkout stops using {platform} through
          this connection and shows rates from your other connections, or your fallback rates if there are
          none.
        </Text>
        <Text>The token itself stays valid in {platform}: revoke it there too if you no longer need it.</Text>
      </Stack>
    </Modal>
  );
}
