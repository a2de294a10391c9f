/**
 * Stale-while-revalidate: a stale answer is served at once while exactly one refresh runs, across
 * instances: in this process the first asker starts it, across instances the flight lock decides, and the
 * holder reads the cache again first, since another instance may have refreshed it a moment ago.
 */
import type { PlatformQuoteRequest } from '../platforms/freight-platform.js';
import type { UsableConnection } from '../tokens/token-lifecycle.js';
import { readCachedQuote } from './quote-cache.js';
import {
  flightLock,
  flightLockTtl,
  leadFlight,
  type FlightKeys,
  type FlightSettings,
} from './shared-flight.js';

export function createRevalidator(settings: FlightSettings, onError: (error: unknown) => void) {
  const refreshing = new Set<string>();

  async function refresh(keys: FlightKeys, usable: UsableConnection, request: PlatformQuoteRequest) {
    const lock = await settings.store.acquireLock(flightLock(keys), flightLockTtl(settings));
    if (!lock) return;
    const again = await readCachedQuote(settings.store, keys.cache).catch(() => undefined);
    if (again && settings.now() - again.at < settings.cacheTtlMs) {
      await settings.store.releaseLock(lock);
      return;
    }
    const signal = AbortSignal.timeout(settings.callTimeoutMs);
    await leadFlight(settings, lock, keys, usable, request, signal, 'good');
  }

  return {
    /** Starts the refresh unless one is already running here; never waits for it. */
    revalidate(keys: FlightKeys, usable: UsableConnection, request: PlatformQuoteRequest): void {
      if (refreshing.has(keys.cache)) return;
      refreshing.add(keys.cache);
      refresh(keys, usable, request)
        .catch(onError)
        .finally(() => refreshing.delete(keys.cache));
    },
  };
}
