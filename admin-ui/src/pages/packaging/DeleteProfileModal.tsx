/** Deleting a product's packaging, confirmed: checkout then prices it as an estimate. */
import type { PackagingProfile } from '../../../../core/wire/admin-api-types';
import { useAction } from '../../api/use-resource';
import { useAdmin } from '../../app/AdminContext';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Modal } from '../../ui/Modal';
import { Stack } from '../../ui/Stack';
import { Text } from '../../ui/Text';

export function DeleteProfileModal({
  deleting,
  onClose,
  onDeleted,
}: {
  deleting: PackagingProfile | undefined;
  onClose: () => void;
  onDeleted: () => void;
}) {
  const { api } = useAdmin();
  const remove = useAction(async (key: string) => {
    await api.packaging.remove(key);
    return true;
  });
  return (
    <Modal
      open={deleting !== undefined}
      title={`Delete the packaging of ${deleting?.sku ?? deleting?.key ?? ''}?`}
      onClose={onClose}
      primaryAction={{
        content: 'Delete packaging',
        destructive: true,
        loading: remove.pending,
        onAction: () =>
          void remove.run(deleting?.key ?? '').then((done) => {
            if (!done) return;
            onDeleted();
          }),
      }}
      secondaryAction={{ content: 'Keep it', onAction: onClose }}
    >
      <Stack gap="200">
        <ErrorBanner error={remove.error} />
        <Text>
          Checkout will price this product from its shop weight in your default box, as an estimate.
        </Text>
      </Stack>
    </Modal>
  );
}
