/**
 * Pacing GraphQL Admin calls by the shop's leaky bucket, so a throttled answer is the exception. Every answer
 * carries `extensions.cost` (https://shopify.dev/docs/apps/build/apis/graphql-admin/rate-limits, "Cost
 * calculation"): the document's requested cost and the bucket's `throttleStatus` {maximumAvailable,
 * currentlyAvailable, restoreRate (points a second)}. The pacer remembers both per shop (and the cost per
 * document), and before the next call of a document waits until the bucket, refilled at its restore rate,
 * should hold what that document cost last time: Shopify only runs a query whose requested cost the bucket
 * holds.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { LRUCache } from 'lru-cache';
import { z } from 'zod';

export const queryCost = z.looseObject({
  requestedQueryCost: z.number(),
  actualQueryCost: z.number().nullable().optional(),
  throttleStatus: z.looseObject({
    maximumAvailable: z.number(),
    currentlyAvailable: z.number(),
    restoreRate: z.number().positive(),
  }),
});
export type QueryCost = z.infer<typeof queryCost>;

/** Seconds until the bucket holds the requested cost again (at least a tenth of a second). */
export function secondsUntilAffordable(cost: QueryCost): number {
  const { currentlyAvailable, restoreRate } = cost.throttleStatus;
  const missing = Math.max(0, cost.requestedQueryCost - currentlyAvailable);
  return Math.max(0.1, Math.ceil((missing / restoreRate) * 1000) / 1000);
}

interface Bucket {
  readonly available: number;
  readonly maximum: number;
  readonly restoreRate: number;
  readonly at: number;
}

export interface QueryPacer {
  /** Waits until `shop`'s bucket should afford `document`; false when `signal` cancelled the wait. */
  beforeSend(shop: string, document: string, signal?: AbortSignal): Promise<boolean>;
  /** What Shopify's answer said about the document and the bucket. */
  afterAnswer(shop: string, document: string, cost: QueryCost): void;
}

export function createQueryPacer(
  options: { readonly now?: () => number; readonly maxWaitMs?: number } = {},
): QueryPacer {
  const now = options.now ?? Date.now;
  // Longer than this, the call goes anyway and Shopify's own answer decides.
  const maxWaitMs = options.maxWaitMs ?? 30_000;
  const buckets = new LRUCache<string, Bucket>({ max: 10_000 });
  const costs = new LRUCache<string, number>({ max: 1_000 });
  return {
    async beforeSend(shop, document, signal) {
      const bucket = buckets.get(shop);
      const needed = costs.get(document);
      if (!bucket || needed === undefined) return true;
      const refilled = bucket.available + ((now() - bucket.at) / 1000) * bucket.restoreRate;
      const available = Math.min(bucket.maximum, refilled);
      if (needed <= available) return true;
      const waitMs = Math.ceil(((needed - available) / bucket.restoreRate) * 1000);
      if (waitMs > maxWaitMs) return true;
      try {
        await sleep(waitMs, undefined, signal ? { signal } : {});
        return true;
      } catch {
        return false;
      }
    },
    afterAnswer(shop, document, cost) {
      const { currentlyAvailable, maximumAvailable, restoreRate } = cost.throttleStatus;
      costs.set(document, cost.requestedQueryCost);
      buckets.set(shop, { available: currentlyAvailable, maximum: maximumAvailable, restoreRate, at: now() });
    },
  };
}
