/**
 * The delivery options a quote was priced with (#15) and how each was known: the buyer's answer, the
 * merchant's assumption, or derived from the address or the packages. What a merchant reads to see why
 * a home price or a business price was shown.
 */
import type { DeliveryOrigin, DeliveryQuestion, RateLogEntry } from '../../../core/wire/admin-api-types';
import { DataTable } from '../ui/DataTable';
import { Stack } from '../ui/Stack';
import { Heading } from '../ui/Text';

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

export function DeliveryAsked({ entry }: { entry: RateLogEntry }) {
  const { delivery } = entry;
  if (!delivery) return null;
  const rows = (Object.keys(LABELS) as DeliveryQuestion[]).map((question) => [
    LABELS[question][delivery[question] ? 0 : 1],
    FROM[delivery.from[question]],
  ]);
  if (delivery.depot) rows.push([`Collect from depot ${delivery.depot}`, FROM.asked]);
  return (
    <section aria-labelledby={`delivery-${entry.id}`}>
      <Stack gap="200">
        <Heading level={3} id={`delivery-${entry.id}`}>
          Delivery asked for
        </Heading>
        <DataTable headings={['Option', 'How it was known']} rows={rows} />
      </Stack>
    </section>
  );
}
