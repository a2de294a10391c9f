/**
 * The quote cache in the store: what a platform answered for one group on one connection. Reads and
 * writes go through these two functions only, so a caller that must survive a store outage can wrap them.
 */
import type { QuoteResult } from '../platforms/freight-platform.js';
import type { JsonValue, Store } from '../storage/store.js';

/** Failures other than a 401 are kept this long: a burst against a dead platform makes one call. */
const FAILURE_TTL_MS = 5_000;

export async function readCachedQuote(store: Store, key: string): Promise<QuoteResult | undefined> {
  const cached = await store.cacheGet(key);
  return cached === undefined ? undefined : (cached as unknown as QuoteResult);
}

/** A 401 is never kept: the token lifecycle reacts to it at once, and the next checkout asks again. */
export async function rememberQuote(
  store: Store,
  key: string,
  result: QuoteResult,
  ttlMs: number,
): Promise<void> {
  if (result.ok) await store.cacheSet(key, result as unknown as JsonValue, ttlMs);
  else if (result.failure.reason !== 'unauthorized') {
    await store.cacheSet(key, result as unknown as JsonValue, FAILURE_TTL_MS);
  }
}
