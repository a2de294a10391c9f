import type { PackedGroup } from './build-packages.js';
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
  }));
}
