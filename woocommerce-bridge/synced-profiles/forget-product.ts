/**
 * A product (or a variable product with its variations) was deleted or trashed in the store: its catalog
 * records go (so the missing-dimensions report stops listing it), and of its profiles only those the
 * bridge wrote and nobody changed; the bridge forgets every one it wrote. Returns how many records went.
 */
import { isRateBridgeError } from '../../core/index.js';
import { OWNERSHIP_KIND, VARIATIONS_KIND, type ProfilesContext } from './ownership.js';

export async function forgetProduct(
  ctx: ProfilesContext,
  tenant: string,
  productId: number,
): Promise<number> {
  const owned = await ctx.store.listDocs(tenant, OWNERSHIP_KIND);
  const keys = new Set(
    [...owned]
      .filter(([key, raw]) => {
        const parentId = (raw as { parentId?: unknown } | null)?.parentId;
        return key === `variant:${productId}` || parentId === productId;
      })
      .map(([key]) => key),
  );
  keys.add(`variant:${productId}`);
  for (const id of await ctx.variationsOf(tenant, productId)) keys.add(`variant:${id}`);
  const removed = await forgetKeys(ctx, tenant, [...keys]);
  await ctx.store.deleteDoc({ tenant, kind: VARIATIONS_KIND, id: String(productId) });
  return removed;
}

/** Forgets these products: records, the bridge's untouched profiles, and the bridge's ownership notes. */
export async function forgetKeys(
  ctx: ProfilesContext,
  tenant: string,
  keys: readonly string[],
): Promise<number> {
  for (const key of keys) {
    const [existing, ownership] = await Promise.all([ctx.currentProfile(tenant, key), ctx.read(tenant, key)]);
    if (existing && ownership && existing.updatedAt === ownership.updatedAt) {
      await ctx.catalog.deleteProfile(tenant, key).catch((error: unknown) => {
        if (!(isRateBridgeError(error) && error.code === 'RB_ERR_NOT_FOUND')) throw error;
      });
    }
    if (ownership) await ctx.remove(tenant, key);
  }
  return ctx.catalog.forgetProducts(tenant, keys);
}
