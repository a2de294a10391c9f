/**
 * The last good live answer for a lane (origin, destination postcode, package signature, delivery
 * options) on one connection's token, kept for the configured age. When a token's budget is spent and the
 * cache has nothing, the checkout is priced as this answer was, rather than from the fallback table.
 * The lane is wider than the cache key (the destination suburb is left out): neighbouring suburbs of one
 * postcode are priced alike. Reads and writes go through these functions only, so they can be wrapped.
 */
import type { PlatformQuoteRequest, QuoteResult } from '../platforms/freight-platform.js';
import type { JsonValue, Store } from '../storage/store.js';
import { deliverySignature, hash, packageSignature, sortedRefs } from './quote-cache-key.js';
import type { CachedQuote } from './quote-cache.js';

export function laneKey(tenant: string, connectionKey: string, request: PlatformQuoteRequest): string {
  const { pickup, destination } = request;
  const material = JSON.stringify([
    tenant,
    connectionKey,
    [pickup.suburb.toUpperCase(), pickup.postcode, pickup.state, sortedRefs(pickup.platformRefs)],
    destination.postcode,
    packageSignature(request),
    deliverySignature(request),
  ]);
  return `lkg:${hash(material)}`;
}

/** The lane's last good answer, when it is no older than `maxAgeMs`. */
export async function readLastKnownGood(
  store: Store,
  key: string,
  maxAgeMs: number,
  now: number,
): Promise<QuoteResult | undefined> {
  if (maxAgeMs <= 0) return undefined;
  const kept = (await store.cacheGet(key)) as unknown as Partial<CachedQuote> | undefined;
  if (kept?.result?.ok !== true || typeof kept.at !== 'number' || now - kept.at > maxAgeMs) return undefined;
  return kept.result;
}

export async function rememberLastKnownGood(
  store: Store,
  key: string,
  entry: CachedQuote,
  maxAgeMs: number,
): Promise<void> {
  if (maxAgeMs <= 0 || !entry.result.ok) return;
  await store.cacheSet(key, entry as unknown as JsonValue, maxAgeMs);
}
