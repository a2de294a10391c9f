/**
 * The pickup locations as a table: name (and the default), address, platform links, actions. Read-only
 * (a viewer), a location can be viewed, not edited, made the default or deleted.
 */
import type { LocationRecord, PlatformName } from '../../../../core/wire/admin-api-types';
import { Badge } from '../../ui/Badge';
import { Button, ButtonGroup } from '../../ui/Button';
import { DataTable } from '../../ui/DataTable';
import { Stack } from '../../ui/Stack';
import { Text } from '../../ui/Text';
import { useReadOnly } from '../../ui/ReadOnly';

export function LocationsTable({
  list,
  onEdit,
  onMakeDefault,
  onDelete,
}: {
  list: readonly LocationRecord[];
  onEdit: (location: LocationRecord) => void;
  onMakeDefault: (location: LocationRecord) => void;
  onDelete: (location: LocationRecord) => void;
}) {
  const readOnly = useReadOnly();
  return (
    <DataTable
      headings={['Name', 'Address', 'Linked to', 'Actions']}
      rows={list.map((location) => [
        <Stack gap="100" key="name">
          <Text strong>{location.name}</Text>
          {location.isDefault ? <Badge tone="info">Default</Badge> : null}
        </Stack>,
        [location.addressLine1, `${location.suburb} ${location.state} ${location.postcode}`]
          .filter(Boolean)
          .join(', '),
        linkedTo(location),
        <ButtonGroup key="actions">
          <Button
            size="slim"
            onClick={() => onEdit(location)}
            accessibilityLabel={`${readOnly ? 'View' : 'Edit'} ${location.name}`}
          >
            {readOnly ? 'View' : 'Edit'}
          </Button>
          {!readOnly && !location.isDefault ? (
            <Button
              size="slim"
              onClick={() => onMakeDefault(location)}
              accessibilityLabel={`Make ${location.name} the default`}
            >
              Make default
            </Button>
          ) : null}
          {readOnly ? null : (
            <Button
              size="slim"
              critical
              onClick={() => onDelete(location)}
              accessibilityLabel={`Delete ${location.name}`}
            >
              Delete
            </Button>
          )}
        </ButtonGroup>,
      ])}
    />
  );
}

const REF_LABEL: Readonly<Record<PlatformName, string>> = {
  machship: 'MachShip location',
  bigpost: 'Big Post locality',
  sandbox: 'Sandbox reference',
};

/** The platforms' references of a location, for the "Linked to" column. */
function linkedTo(location: LocationRecord): string {
  const refs = Object.entries(location.platformRefs ?? {}) as [PlatformName, string][];
  return refs.length === 0 ? '—' : refs.map(([platform, ref]) => `${REF_LABEL[platform]} ${ref}`).join(', ');
}
