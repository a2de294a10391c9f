/** Each product's packaging as a table, with edit and delete (read-only: view), and the pager under it. */
import type { PackagingProfile } from '../../../../core/wire/admin-api-types';
import { Badge } from '../../ui/Badge';
import { Button, ButtonGroup } from '../../ui/Button';
import { DataTable } from '../../ui/DataTable';
import { useReadOnly } from '../../ui/ReadOnly';

export const PAGE_SIZE = 25;

export function ProfilesTable({
  list,
  locationName,
  onEdit,
  onDelete,
}: {
  list: readonly PackagingProfile[];
  locationName: (id: string) => string;
  onEdit: (profile: PackagingProfile) => void;
  onDelete: (profile: PackagingProfile) => void;
}) {
  return (
    <DataTable
      headings={['Product', 'Packages per unit', 'Ships from', 'Consolidate', 'Actions']}
      rows={list.map((profile) => [
        profile.shipsAlone ? (
          <span key="product">
            {profile.sku ?? `Variant ${profile.variantId ?? ''}`} <Badge tone="info">Ships alone</Badge>
          </span>
        ) : (
          (profile.sku ?? `Variant ${profile.variantId ?? ''}`)
        ),
        profile.packages.length === 0 ? (
          <Badge key="none" tone="warning">
            Missing dimensions
          </Badge>
        ) : (
          profile.packages
            .map(
              (p) =>
                `${p.quantity} × ${p.type} ${p.lengthCm}×${p.widthCm}×${p.heightCm} cm, ${p.weightKg} kg`,
            )
            .join('; ')
        ),
        profile.locationIds.length === 0
          ? 'Default location'
          : profile.locationIds.map(locationName).join(', '),
        profile.consolidatable ? 'Yes' : 'No',
        <ProfileActions key="actions" profile={profile} onEdit={onEdit} onDelete={onDelete} />,
      ])}
    />
  );
}

/** View or edit, and delete (left out when read-only). */
function ProfileActions({
  profile,
  onEdit,
  onDelete,
}: {
  profile: PackagingProfile;
  onEdit: (profile: PackagingProfile) => void;
  onDelete: (profile: PackagingProfile) => void;
}) {
  const readOnly = useReadOnly();
  return (
    <ButtonGroup>
      <Button
        size="slim"
        onClick={() => onEdit(profile)}
        accessibilityLabel={`${readOnly ? 'View' : 'Edit'} packaging of ${profile.key}`}
      >
        {readOnly ? 'View' : 'Edit'}
      </Button>
      {/* Not EditOnly: the group wraps each child, even an empty one, in a spaced item. */}
      {readOnly ? null : (
        <Button
          size="slim"
          critical
          onClick={() => onDelete(profile)}
          accessibilityLabel={`Delete packaging of ${profile.key}`}
        >
          Delete
        </Button>
      )}
    </ButtonGroup>
  );
}
