/**
 * Where the outbound-budget counters (core/quoting/budget) live: on the store's Redis through
 * rate-limiter-flexible's RateLimiterRedis, so every instance counts the same calls; on the embedded store,
 * which one process owns (DATA_DIR lock), in its in-memory RateLimiterMemory. Here, beside the stores,
 * because only core/storage talks to ioredis.
 *
 * A checkout must not wait on a Redis that hangs or is gone: each Redis count gets a short time, and after
 * one that failed or ran out of it the instance counts in its own memory for a second before asking Redis
 * again (as the guarded store does for the rest). Memory mirrors every count Redis took, so one instance
 * alone never exceeds a limit; N instances cut off from Redis could together send up to N times one.
 */
import type { Cluster, Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';
import type { Store } from './store.js';

/** Counters never refuse by themselves: the budget compares totals with the limits it was given. */
const UNBOUNDED = 1_000_000_000;
/** How long a checkout's count may wait for Redis, and how long after a miss it is not asked. */
const REDIS_WAIT_MS = 250;
const REDIS_REST_MS = 1000;

export interface CounterSpec {
  /** Namespace of the counters' keys. */
  readonly name: string;
  /** How long one counter lives after its first increment, seconds (whole: Redis expires by second). */
  readonly ttlSeconds: number;
}

/** The three operations the budget uses, on one namespace of counters. */
export interface BudgetCounter {
  consume(key: string, points: number): Promise<{ readonly consumedPoints: number }>;
  get(key: string): Promise<{ readonly consumedPoints: number } | null>;
  reward(key: string, points: number): Promise<unknown>;
}

export type CounterFactory = (spec: CounterSpec) => BudgetCounter;

interface LimiterCapable {
  limiterConnection(): { readonly client: Redis | Cluster; readonly keyPrefix: string };
}

export function counterFactoryFor(store: Store, now: () => number = Date.now): CounterFactory {
  const backing = innermost(store);
  const redis = hasLimiterConnection(backing) ? backing.limiterConnection() : undefined;
  let restUntil = 0;
  return ({ name, ttlSeconds }) => {
    const memory = new RateLimiterMemory({ keyPrefix: name, points: UNBOUNDED, duration: ttlSeconds });
    if (!redis) return memory;
    const shared = new RateLimiterRedis({
      storeClient: redis.client,
      keyPrefix: `${redis.keyPrefix}budget:${name}`,
      points: UNBOUNDED,
      duration: ttlSeconds,
      // A client that is not connected is not waited for.
      rejectIfRedisNotReady: true,
    });
    /** Redis's answer (mirrored into memory), or memory's while Redis rests. */
    const either = async <T>(onRedis: () => Promise<T>, inMemory: () => Promise<T>, mirror: boolean) => {
      if (now() < restUntil) return inMemory();
      let answer: T;
      try {
        answer = await withinMs(onRedis(), REDIS_WAIT_MS);
      } catch {
        restUntil = now() + REDIS_REST_MS;
        return inMemory();
      }
      if (mirror) await inMemory();
      return answer;
    };
    return {
      consume: (key, points) =>
        either(
          () => shared.consume(key, points),
          () => memory.consume(key, points),
          true,
        ),
      get: (key) =>
        either(
          () => shared.get(key),
          () => memory.get(key),
          false,
        ),
      reward: (key, points) =>
        either(
          () => shared.reward(key, points),
          () => memory.reward(key, points),
          true,
        ),
    };
  };
}

function withinMs<T>(work: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('budget counter timed out')), ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error as Error);
      },
    );
  });
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
