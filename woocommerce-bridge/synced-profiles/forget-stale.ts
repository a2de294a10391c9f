/**
 * The end of a full sync: every product the sync did not report (deleted or trashed in the store, or no
 * longer shipped: virtual now, a variable parent) is forgotten as a deleted one is. A record counts as
 * reported when it was written since the sync started; the sync reads every page, so one not written is
 * one the store no longer lists. Only WooCommerce's `variant:` records are compared. Returns how many went.
 */
import { forgetKeys } from './forget-product.js';
import type { ProfilesContext } from './ownership.js';

export async function forgetStale(ctx: ProfilesContext, tenant: string, since: string): Promise<number> {
  const records = await ctx.catalog.productRecords(tenant);
  const stale = [...records]
    .filter(([key, record]) => {
      const touched = [record.syncedAt, record.lastSeenAtCheckout].filter((at) => at !== undefined);
      return key.startsWith('variant:') && touched.every((at) => at < since);
    })
    .map(([key]) => key);
  if (stale.length === 0) return 0;
  const removed = await forgetKeys(ctx, tenant, stale);
  ctx.logger.info({ tenant, removed }, 'products the store no longer has were forgotten');
  return removed;
}
