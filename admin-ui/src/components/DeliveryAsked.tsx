/**
 * The delivery options a quote was priced with (#15) and how each was known: the buyer's answer, the
 * merchant's assumption, or derived from the address or the packages. What a merchant reads to see why
 * a home price or a business price was shown. When the pickup groups were asked with different options
 * (a tail-lift derived from one group's weights), each group's own are shown with that group
 * (`GroupDelivery`), and this quote-level summary says so.
 */
import type { DeliveryOrigin, DeliveryQuestion, RateLogEntry } from '../../../core/wire/admin-api-types';
import { DataTable } from '../ui/DataTable';
import { List } from '../ui/List';
import { Stack } from '../ui/Stack';
import { Heading, Text } from '../ui/Text';

type ResolvedDelivery = NonNullable<RateLogEntry['delivery']>;

const LABELS: Readonly<Record<DeliveryQuestion, readonly [yes: string, no: string]>> = {
  isBusiness: ['Business address', 'Home address'],
  tailLift: ['Tail-lift truck', 'No tail-lift'],
  authorityToLeave: ['May be left without a signature', 'Signature on delivery'],
  handUnload: ['Carried in by hand', 'No hand unload'],
};

const FROM: Readonly<Record<DeliveryOrigin, string>> = {
  asked: 'The buyer answered at checkout',
  assumed: 'Your assumption',
  derived: 'Derived (company name or package weight)',
};

/** [option as the merchant reads it, how it was known], one per option (and the depot when one was chosen). */
function deliveryRows(delivery: ResolvedDelivery): [option: string, from: string][] {
  const rows = (Object.keys(LABELS) as DeliveryQuestion[]).map((question): [string, string] => [
    LABELS[question][delivery[question] ? 0 : 1],
    FROM[delivery.from[question]],
  ]);
  if (delivery.depot) rows.push([`Collect from depot ${delivery.depot}`, FROM.asked]);
  return rows;
}

/** One pickup group's own options, for its row in the packages table (only when the groups differed). */
export function GroupDelivery({ delivery }: { delivery: ResolvedDelivery }) {
  return <List items={deliveryRows(delivery).map(([option, from]) => `${option}: ${from}`)} />;
}

export function DeliveryAsked({ entry }: { entry: RateLogEntry }) {
  const { delivery } = entry;
  if (!delivery) return null;
  const perGroup = entry.groups.some((group) => group.delivery !== undefined);
  return (
    <section aria-labelledby={`delivery-${entry.id}`}>
      <Stack gap="200">
        <Heading level={3} id={`delivery-${entry.id}`}>
          Delivery asked for
        </Heading>
        {perGroup ? (
          <Text tone="subdued">
            The pickup locations were asked with different options: each one&apos;s are in the packages table
            above. Here an option is a yes when any location was asked with it.
          </Text>
        ) : null}
        <DataTable headings={['Option', 'How it was known']} rows={deliveryRows(delivery)} />
      </Stack>
    </section>
  );
}
