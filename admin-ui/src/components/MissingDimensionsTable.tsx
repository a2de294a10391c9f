/** Products RateBridge knows (synced, or seen at checkout) that have no complete packaging: each flagged, with what checkout does about it and the fix. */
import type { MissingDimensionsItem } from '../../../core/wire/admin-api-types';
import { Badge } from '../ui/Badge';
import { Button } from '../ui/Button';
import { DataTable } from '../ui/DataTable';
import { EmptyState } from '../ui/EmptyState';
import { Stack } from '../ui/Stack';
import { Text } from '../ui/Text';
import { EditOnly } from '../ui/ReadOnly';

export function MissingDimensionsTable({
  items,
  total,
  onAdd,
}: {
  items: readonly MissingDimensionsItem[];
  total: number;
  onAdd: (key: string) => void;
}) {
  if (items.length === 0) {
    return (
      <EmptyState heading="Every known product has packaging">
        Products appear here when synced from your shop or seen at checkout without packaging.
      </EmptyState>
    );
  }
  return (
    <Stack gap="200">
      <Text>
        {total} product{total === 1 ? '' : 's'} without (complete) packaging. Checkout prices them as
        estimates, or falls back when it cannot.
      </Text>
      <DataTable
        headings={['Product', 'Status', 'What checkout does now']}
        rows={items.map((item) => [
          <Stack gap="100" key="product">
            <Text strong>{item.sku ?? `Variant ${item.variantId ?? ''}`}</Text>
            {item.title ? <Text tone="subdued">{item.title}</Text> : null}
            <EditOnly>
              <div>
                <Button
                  size="slim"
                  onClick={() => onAdd(item.key)}
                  accessibilityLabel={`Add packaging for ${item.sku ?? item.variantId ?? item.key}`}
                >
                  Add packaging
                </Button>
              </div>
            </EditOnly>
          </Stack>,
          <Badge key="flag" tone="warning">
            {item.reason === 'no_packages' ? 'No packages' : 'Missing dimensions'}
          </Badge>,
          item.message,
        ])}
      />
      {total > items.length ? (
        <Text tone="subdued">Showing the first {items.length}; a packaging CSV sets many at once.</Text>
      ) : null}
    </Stack>
  );
}
