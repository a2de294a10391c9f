/**
 * The quote cache in the store: what a platform answered for one group on one connection, and when.
 * Reads and writes go through these two functions only, so a caller that must survive a store outage can
 * wrap them.
 *
 * A good answer is kept past its freshness for the stale window: served while one refresh runs
 * (stale-while-revalidate), so a popular cart never waits on the platform twice.
 */
import type { QuoteResult } from '../platforms/freight-platform.js';
import type { JsonValue, Store } from '../storage/store.js';

/** Failures other than a 401 are kept this long: a burst against a dead platform makes one call. */
const FAILURE_TTL_MS = 5_000;
/**
 * Good rates with some missing for a passing reason (`QuoteResult.incomplete`: a depot that did not land in
 * time) are kept a minute: long enough that a burst is one call, short enough that the missing rates are
 * asked again soon rather than absent for the whole TTL. Gone, not stale, after it: the next asks anew.
 */
const INCOMPLETE_TTL_MS = 60_000;

export interface CachedQuote {
  readonly result: QuoteResult;
  /** When the platform answered (ms since the epoch). */
  readonly at: number;
}

export async function readCachedQuote(store: Store, key: string): Promise<CachedQuote | undefined> {
  const cached = (await store.cacheGet(key)) as unknown as Partial<CachedQuote> | undefined;
  // Anything else under the key (it cannot be ours) is a miss, asked again once.
  if (cached?.result === undefined || typeof cached.at !== 'number') return undefined;
  return cached as CachedQuote;
}

/**
 * Keeps a good answer `keepMs` (fresh for the cache TTL, then stale), an incomplete one a minute at most, a
 * failure a few seconds. Never kept:
 * a 401 (the token lifecycle reacts to it at once) and a refusal of our own budget (nothing was asked).
 */
export async function rememberQuote(
  store: Store,
  key: string,
  entry: CachedQuote,
  keepMs: number,
): Promise<void> {
  const { result } = entry;
  if (result.ok) {
    const keep = result.incomplete ? Math.min(keepMs, INCOMPLETE_TTL_MS) : keepMs;
    await store.cacheSet(key, entry as unknown as JsonValue, keep);
  } else if (result.failure.reason !== 'unauthorized' && result.failure.reason !== 'budget_exhausted') {
    await store.cacheSet(key, entry as unknown as JsonValue, FAILURE_TTL_MS);
  }
}
