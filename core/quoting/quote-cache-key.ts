import { createHash } from 'node:crypto';
import type { PlatformQuoteRequest, PlatformRefs } from '../platforms/freight-platform.js';

/**
 * The cache key: tenant, connection, pickup, normalised packages and destination suburb/postcode/state.
 * Hashed, so the key itself reveals nothing; address lines are never part of a platform request at all.
 */
export function quoteCacheKey(tenant: string, connectionId: string, request: PlatformQuoteRequest): string {
  const { pickup, destination } = request;
  const material = JSON.stringify([
    tenant,
    connectionId,
    [pickup.suburb, pickup.postcode, pickup.state, sortedRefs(pickup.platformRefs)],
    packageSignature(request),
    [destination.suburb.toUpperCase(), destination.postcode, destination.state],
    deliverySignature(request),
  ]);
  // v3: the delivery options grew (#15). v2: entries carry the time they were answered ({result, at}); instances of an older version, during a
  // rolling deploy, keep to their own keys instead of misreading these.
  return `quote:v3:${hash(material)}`;
}

/**
 * The resolved delivery options and the depot collection asked for: a business price must never be served
 * to a home buyer, nor a quote without depot options to a checkout that offers them. The cache key is also
 * the single-flight key (shared-flight.ts), so neither is shared across different options either.
 */
export function deliverySignature(request: PlatformQuoteRequest): readonly unknown[] {
  const { delivery } = request;
  return [
    delivery.isBusiness,
    delivery.tailLift,
    delivery.authorityToLeave,
    delivery.handUnload,
    sortedRefs(delivery.depot),
    request.depotCollection?.maxDepots ?? 0,
  ];
}

/** The packages as a sorted list of their dimensions, weights and counts: descriptions do not price. */
export function packageSignature(request: PlatformQuoteRequest): readonly unknown[] {
  return [...request.packages]
    .map((p) => [
      p.type,
      p.lengthCm,
      p.widthCm,
      p.heightCm,
      p.weightKg,
      p.quantity,
      p.consolidatable ?? false,
      // Only when set, so keys of carts without such boxes stay what they were.
      ...(p.bigPostMhp === true ? ['mhp'] : []),
    ])
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

export function hash(material: string): string {
  return createHash('sha256').update(material).digest('base64url');
}

/** Platform references in a fixed order, so the same references always make the same key. */
export function sortedRefs(
  refs: PlatformRefs | undefined,
): readonly (readonly [string, string | undefined])[] {
  return Object.entries(refs ?? {}).sort(([a], [b]) => a.localeCompare(b));
}
