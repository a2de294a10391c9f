/**
 * The rate log: one entry per quote, the latest 500 per tenant, for the merchant to see why checkout showed
 * what it showed. Privacy by construction: the entry is built from the request summary below, which has no
 * field for a name, street, email or phone.
 */
import { randomBytes } from 'node:crypto';
import type { JsonValue, Store } from '../storage/store.js';
import type { Rate } from './quote-request.js';

export const RATE_LOG_CAP = 500;
const LIST = 'rate-log';

/**
 * Where a checkout's rates came from, for the merchant and for metrics:
 *   live             at least one platform answered this checkout (or a call it shared)
 *   cached           every price came fresh from the quote cache
 *   stale            a price came from an expired cache entry, served while one refresh ran
 *   last-known-good  a token's budget was spent: a price came from the lane's last good answer
 *   fallback         the merchant's fallback table (`fallbackReason` says why)
 *   none             nothing to quote (no shipping needed, or outside Australia)
 */
export const QUOTE_OUTCOMES = ['live', 'cached', 'stale', 'last-known-good', 'fallback', 'none'] as const;
export type QuoteOutcomeKind = (typeof QUOTE_OUTCOMES)[number];

export interface RateLogEntry {
  readonly id: string;
  readonly at: string;
  readonly source: 'live' | 'fallback' | 'none';
  readonly outcome: QuoteOutcomeKind;
  readonly fallbackReason?: string;
  readonly durationMs: number;
  readonly request: {
    readonly country: string;
    readonly state?: string;
    readonly postcode: string;
    readonly suburb?: string;
    readonly currency: string;
    readonly lines: readonly {
      readonly sku?: string;
      readonly variantId?: string;
      readonly quantity: number;
    }[];
  };
  readonly groups: readonly {
    readonly locationId: string;
    readonly estimated: boolean;
    readonly packages: readonly {
      type: string;
      lengthCm: number;
      widthCm: number;
      heightCm: number;
      weightKg: number;
      quantity: number;
    }[];
  }[];
  readonly upstream: readonly {
    readonly connectionId: string;
    readonly platform: string;
    readonly locationId: string;
    readonly latencyMs: number;
    /** hit, miss, shared, stale or last-known-good (shared-flight.ts `CacheUse`). */
    readonly cache: string;
    readonly outcome: string;
    readonly detail?: string;
    readonly options: number;
  }[];
  readonly rulesApplied: readonly string[];
  readonly rates: readonly Rate[];
}

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
