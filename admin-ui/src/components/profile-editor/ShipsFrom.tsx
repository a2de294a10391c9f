/** Where a product ships from: locations ticked in priority order; none means the default location. */
import type { LocationRecord } from '../../../../core/wire/admin-api-types';
import { Checkbox } from '../../ui/Checkbox';
import { Stack } from '../../ui/Stack';
import { Heading, Text } from '../../ui/Text';

export function ShipsFrom({
  locations,
  locationIds,
  setLocationIds,
}: {
  locations: readonly LocationRecord[];
  locationIds: readonly string[];
  setLocationIds: (change: (ids: string[]) => string[]) => void;
}) {
  return (
    <>
      <Heading level={3}>Ships from</Heading>
      {locations.length === 0 ? (
        <Text tone="subdued">
          No pickup locations yet: it ships from the default location once you add one.
        </Text>
      ) : (
        <Stack gap="100">
          <Text tone="subdued">In priority order of ticking; none ticked means the default location.</Text>
          {locations.map((location) => (
            <Checkbox
              key={location.id}
              label={`${location.name} (${location.suburb} ${location.state})`}
              checked={locationIds.includes(location.id)}
              onChange={(checked) =>
                setLocationIds((ids) =>
                  checked ? [...ids, location.id] : ids.filter((id) => id !== location.id),
                )
              }
            />
          ))}
        </Stack>
      )}
    </>
  );
}
