import type { PackedGroup } from './build-packages.js';
import type { GroupPacking } from './packaging-types.js';
import type { QuoteRequest } from './quote-request.js';
import type { RateLogEntry } from './rate-log.js';

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

/** The packages of each group, without descriptions or SKUs. */
export function summariseGroups(groups: readonly PackedGroup[]): RateLogEntry['groups'] {
  return groups.map((group) => ({
    locationId: group.locationId,
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
