/** From the front ends' product sync: what the shop says each product is. Returns how many were kept. */
import type { JsonValue } from '../storage/store.js';
import { PRODUCT_KIND, productKey, readProduct, writeAll, type CatalogContext } from './catalog-context.js';
import { cleanProduct, type ProductInput } from './product-record.js';

export async function recordProducts(
  ctx: CatalogContext,
  tenant: string,
  products: readonly ProductInput[],
): Promise<number> {
  const at = ctx.iso();
  const cleaned = products.flatMap((input) => cleanProduct(input) ?? []);
  await writeAll(cleaned, (product) =>
    ctx.store.updateDoc({ tenant, kind: PRODUCT_KIND, id: productKey(product) }, (raw) => {
      const current = readProduct(raw);
      return { ...current, ...product, syncedAt: at } as JsonValue;
    }),
  );
  return cleaned.length;
}
