/**
 * The rate log: one entry per quote, the latest 500 per tenant, for the merchant to see why checkout showed
 * what it showed. Privacy by construction: the entry is built from the request summary below, which has no
 * field for a name, street, email or phone.
 */
import { randomBytes } from 'node:crypto';
import type { JsonValue, Store } from '../storage/store.js';
import { createRateLogQueue } from './rate-log-queue.js';
import type { RateLogEntry } from '../wire/admin-api-types.js';

export const RATE_LOG_CAP = 500;
const LIST = 'rate-log';

export type { RateLogEntry } from '../wire/admin-api-types.js';

// Random bytes drawn 4 KB at a time: a call into the CPRNG per entry was a twentieth of a cache-hit quote.
let pool = Buffer.alloc(0);
let used = 0;

export function newRateLogId(): string {
  if (used + 8 > pool.length) {
    pool = randomBytes(4096);
    used = 0;
  }
  used += 8;
  return `rl_${pool.subarray(used - 8, used).toString('base64url')}`;
}

export function createRateLog(store: Store) {
  const queue = createRateLogQueue(store, { list: LIST, cap: RATE_LOG_CAP });
  return {
    /** Queues the entry and returns at once: written within a flush interval (rate-log-queue.ts). */
    async record(tenant: string, entry: RateLogEntry): Promise<void> {
      queue.add(tenant, entry as unknown as JsonValue);
    },
    /** Writes every queued entry; core.close() calls it, and every read waits for it. */
    flush: () => queue.flush(),
    dropped: () => queue.dropped(),
    async page(
      tenant: string,
      offset: number,
      limit: number,
    ): Promise<{ entries: RateLogEntry[]; total: number }> {
      // A page shows every quote answered so far by this instance, queued ones included.
      await queue.flush();
      const [entries, total] = await Promise.all([
        store.listRange(tenant, LIST, offset, limit),
        store.listLength(tenant, LIST),
      ]);
      return { entries: entries as unknown as RateLogEntry[], total };
    },
  };
}
export type RateLog = ReturnType<typeof createRateLog>;
