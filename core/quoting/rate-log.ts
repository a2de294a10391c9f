/**
 * The rate log: one entry per quote, the latest 500 per tenant, for the merchant to see why checkout showed
 * what it showed. Privacy by construction: the entry is built from the request summary below, which has no
 * field for a name, street, email or phone.
 */
import { randomBytes } from 'node:crypto';
import type { JsonValue, Store } from '../storage/store.js';
import type { RateLogEntry } from '../wire/admin-api-types.js';

export const RATE_LOG_CAP = 500;
const LIST = 'rate-log';

export type { RateLogEntry } from '../wire/admin-api-types.js';

export function newRateLogId(): string {
  return `rl_${randomBytes(8).toString('base64url')}`;
}

export function createRateLog(store: Store) {
  return {
    async record(tenant: string, entry: RateLogEntry): Promise<void> {
      await store.listPush(tenant, LIST, entry as unknown as JsonValue, RATE_LOG_CAP);
    },
    async page(
      tenant: string,
      offset: number,
      limit: number,
    ): Promise<{ entries: RateLogEntry[]; total: number }> {
      const [entries, total] = await Promise.all([
        store.listRange(tenant, LIST, offset, limit),
        store.listLength(tenant, LIST),
      ]);
      return { entries: entries as unknown as RateLogEntry[], total };
    },
  };
}
export type RateLog = ReturnType<typeof createRateLog>;
