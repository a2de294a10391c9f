/**
 * The Shopify product sync (what it does and why: product-sync.ts). One operation per file in this
 * folder; this file only composes them over one shared context (sync-context.ts).
 */
import { IDLE, type ProductSyncOptions, type SyncProgress } from '../product-sync.js';
import type { ShopDomain } from '../shop-domain.js';
import { startSync } from './start-sync.js';
import { createSyncContext, readRecord, view } from './sync-context.js';

export function createProductSync(options: ProductSyncOptions) {
  const ctx = createSyncContext(options);
  return {
    async progress(shop: ShopDomain): Promise<SyncProgress> {
      const record = readRecord(await ctx.core.store.getDoc(ctx.ref(shop)));
      return record ? view(record) : IDLE;
    },
    /** Starts a sync unless one is running; resolves at once with the progress to show. */
    start: (shop: ShopDomain) => startSync(ctx, shop),
  };
}

export type ProductSync = ReturnType<typeof createProductSync>;
