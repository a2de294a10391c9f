import type { PackedGroup } from './build-packages.js';
import type { GroupPacking } from './packaging-types.js';
import type { QuoteRequest } from './quote-request.js';
import type { RateLogEntry } from './rate-log.js';
import type { Resolution } from './resolve-delivery-options.js';

type Logged = Resolution['logged'];

/** The request as the rate log keeps it: place down to the suburb, lines without prices or names. */
export function summariseRequest(request: QuoteRequest): RateLogEntry['request'] {
  return {
    country: request.destination.country,
    ...(request.destination.state ? { state: request.destination.state } : {}),
    postcode: request.destination.postcode,
    ...(request.destination.suburb ? { suburb: request.destination.suburb } : {}),
    currency: request.currency,
    lines: request.lines.map((line) => ({
      ...(line.sku ? { sku: line.sku } : {}),
      ...(line.variantId ? { variantId: line.variantId } : {}),
      quantity: line.quantity,
    })),
  };
}

/** The packages of each group, without descriptions or SKUs; its delivery options when groups differ. */
export function summariseGroups(
  groups: readonly PackedGroup[],
  delivery?: ReadonlyMap<string, Logged>,
): RateLogEntry['groups'] {
  return groups.map((group) => ({
    locationId: group.locationId,
    ...(delivery?.has(group.locationId) ? { delivery: delivery.get(group.locationId) as Logged } : {}),
    estimated: group.estimated,
    packages: group.packages.map(({ type, lengthCm, widthCm, heightCm, weightKg, quantity }) => ({
      type,
      lengthCm,
      widthCm,
      heightCm,
      weightKg,
      quantity,
    })),
    // Only where boxes were set up: entries of stores without them stay as they were.
    ...(group.packing.method === 'boxes' || group.packing.fallback
      ? { packing: summarisePacking(group.packing) }
      : {}),
  }));
}

/**
 * Each box with the cart lines of the units inside, each pallet with its height and count; no
 * placements (the test quote draws those), so an entry stays a few kilobytes at the 200-item cap.
 */
function summarisePacking(packing: GroupPacking): NonNullable<RateLogEntry['groups'][number]['packing']> {
  return {
    method: packing.method,
    ...(packing.note === undefined ? {} : { note: packing.note }),
    fallback: packing.fallback,
    boxes: packing.boxes.map((box) => ({
      name: box.name,
      kind: box.kind,
      weightKg: box.weightKg,
      lines: box.items.flatMap((item) => (item.line === undefined ? [] : [item.line])),
    })),
    pallets: packing.pallets.map((pallet) => ({
      name: pallet.name,
      weightKg: pallet.weightKg,
      heightCm: pallet.outerCm[2] ?? 0,
      packages: pallet.items.length,
    })),
  };
}

/**
 * The delivery options as the rate log keeps them. One set when every group was asked with the same (the
 * entry looks as it did before options were per group); when they differ (a tail-lift for the heavy
 * consignment only), each group's own set on its entry, and the quote's set says yes to an option any
 * group was asked with (how each was known is the same for every group: one request, one settings).
 */
export function summariseDelivery(
  groups: readonly PackedGroup[],
  byGroup: ReadonlyMap<string, Resolution> | undefined,
): { quote?: Logged; perGroup?: ReadonlyMap<string, Logged> } {
  const logged = groups.flatMap((group) => {
    const resolution = byGroup?.get(group.locationId);
    return resolution ? [[group.locationId, resolution.logged] as const] : [];
  });
  const [first] = logged;
  if (!first) return {};
  const same = logged.every(([, entry]) => JSON.stringify(entry) === JSON.stringify(first[1]));
  if (same) return { quote: first[1] };
  const any = (key: 'isBusiness' | 'tailLift' | 'authorityToLeave' | 'handUnload') =>
    logged.some(([, entry]) => entry[key]);
  const quote: Logged = {
    ...first[1],
    isBusiness: any('isBusiness'),
    tailLift: any('tailLift'),
    authorityToLeave: any('authorityToLeave'),
    handUnload: any('handUnload'),
  };
  return { quote, perGroup: new Map(logged) };
}
