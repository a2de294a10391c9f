/**
 * One group quoted on one connection, as cheaply as the result allows:
 *
 *   cache hit          -> no call (TTL 10 minutes by default; the key holds no personal data)
 *   same quote running -> share it: in this process through a promise map, across instances through a
 *                         store lock (shared-flight.ts)
 *   breaker open       -> no call (call-platform.ts)
 *   otherwise          -> the platform call, bounded by the checkout's AbortSignal
 *
 * A shared call runs on its own timeout, so each checkout waits only as long as its own deadline allows;
 * a platform that hangs therefore counts as a timeout in the breaker, which opens after a few of them.
 */
import type { PlatformQuoteRequest, QuoteResult } from '../platforms/freight-platform.js';
import type { Store } from '../storage/store.js';
import type { UsableConnection } from '../tokens/token-lifecycle.js';
import { createPlatformCaller, type BreakerSettings } from './call-platform.js';
import { readCachedQuote } from './quote-cache.js';
import { quoteCacheKey } from './quote-cache-key.js';
import { flyShared, type CacheUse, type Flight } from './shared-flight.js';
import { untilAborted } from './wait-for-deadline.js';

export type { CacheUse } from './shared-flight.js';

export interface UpstreamOutcome {
  readonly result: QuoteResult;
  readonly cache: CacheUse;
  readonly latencyMs: number;
}

export interface UpstreamQuoterOptions extends BreakerSettings {
  readonly store: Store;
  readonly cacheTtlMs: number;
  /** How long one platform call may run, whoever is waiting for it (config PLATFORM_TIMEOUT_MS). */
  readonly callTimeoutMs?: number;
  readonly now?: () => number;
}

export function createUpstreamQuoter(options: UpstreamQuoterOptions) {
  const { store } = options;
  const now = options.now ?? Date.now;
  const flights = new Map<string, Promise<Flight>>();
  const flight = {
    store,
    call: createPlatformCaller(options),
    callTimeoutMs: options.callTimeoutMs ?? 8000,
    cacheTtlMs: options.cacheTtlMs,
  };

  return {
    async quote(
      tenant: string,
      usable: UsableConnection,
      request: PlatformQuoteRequest,
      signal: AbortSignal,
    ): Promise<UpstreamOutcome> {
      const started = now();
      // The token is part of the key: after a replace (perhaps another account) old prices are not served.
      const key = quoteCacheKey(tenant, `${usable.connection.id}|${usable.tokenFingerprint}`, request);
      const cached = await readCachedQuote(store, key);
      if (cached !== undefined) return { result: cached, cache: 'hit', latencyMs: now() - started };
      let running = flights.get(key);
      const shared = running !== undefined;
      if (!running) {
        running = flyShared(flight, key, usable, request).finally(() => flights.delete(key));
        flights.set(key, running);
      }
      const landed = await untilAborted(running, signal);
      const latencyMs = now() - started;
      if (landed === undefined) {
        const detail = `${usable.platform.displayName} did not answer before the checkout's deadline.`;
        const result: QuoteResult = { ok: false, failure: { reason: 'timeout', detail } };
        return { result, cache: shared ? 'shared' : 'miss', latencyMs };
      }
      return { result: landed.result, cache: shared ? 'shared' : landed.cache, latencyMs };
    },
  };
}

export type UpstreamQuoter = ReturnType<typeof createUpstreamQuoter>;
