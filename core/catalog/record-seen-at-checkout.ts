/**
 * The quote engine met a line without a profile. Cheap and idempotent: one write per product per
 * `seenResolutionMs`; never throws (a checkout must not fail for bookkeeping).
 */
import type { JsonValue } from '../storage/store.js';
import { PRODUCT_KIND, productKey, readProduct, type CatalogContext } from './catalog-context.js';
import type { CatalogLine } from './catalog.js';
import { cleanProduct } from './product-record.js';

export async function recordSeenAtCheckout(
  ctx: CatalogContext,
  tenant: string,
  line: CatalogLine & { readonly grams?: number },
): Promise<void> {
  const product = cleanProduct(line);
  if (!product) return;
  const key = productKey(product);
  try {
    if (!(await ctx.store.cacheSetIfAbsent(`catalog-seen:${tenant}:${key}`, 1, ctx.seenResolution))) return;
    const at = ctx.iso();
    await ctx.store.updateDoc({ tenant, kind: PRODUCT_KIND, id: key }, (raw) => {
      const current = readProduct(raw);
      // The product sync's facts win over a checkout's; a checkout only fills gaps.
      return { ...product, ...current, lastSeenAtCheckout: at } as JsonValue;
    });
  } catch (error) {
    ctx.logger.warn({ err: error, tenant, key }, 'recording a product seen at checkout failed');
  }
}
