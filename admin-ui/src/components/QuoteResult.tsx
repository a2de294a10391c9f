/**
 * A quote's outcome as checkout would show it (the rates), and why (diagnostics): the packages grouped
 * per pickup location (with the boxes each went into, and for a test quote a picture of each box), every
 * platform call with its latency, cache and outcome, and the rules applied.
 */
import type {
  ConnectionView,
  LocationRecord,
  QuoteSource,
  Rate,
  RateLogEntry,
  TestQuoteResult,
} from '../../../core/wire/admin-api-types';
import { formatDelivery } from '../format/dates';
import { formatCents } from '../../../core/money';
import { Badge } from '../ui/Badge';
import { Banner } from '../ui/Banner';
import { DataTable } from '../ui/DataTable';
import { List } from '../ui/List';
import { Row, Stack } from '../ui/Stack';
import { Heading, Text } from '../ui/Text';
import { DeliveryAsked, GroupDelivery } from './DeliveryAsked';
import { LatencyChart } from './LatencyChart';
import { PackingResult } from './PackingResult';

const SOURCE_TEXT: Readonly<
  Record<QuoteSource, { label: string; tone: 'success' | 'warning' | 'critical' }>
> = {
  live: { label: 'Live rates', tone: 'success' },
  fallback: { label: 'Fallback rates', tone: 'warning' },
  none: { label: 'No rates', tone: 'critical' },
};

export function SourceBadge({ source }: { source: QuoteSource }) {
  const text = SOURCE_TEXT[source] ?? { label: source, tone: 'warning' as const };
  return <Badge tone={text.tone}>{text.label}</Badge>;
}

export function RatesTable({ rates }: { rates: readonly Rate[] }) {
  if (rates.length === 0) {
    return <Text tone="subdued">No rates: checkout would show no RateBridge shipping option.</Text>;
  }
  return (
    <DataTable
      headings={['Shipping option', 'Price', 'GST', 'Delivery']}
      numeric={[1, 2]}
      rows={rates.map((rate) => [
        rate.name,
        formatCents(rate.totalCents, rate.currency),
        gstText(rate),
        formatDelivery(rate),
      ])}
    />
  );
}

/** "incl. $2.00" when the price has GST in, "+ $2.00" when the shop adds it; rate-log entries from before GST say nothing. */
function gstText(rate: Rate): string {
  if (rate.gstCents === undefined) return '';
  const amount = formatCents(rate.gstCents, rate.currency);
  return rate.gstIncluded === false ? `+ ${amount}` : `incl. ${amount}`;
}

export function QuoteSummary({
  source,
  fallbackReason,
  durationMs,
}: {
  source: QuoteSource;
  fallbackReason?: string;
  durationMs: number;
}) {
  return (
    <Stack gap="200">
      <Row gap="200">
        <SourceBadge source={source} />
        <Text tone="subdued">Answered in {durationMs} ms</Text>
      </Row>
      {source !== 'live' ? (
        <Banner
          tone="warning"
          title={
            source === 'fallback' ? 'Checkout would show your fallback rates' : 'Checkout would show no rates'
          }
        >
          {fallbackReason ? `Why: ${fallbackReason}.` : 'No platform answered with a rate.'} Fix the cause
          below, then try again.
        </Banner>
      ) : null}
    </Stack>
  );
}

export function QuoteBreakdown({
  entry,
  locations,
  connections,
  packing,
}: {
  entry: RateLogEntry;
  locations: readonly LocationRecord[];
  connections: readonly ConnectionView[];
  /** The test quote's placements: drawn when given (the rate log keeps only the list). */
  packing?: TestQuoteResult['packing'];
}) {
  const locationName = (id: string) => locations.find((l) => l.id === id)?.name ?? 'A deleted location';
  const connectionName = (id: string, platform: string) =>
    connections.find((c) => c.id === id)?.label ?? platform;
  return (
    <Stack gap="400">
      <PackageGroups entry={entry} locationName={locationName} />
      {packing ? (
        <PackingResult
          packing={packing}
          locationName={locationName}
          lineName={(line) => lineName(entry, line)}
        />
      ) : null}
      <DeliveryAsked entry={entry} />
      <PlatformCalls entry={entry} locationName={locationName} connectionName={connectionName} />
      {entry.rulesApplied.length > 0 ? (
        <section aria-labelledby={`rules-${entry.id}`}>
          <Stack gap="200">
            <Heading level={3} id={`rules-${entry.id}`}>
              Rules applied
            </Heading>
            <List items={entry.rulesApplied} />
          </Stack>
        </section>
      ) : null}
    </Stack>
  );
}

function PackageGroups({
  entry,
  locationName,
}: {
  entry: RateLogEntry;
  locationName: (id: string) => string;
}) {
  const perGroup = entry.groups.some((group) => group.delivery !== undefined);
  return (
    <section aria-labelledby={`groups-${entry.id}`}>
      <Stack gap="200">
        <Heading level={3} id={`groups-${entry.id}`}>
          Packages per pickup location
        </Heading>
        {entry.groups.length === 0 ? (
          <Text tone="subdued">
            No packages were built (nothing in the cart needed shipping, or nothing could be packed).
          </Text>
        ) : (
          <DataTable
            headings={['Ships from', 'Packages', 'Packed from', ...(perGroup ? ['Delivery asked for'] : [])]}
            rows={entry.groups.map((group) => [
              locationName(group.locationId),
              group.packages
                .map(
                  (p) =>
                    `${p.quantity} × ${p.type} ${p.lengthCm}×${p.widthCm}×${p.heightCm} cm, ${p.weightKg} kg`,
                )
                .join('; '),
              packedFrom(entry, group),
              // Each group is its own consignment; its options are logged only when the groups differed.
              ...(perGroup
                ? [group.delivery ? <GroupDelivery delivery={group.delivery} /> : 'As for the quote']
                : []),
            ])}
          />
        )}
      </Stack>
    </section>
  );
}

/** What a group was packed from, and (where boxes were used) which boxes hold which lines. */
function packedFrom(entry: RateLogEntry, group: RateLogEntry['groups'][number]) {
  const packing = group.packing;
  const boxes = packing?.boxes.map((box) => `${box.name} (${box.weightKg} kg): ${counted(entry, box.lines)}`);
  return (
    <Stack gap="100">
      {group.estimated ? <Badge tone="attention">Estimate (shop weight, default box)</Badge> : null}
      {!packing ? (group.estimated ? null : 'Packaging profiles') : null}
      {packing?.fallback ? (
        <Badge tone="warning">{`One package per unit: ${packing.note ?? ''}`}</Badge>
      ) : null}
      {boxes && boxes.length > 0 ? <List items={boxes} /> : null}
      {packing && packing.pallets.length > 0 ? (
        <List
          items={packing.pallets.map(
            (p) => `${p.name}: ${p.packages} packages, ${p.heightCm} cm, ${p.weightKg} kg`,
          )}
        />
      ) : null}
    </Stack>
  );
}

/** "6 × BOOK, 2 × MUG": the units in a box, counted per cart line. */
function counted(entry: RateLogEntry, lines: readonly number[]): string {
  const counts = new Map<number, number>();
  for (const line of lines) counts.set(line, (counts.get(line) ?? 0) + 1);
  return [...counts].map(([line, count]) => `${count} × ${lineName(entry, line)}`).join(', ');
}

/** A cart line as the merchant knows it: its SKU, else its variant, else its place in the cart. */
function lineName(entry: RateLogEntry, line: number): string {
  const found = entry.request.lines[line];
  return found?.sku ?? (found?.variantId ? `variant ${found.variantId}` : `line ${line + 1}`);
}

function PlatformCalls({
  entry,
  locationName,
  connectionName,
}: {
  entry: RateLogEntry;
  locationName: (id: string) => string;
  connectionName: (id: string, platform: string) => string;
}) {
  return (
    <section aria-labelledby={`upstream-${entry.id}`}>
      <Stack gap="200">
        <Heading level={3} id={`upstream-${entry.id}`}>
          Platform calls
        </Heading>
        {entry.upstream.length === 0 ? (
          <Text tone="subdued">No platform was asked.</Text>
        ) : (
          <>
            <DataTable
              headings={['Ships from', 'Connection', 'Outcome', 'Cache', 'Options', 'Latency']}
              numeric={[4, 5]}
              rows={entry.upstream.map((call) => [
                locationName(call.locationId),
                connectionName(call.connectionId, call.platform),
                call.detail ? `${call.outcome}: ${call.detail}` : call.outcome,
                call.cache,
                call.options,
                `${call.latencyMs} ms`,
              ])}
            />
            <LatencyChart
              totalMs={entry.durationMs}
              bars={entry.upstream.map((call) => ({
                label: `${locationName(call.locationId)} · ${connectionName(call.connectionId, call.platform)}`,
                ms: call.latencyMs,
                kind: call.outcome !== 'ok' ? 'failed' : call.cache === 'hit' ? 'cached' : 'ok',
              }))}
            />
          </>
        )}
      </Stack>
    </section>
  );
}
