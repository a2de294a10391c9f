/**
 * One group quoted on one connection, as cheaply as the result allows:
 *
 *   cache hit          -> no call (TTL 10 minutes by default; the key holds no personal data)
 *   same quote running -> share it: in this process through a promise map, across instances through a
 *                         store lock whose holder writes the result where followers poll for it
 *   breaker open       -> no call: a platform that failed 5 times in a row is left alone for 30 s
 *   otherwise          -> the platform call, bounded by the checkout's AbortSignal
 *
 * Failures other than a 401 are cached for a few seconds so a burst of checkouts against a dead platform
 * makes one call, not one each. A 401 is never cached: the token lifecycle reacts to it at once.
 *
 * A shared call runs on its own timeout (the platform timeout), not on the deadline of whichever checkout
 * started it: each checkout waits only as long as its own deadline allows, and a call that outlives the
 * checkout that started it still lands in the cache for the next one. A platform that hangs therefore
 * counts as a timeout in the breaker, which opens after a few of them.
 */
import { createHash } from 'node:crypto';
import {
  BrokenCircuitError,
  circuitBreaker,
  ConsecutiveBreaker,
  handleWhenResult,
  type CircuitBreakerPolicy,
} from 'cockatiel';
import type {
  PlatformFailure,
  PlatformQuoteRequest,
  PlatformRefs,
  QuoteResult,
} from '../platforms/freight-platform.js';
import type { JsonValue, Store } from '../storage/store.js';
import type { UsableConnection } from '../tokens/token-lifecycle.js';

export type CacheUse = 'hit' | 'miss' | 'shared';

export interface UpstreamOutcome {
  readonly result: QuoteResult;
  readonly cache: CacheUse;
  readonly latencyMs: number;
}

export interface UpstreamQuoterOptions {
  readonly store: Store;
  readonly cacheTtlMs: number;
  /** How long one platform call may run, whoever is waiting for it (config PLATFORM_TIMEOUT_MS). */
  readonly callTimeoutMs?: number;
  readonly now?: () => number;
  /** Consecutive failures that open a connection's breaker, and how long it stays open. */
  readonly breakerThreshold?: number;
  readonly breakerHalfOpenAfterMs?: number;
}

const FAILURE_TTL_MS = 5_000;
const FOLLOWER_POLL_MS = 15;
const TRANSIENT: ReadonlySet<PlatformFailure['reason']> = new Set(['timeout', 'unreachable', 'bad_response']);

export function createUpstreamQuoter(options: UpstreamQuoterOptions) {
  const { store } = options;
  const now = options.now ?? Date.now;
  const flights = new Map<string, Promise<{ result: QuoteResult; cache: CacheUse }>>();
  const callTimeoutMs = options.callTimeoutMs ?? 8000;
  const breakers = new Map<string, CircuitBreakerPolicy>();

  function breakerFor(connectionId: string): CircuitBreakerPolicy {
    let breaker = breakers.get(connectionId);
    if (!breaker) {
      breaker = circuitBreaker(
        handleWhenResult((result) => {
          const quote = result as QuoteResult;
          return !quote.ok && TRANSIENT.has(quote.failure.reason);
        }),
        {
          halfOpenAfter: options.breakerHalfOpenAfterMs ?? 30_000,
          breaker: new ConsecutiveBreaker(options.breakerThreshold ?? 5),
        },
      );
      breakers.set(connectionId, breaker);
    }
    return breaker;
  }

  async function callPlatform(
    usable: UsableConnection,
    request: PlatformQuoteRequest,
    signal: AbortSignal,
  ): Promise<QuoteResult> {
    try {
      return await breakerFor(usable.connection.id).execute(async () => {
        const result = await usable.platform.quote(usable.credentials, request, signal);
        // Our own call timeout fired: that is the platform being slow, which the breaker must count.
        return !result.ok && result.failure.reason === 'aborted' && signal.aborted
          ? ({
              ok: false,
              failure: {
                reason: 'timeout',
                detail: `${usable.platform.displayName} did not answer in time.`,
              },
            } as const)
          : result;
      });
    } catch (error) {
      if (error instanceof BrokenCircuitError) {
        return {
          ok: false,
          failure: {
            reason: 'unreachable',
            detail: `${usable.platform.displayName} failed repeatedly; RateBridge is giving it a moment before asking again.`,
          },
        };
      }
      return {
        ok: false,
        failure: { reason: 'aborted', detail: 'The quote was cancelled at the deadline.' },
      };
    }
  }

  async function remember(key: string, result: QuoteResult): Promise<void> {
    if (result.ok) await store.cacheSet(key, result as unknown as JsonValue, options.cacheTtlMs);
    else if (result.failure.reason !== 'unauthorized') {
      await store.cacheSet(key, result as unknown as JsonValue, FAILURE_TTL_MS);
    }
  }

  /** Leader: take the cross-instance lock and call; follower: wait for the leader's result. */
  async function fly(
    key: string,
    usable: UsableConnection,
    request: PlatformQuoteRequest,
  ): Promise<{ result: QuoteResult; cache: CacheUse }> {
    const signal = AbortSignal.timeout(callTimeoutMs);
    // Outlives the call: a crashed leader blocks followers on other instances for no longer than this.
    const lockTtl = callTimeoutMs + 2000;
    const lock = await store.acquireLock(`quote-flight:${key}`, lockTtl);
    if (!lock) {
      while (!signal.aborted) {
        await sleep(FOLLOWER_POLL_MS, signal);
        const shared = await store.cacheGet(key);
        if (shared !== undefined) return { result: shared as unknown as QuoteResult, cache: 'shared' };
        // The leader gave up without a result (e.g. a 401, which is not cached): ask ourselves.
        const free = await store.acquireLock(`quote-flight:${key}`, lockTtl);
        if (free) {
          try {
            const result = await callPlatform(usable, request, signal);
            await remember(key, result);
            return { result, cache: 'miss' };
          } finally {
            await store.releaseLock(free);
          }
        }
      }
      return {
        result: { ok: false, failure: { reason: 'aborted', detail: 'The deadline passed.' } },
        cache: 'shared',
      };
    }
    try {
      const result = await callPlatform(usable, request, signal);
      await remember(key, result);
      return { result, cache: 'miss' };
    } finally {
      await store.releaseLock(lock);
    }
  }

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
      const cached = await store.cacheGet(key);
      if (cached !== undefined) {
        return { result: cached as unknown as QuoteResult, cache: 'hit', latencyMs: now() - started };
      }
      let flight = flights.get(key);
      const shared = flight !== undefined;
      if (!flight) {
        flight = fly(key, usable, request).finally(() => flights.delete(key));
        flights.set(key, flight);
      }
      const landed = await untilAborted(flight, signal);
      if (landed === undefined) {
        const detail = `${usable.platform.displayName} did not answer before the checkout's deadline.`;
        return {
          result: { ok: false, failure: { reason: 'timeout', detail } },
          cache: shared ? 'shared' : 'miss',
          latencyMs: now() - started,
        };
      }
      return { result: landed.result, cache: shared ? 'shared' : landed.cache, latencyMs: now() - started };
    },
  };
}

export type UpstreamQuoter = ReturnType<typeof createUpstreamQuoter>;

/**
 * The cache key: tenant, connection, pickup, normalised packages and destination suburb/postcode/state.
 * Hashed, so the key itself reveals nothing; address lines are never part of a platform request at all.
 */
export function quoteCacheKey(tenant: string, connectionId: string, request: PlatformQuoteRequest): string {
  const { pickup, destination, delivery } = request;
  const packages = [...request.packages]
    .map((p) => [
      p.type,
      p.lengthCm,
      p.widthCm,
      p.heightCm,
      p.weightKg,
      p.quantity,
      p.consolidatable ?? false,
    ])
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  const material = JSON.stringify([
    tenant,
    connectionId,
    [pickup.suburb, pickup.postcode, pickup.state, sortedRefs(pickup.platformRefs)],
    packages,
    [destination.suburb.toUpperCase(), destination.postcode, destination.state],
    [delivery.isBusiness, delivery.hasForklift, delivery.authorityToLeave, sortedRefs(delivery.depot)],
  ]);
  return `quote:${createHash('sha256').update(material).digest('base64url')}`;
}

/** Platform references in a fixed order, so the same references always make the same key. */
function sortedRefs(refs: PlatformRefs | undefined): readonly (readonly [string, string | undefined])[] {
  return Object.entries(refs ?? {}).sort(([a], [b]) => a.localeCompare(b));
}

/** The promise's value, or undefined as soon as `signal` fires (the promise itself runs on). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T | undefined> {
  if (signal.aborted) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const onAbort = () => resolve(undefined);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error as Error);
      },
    );
  });
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
