/** Each product's packaging as a table, with edit and delete, and the pager under it. */
import type { PackagingProfile } from '../../../../core/wire/admin-api-types';
import { Badge } from '../../ui/Badge';
import { Button, ButtonGroup } from '../../ui/Button';
import { DataTable } from '../../ui/DataTable';

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
        <ButtonGroup key="actions">
          <Button
            size="slim"
            onClick={() => onEdit(profile)}
            accessibilityLabel={`Edit packaging of ${profile.key}`}
          >
            Edit
          </Button>
          <Button
            size="slim"
            critical
            onClick={() => onDelete(profile)}
            accessibilityLabel={`Delete packaging of ${profile.key}`}
          >
            Delete
          </Button>
        </ButtonGroup>,
      ])}
    />
  );
}
