/**
 * Limits sign-in and invitation requests (per client address, per email address, per store) so the
 * sign-in form cannot be used to flood a mailbox or to probe addresses. A fixed ten-minute window on the
 * Store's expiring counters, as the token attempt limiter does (core/tokens/attempt-limiter.ts, which says
 * why not rate-limiter-flexible): the same on both stores and shared across instances.
 */
import { rbError } from '../errors.js';
import type { Store } from '../storage/store.js';

const WINDOW_MS = 10 * 60_000;

export function createRequestLimiter(store: Store, windowMs = WINDOW_MS) {
  return {
    /** Counts one request under `key`; throws RB_ERR_RATE_LIMITED (429) past `limit` in the window. */
    async consume(key: string, limit: number, now = Date.now()): Promise<void> {
      const window = Math.floor(now / windowMs);
      const used = await store.increment(`people-requests:${key}:${window}`, 1, windowMs);
      if (used > limit) {
        const retryAfter = Math.max(1, Math.ceil(((window + 1) * windowMs - now) / 1000));
        throw rbError('RB_ERR_RATE_LIMITED', retryAfter).withRetryAfter(retryAfter);
      }
    },
  };
}
