/** The products RateBridge has heard of that no profile or default box can give dimensions to. */
import { PRODUCT_KIND, readProduct, type CatalogContext } from './catalog-context.js';
import { missingDimensions, type MissingDimensionsItem } from './missing-dimensions.js';
import type { ProductRecord } from './product-record.js';

export async function missingDimensionsReport(
  ctx: CatalogContext,
  tenant: string,
): Promise<{ items: MissingDimensionsItem[]; total: number }> {
  const [productDocs, profiles, defaultBox] = await Promise.all([
    ctx.store.listDocs(tenant, PRODUCT_KIND),
    ctx.allProfiles(tenant),
    ctx.getDefaultBox(tenant),
  ]);
  const products = new Map<string, ProductRecord>();
  for (const [key, raw] of productDocs) products.set(key, readProduct(raw));
  const items = missingDimensions(
    products,
    new Map(profiles.map((profile) => [profile.key, profile])),
    defaultBox,
  );
  return { items, total: items.length };
}
