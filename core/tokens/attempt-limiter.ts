/**
 * Limits token attempts (connect, replace, manual verify) per tenant, so RateBridge cannot be used as an
 * oracle for guessing platform tokens. A fixed window on the Store's expiring counters: the same on both
 * stores and shared across instances. (rate-limiter-flexible would need the raw Redis client, which only
 * core/storage may hold.)
 */
import { rbError } from '../errors.js';
import type { Store } from '../storage/store.js';

export interface AttemptLimit {
  readonly attempts: number;
  readonly windowMs: number;
}

export const DEFAULT_ATTEMPT_LIMIT: AttemptLimit = { attempts: 10, windowMs: 10 * 60_000 };

export function createAttemptLimiter(store: Store, limit: AttemptLimit = DEFAULT_ATTEMPT_LIMIT) {
  return {
    /** Counts one attempt; throws RB_ERR_RATE_LIMITED (429) past the limit. */
    async consume(tenant: string, now = Date.now()): Promise<void> {
      const window = Math.floor(now / limit.windowMs);
      const used = await store.increment(`token-attempts:${tenant}:${window}`, 1, limit.windowMs);
      if (used > limit.attempts) {
        const retryAfter = Math.max(1, Math.ceil(((window + 1) * limit.windowMs - now) / 1000));
        throw rbError('RB_ERR_RATE_LIMITED', retryAfter).withRetryAfter(retryAfter);
      }
    },
  };
}
