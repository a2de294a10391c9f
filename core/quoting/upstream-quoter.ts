/**
 * One group quoted on one connection, as cheaply as the result allows:
 *
 *   fresh cache entry  -> no call (TTL 10 minutes by default; the key holds no personal data)
 *   stale cache entry  -> served at once while one refresh runs in the background (revalidate.ts)
 *   same quote running -> share it: in this process through a promise map, across instances through a
 *                         store lock (shared-flight.ts)
 *   breaker open       -> no call (call-platform.ts)
 *   otherwise          -> the platform call, bounded by the checkout's AbortSignal and metered by the
 *                         token's budget (budget/); a refused budget is answered from the lane's
 *                         last-known-good answer when there is one (last-known-good.ts)
 *
 * A shared call runs on its own timeout, so each checkout waits only as long as its own deadline allows;
 * a platform that hangs therefore counts as a timeout in the breaker, which opens after a few of them.
 */
import type { PlatformQuoteRequest, QuoteResult } from '../platforms/freight-platform.js';
import type { Store } from '../storage/store.js';
import type { UsableConnection } from '../tokens/token-lifecycle.js';
import type { PlatformBudgets } from './budget/platform-budgets.js';
import { createPlatformCaller, type BreakerSettings } from './call-platform.js';
import { askPlatform } from './ask-platform.js';
import { laneKey } from './last-known-good.js';
import { readCachedQuote } from './quote-cache.js';
import { quoteCacheKey } from './quote-cache-key.js';
import { createRevalidator } from './revalidate.js';
import type { CacheUse, Flight, FlightSettings } from './shared-flight.js';

export type { CacheUse } from './shared-flight.js';

export interface UpstreamOutcome {
  readonly result: QuoteResult;
  readonly cache: CacheUse;
  readonly latencyMs: number;
  /** When the platform gave this answer, for a cached one (ms since the epoch); absent: just now. */
  readonly answeredAt?: number;
}

export interface UpstreamQuoterOptions extends BreakerSettings {
  readonly store: Store;
  readonly cacheTtlMs: number;
  /** How long past its TTL a good answer may be served while it is refreshed (0: not at all). */
  readonly staleMs?: number;
  /** How old a lane's last good answer may be to price a checkout the budget cannot (0: never). */
  readonly lastKnownGoodMs?: number;
  /** Meters every platform request; without it calls are not counted (tests of other behaviour). */
  readonly budgets?: PlatformBudgets;
  /** How long one platform call may run, whoever is waiting for it (config PLATFORM_TIMEOUT_MS). */
  readonly callTimeoutMs?: number;
  readonly now?: () => number;
  readonly onError?: (error: unknown) => void;
}

export function createUpstreamQuoter(options: UpstreamQuoterOptions) {
  const { store } = options;
  const now = options.now ?? Date.now;
  const flights = new Map<string, Promise<Flight>>();
  const settings: FlightSettings = {
    store,
    call: createPlatformCaller(options),
    callTimeoutMs: options.callTimeoutMs ?? 8000,
    cacheTtlMs: options.cacheTtlMs,
    staleMs: options.staleMs ?? 0,
    lastKnownGoodMs: options.lastKnownGoodMs ?? 0,
    now,
  };
  const revalidator = createRevalidator(settings, options.onError ?? (() => undefined));

  /** The connection with its token's budget attached, so every request it sends is counted. */
  const metered = (tenant: string, usable: UsableConnection): UsableConnection =>
    options.budgets
      ? { ...usable, credentials: { ...usable.credentials, budget: options.budgets.gateFor(tenant, usable) } }
      : usable;

  return {
    async quote(
      tenant: string,
      usable: UsableConnection,
      request: PlatformQuoteRequest,
      signal: AbortSignal,
    ): Promise<UpstreamOutcome> {
      const started = now();
      // The token is part of the key: after a replace (perhaps another account) old prices are not served.
      const connectionKey = `${usable.connection.id}|${usable.tokenFingerprint}`;
      const keys = {
        cache: quoteCacheKey(tenant, connectionKey, request),
        lane: laneKey(tenant, connectionKey, request),
      };
      const cached = await readCachedQuote(store, keys.cache);
      if (cached && (!cached.result.ok || started - cached.at < settings.cacheTtlMs)) {
        return { result: cached.result, cache: 'hit', latencyMs: now() - started, answeredAt: cached.at };
      }
      if (cached) {
        revalidator.revalidate(keys, metered(tenant, usable), request);
        return { result: cached.result, cache: 'stale', latencyMs: now() - started, answeredAt: cached.at };
      }
      const landed = await askPlatform(settings, flights, keys, metered(tenant, usable), request, signal);
      return { ...landed, latencyMs: now() - started };
    },
  };
}

export type UpstreamQuoter = ReturnType<typeof createUpstreamQuoter>;
