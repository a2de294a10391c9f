/**
 * One platform call shared by every checkout asking the same thing at once, across instances: the
 * leader takes a store lock and calls; followers poll the cache for the leader's result and, when the
 * leader gave up without one (a 401, which is not cached), take the lock and ask themselves.
 *
 * The call runs on its own timeout (the platform timeout), not on the deadline of whichever checkout
 * started it, so a call that outlives its checkout still lands in the cache for the next one.
 */
import type { PlatformQuoteRequest, QuoteResult } from '../platforms/freight-platform.js';
import type { LockHandle, Store } from '../storage/store.js';
import type { UsableConnection } from '../tokens/token-lifecycle.js';
import type { PlatformCaller } from './call-platform.js';
import { readCachedQuote, rememberQuote } from './quote-cache.js';
import { sleep } from './wait-for-deadline.js';

export type CacheUse = 'hit' | 'miss' | 'shared';

export interface Flight {
  readonly result: QuoteResult;
  readonly cache: CacheUse;
}

export interface FlightSettings {
  readonly store: Store;
  readonly call: PlatformCaller;
  readonly callTimeoutMs: number;
  readonly cacheTtlMs: number;
}

const FOLLOWER_POLL_MS = 15;

export async function flyShared(
  settings: FlightSettings,
  key: string,
  usable: UsableConnection,
  request: PlatformQuoteRequest,
): Promise<Flight> {
  const { store, callTimeoutMs } = settings;
  const signal = AbortSignal.timeout(callTimeoutMs);
  // Outlives the call: a crashed leader blocks followers on other instances for no longer than this.
  const lockTtl = callTimeoutMs + 2000;
  const lock = await store.acquireLock(`quote-flight:${key}`, lockTtl);
  if (lock) return lead(settings, lock, key, usable, request, signal);
  while (!signal.aborted) {
    await sleep(FOLLOWER_POLL_MS, signal);
    const shared = await readCachedQuote(store, key);
    if (shared !== undefined) return { result: shared, cache: 'shared' };
    const free = await store.acquireLock(`quote-flight:${key}`, lockTtl);
    if (free) return lead(settings, free, key, usable, request, signal);
  }
  return {
    result: { ok: false, failure: { reason: 'aborted', detail: 'The deadline passed.' } },
    cache: 'shared',
  };
}

/** Holding the lock: call, keep the result where followers look, release. */
async function lead(
  settings: FlightSettings,
  lock: LockHandle,
  key: string,
  usable: UsableConnection,
  request: PlatformQuoteRequest,
  signal: AbortSignal,
): Promise<Flight> {
  try {
    const result = await settings.call(usable, request, signal);
    await rememberQuote(settings.store, key, result, settings.cacheTtlMs);
    return { result, cache: 'miss' };
  } finally {
    await settings.store.releaseLock(lock);
  }
}
