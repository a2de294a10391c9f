/**
 * The shop no longer has these products (deleted, trashed, or gone at a full sync): their records go, so
 * the missing-dimensions report stops listing them. Profiles are the caller's to remove. Returns how many
 * records there were.
 */
import { PRODUCT_KIND, writeAll, type CatalogContext } from './catalog-context.js';

export async function forgetProducts(
  ctx: CatalogContext,
  tenant: string,
  keys: readonly string[],
): Promise<number> {
  let removed = 0;
  await writeAll(keys, async (key) => {
    if (await ctx.store.deleteDoc({ tenant, kind: PRODUCT_KIND, id: key })) removed += 1;
  });
  return removed;
}
