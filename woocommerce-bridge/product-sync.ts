/**
 * The full product sync: every product page of the store (100 a page, in id order, a few pages at once),
 * the variations of every variable product, exact unit conversion, and the catalog written through
 * synced-profiles.ts. The admin shows its progress (products done of X-WP-Total).
 *
 * Resumable: the sync's state lives in the store at (tenant, 'woocommerce-sync', 'current') and is updated
 * atomically after each page, together with the page number; a restart continues with the pages not yet
 * done (a page in flight at the crash is read again; writing it twice is harmless). A global index
 * (GLOBAL_TENANT, 'woocommerce-sync-index', tenant) lists unfinished syncs so start-up finds them.
 *
 * One runner per sync, across instances: the runner holds a lease in the state document, renewed while
 * it works. An instance resumes a sync whose lease has run out (its runner died), at start and on a timer.
 *
 * One operation per file in product-sync/; this file only composes them over one shared context
 * (product-sync/sync-context.ts).
 */
import { startResuming } from './product-sync/resume-syncs.js';
import { startSync } from './product-sync/start-sync.js';
import { stopSyncs, syncsIdle } from './product-sync/stop-syncs.js';
import { createSyncContext, type ProductSyncOptions } from './product-sync/sync-context.js';
import { toSyncView, type SyncView } from './product-sync/sync-state.js';
import { withContext } from './with-context.js';

export type { ProductSyncOptions } from './product-sync/sync-context.js';

export function createProductSync(options: ProductSyncOptions) {
  const ctx = createSyncContext(options);
  return {
    start: withContext(ctx, startSync),
    async status(tenant: string): Promise<SyncView | undefined> {
      const state = await ctx.load(tenant);
      return state && toSyncView(state);
    },
    startResuming: withContext(ctx, startResuming),
    idle: withContext(ctx, syncsIdle),
    stop: withContext(ctx, stopSyncs),
  };
}
