/**
 * Where the outbound-budget counters (core/quoting/budget) live: on the store's Redis through
 * rate-limiter-flexible's RateLimiterRedis, so every instance counts the same calls, with its in-memory
 * limiter as insurance while Redis is unreachable (each instance then counts alone until Redis answers
 * again); on the embedded store, which one process owns (DATA_DIR lock), its in-memory RateLimiterMemory.
 * Here, beside the stores, because only core/storage talks to ioredis.
 */
import type { Cluster, Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Store } from './store.js';

/** Counters never refuse by themselves: the budget compares totals with the limits it was given. */
const UNBOUNDED = 1_000_000_000;

export interface CounterSpec {
  /** Namespace of the counters' keys. */
  readonly name: string;
  /** How long one counter lives after its first increment, seconds (whole: Redis expires by second). */
  readonly ttlSeconds: number;
}

export type CounterFactory = (spec: CounterSpec) => RateLimiterAbstract;

interface LimiterCapable {
  limiterConnection(): { readonly client: Redis | Cluster; readonly keyPrefix: string };
}

export function counterFactoryFor(store: Store): CounterFactory {
  const backing = innermost(store);
  const redis = hasLimiterConnection(backing) ? backing.limiterConnection() : undefined;
  return ({ name, ttlSeconds }) => {
    const memory = new RateLimiterMemory({ keyPrefix: name, points: UNBOUNDED, duration: ttlSeconds });
    if (!redis) return memory;
    return new RateLimiterRedis({
      storeClient: redis.client,
      keyPrefix: `${redis.keyPrefix}budget:${name}`,
      points: UNBOUNDED,
      duration: ttlSeconds,
      // A Redis that is not connected is not waited for: the insurance counts meanwhile.
      rejectIfRedisNotReady: true,
      insuranceLimiter: memory,
    });
  };
}

/** The store under any guard (guarded-store.ts keeps it as `inner`): the counters talk to Redis itself. */
function innermost(store: Store): Store {
  let current = store;
  for (
    let inner = (current as { inner?: Store }).inner;
    inner;
    inner = (current as { inner?: Store }).inner
  ) {
    current = inner;
  }
  return current;
}

function hasLimiterConnection(store: Store): store is Store & LimiterCapable {
  return typeof (store as Partial<LimiterCapable>).limiterConnection === 'function';
}
