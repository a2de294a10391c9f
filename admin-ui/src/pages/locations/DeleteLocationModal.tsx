/** Deleting a location, confirmed: its products ship from the default instead. */
import type { LocationRecord } from '../../../../core/wire/admin-api-types';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Modal } from '../../ui/Modal';
import { Stack } from '../../ui/Stack';
import { Text } from '../../ui/Text';

export function DeleteLocationModal({
  deleting,
  pending,
  error,
  onConfirm,
  onClose,
}: {
  deleting: LocationRecord | undefined;
  pending: boolean;
  error: unknown;
  onConfirm: () => void;
  onClose: () => void;
}) {
  return (
    <Modal
      open={deleting !== undefined}
      title={`Delete ${deleting?.name ?? 'this location'}?`}
      onClose={onClose}
      primaryAction={{
        content: 'Delete location',
        destructive: true,
        loading: pending,
        onAction: onConfirm,
      }}
      secondaryAction={{ content: 'Keep it', onAction: onClose }}
    >
      <Stack gap="200">
        <ErrorBanner error={error} />
        <Text>
          Products that ship only from here will ship from the default location instead.
          {deleting?.isDefault ? ' This is the default: the oldest other location becomes the default.' : ''}
        </Text>
      </Stack>
    </Modal>
  );
}
