/** Removing a person, confirmed: every session of theirs ends at once, and their connector keys are flagged. */
import type { Person } from '../../../../core/wire/admin-api-types';
import { useAction } from '../../api/use-resource';
import { useAdmin } from '../../app/AdminContext';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Modal } from '../../ui/Modal';
import { Stack } from '../../ui/Stack';
import { Text } from '../../ui/Text';

export function RemovePersonModal({
  removing,
  onClose,
  onRemoved,
}: {
  removing: Person | undefined;
  onClose: () => void;
  onRemoved: () => void;
}) {
  const { api } = useAdmin();
  // Resolves true once removed (the API answers 204: no body to tell success by).
  const remove = useAction(async (id: string) => {
    await api.people.remove(id);
    return true;
  });
  return (
    <Modal
      open={removing !== undefined}
      title={`Remove ${removing?.email ?? ''}?`}
      onClose={onClose}
      primaryAction={{
        content: 'Remove',
        destructive: true,
        loading: remove.pending,
        onAction: () =>
          void remove.run(removing?.id ?? '').then((result) => {
            if (!result) return;
            onRemoved();
          }),
      }}
      secondaryAction={{ content: 'Keep them', onAction: onClose }}
    >
      <Stack gap="200">
        <ErrorBanner error={remove.error} />
        <Text>
          They are signed out everywhere at once and can come back only with a new invitation. Connector keys
          they made keep answering your store&apos;s rates but no longer sign anyone in: replace them on
          Connector keys.
        </Text>
      </Stack>
    </Modal>
  );
}
