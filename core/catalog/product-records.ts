/** Every product record, by key (what a front end's full sync compares with the shop). */
import { PRODUCT_KIND, readProduct, type CatalogContext } from './catalog-context.js';
import type { ProductRecord } from './product-record.js';

export async function productRecords(
  ctx: CatalogContext,
  tenant: string,
): Promise<Map<string, ProductRecord>> {
  const docs = await ctx.store.listDocs(tenant, PRODUCT_KIND);
  return new Map([...docs].map(([key, raw]) => [key, readProduct(raw)]));
}
