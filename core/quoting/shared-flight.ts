/**
 * One platform call shared by every checkout asking the same thing at once, across instances: the
 * leader takes a store lock and calls; followers poll the cache for the leader's result and, when the
 * leader gave up without one (a 401 or a refused budget, which are not cached), take the lock and ask
 * themselves.
 *
 * The call runs on its own timeout (the platform timeout), not on the deadline of whichever checkout
 * started it, so a call that outlives its checkout still lands in the cache for the next one.
 */
import type { PlatformQuoteRequest, QuoteResult } from '../platforms/freight-platform.js';
import type { LockHandle, Store } from '../storage/store.js';
import type { UsableConnection } from '../tokens/token-lifecycle.js';
import type { PlatformCaller } from './call-platform.js';
import { rememberLastKnownGood } from './last-known-good.js';
import { readCachedQuote, rememberQuote } from './quote-cache.js';
import { sleep } from './wait-for-deadline.js';

export type CacheUse = 'hit' | 'miss' | 'shared' | 'stale' | 'last-known-good';

export interface Flight {
  readonly result: QuoteResult;
  readonly cache: CacheUse;
}

export interface FlightSettings {
  readonly store: Store;
  readonly call: PlatformCaller;
  readonly callTimeoutMs: number;
  readonly cacheTtlMs: number;
  /** How long past its freshness a good answer may still be served while it is refreshed. */
  readonly staleMs: number;
  readonly lastKnownGoodMs: number;
  readonly now: () => number;
}

/** Where one group-on-connection question is kept: its cache key and its lane's. */
export interface FlightKeys {
  readonly cache: string;
  readonly lane: string;
}

const FOLLOWER_POLL_MS = 15;

export function flightLock(keys: FlightKeys): string {
  return `quote-flight:${keys.cache}`;
}

/** Outlives the call: a crashed leader blocks followers on other instances for no longer than this. */
export function flightLockTtl(settings: FlightSettings): number {
  return settings.callTimeoutMs + 2000;
}

export async function flyShared(
  settings: FlightSettings,
  keys: FlightKeys,
  usable: UsableConnection,
  request: PlatformQuoteRequest,
): Promise<Flight> {
  const { store } = settings;
  const signal = AbortSignal.timeout(settings.callTimeoutMs);
  const lock = await store.acquireLock(flightLock(keys), flightLockTtl(settings));
  if (lock) return leadFlight(settings, lock, keys, usable, request, signal);
  while (!signal.aborted) {
    await sleep(FOLLOWER_POLL_MS, signal);
    const shared = await readCachedQuote(store, keys.cache);
    if (shared !== undefined) return { result: shared.result, cache: 'shared' };
    const free = await store.acquireLock(flightLock(keys), flightLockTtl(settings));
    if (free) return leadFlight(settings, free, keys, usable, request, signal);
  }
  return {
    result: { ok: false, failure: { reason: 'aborted', detail: 'The deadline passed.' } },
    cache: 'shared',
  };
}

/** Holding the lock: call, keep the result where followers look (and the lane's), release. */
export async function leadFlight(
  settings: FlightSettings,
  lock: LockHandle,
  keys: FlightKeys,
  usable: UsableConnection,
  request: PlatformQuoteRequest,
  signal: AbortSignal,
  /** A refresh keeps the stale good answer rather than replace it with a failure. */
  keep: 'any' | 'good' = 'any',
): Promise<Flight> {
  try {
    const result = await settings.call(usable, request, signal);
    const entry = { result, at: settings.now() };
    if (keep === 'good' && !result.ok) return { result, cache: 'miss' };
    await Promise.all([
      rememberQuote(settings.store, keys.cache, entry, settings.cacheTtlMs + settings.staleMs),
      rememberLastKnownGood(settings.store, keys.lane, entry, settings.lastKnownGoodMs),
    ]);
    return { result, cache: 'miss' };
  } finally {
    await settings.store.releaseLock(lock);
  }
}
