/**
 * A product (or a variable product with its variations) was deleted in the store: only the profiles the
 * bridge wrote and nobody changed go; the bridge forgets every one it wrote. Returns how many went.
 */
import { isRateBridgeError } from '../../core/index.js';
import { OWNERSHIP_KIND, type ProfilesContext } from './ownership.js';

export async function forgetProduct(
  ctx: ProfilesContext,
  tenant: string,
  productId: number,
): Promise<number> {
  const owned = await ctx.store.listDocs(tenant, OWNERSHIP_KIND);
  const keys = [...owned]
    .filter(([key, raw]) => {
      const parentId = (raw as { parentId?: unknown } | null)?.parentId;
      return key === `variant:${productId}` || parentId === productId;
    })
    .map(([key]) => key);
  let removed = 0;
  for (const key of keys) {
    const [existing, ownership] = await Promise.all([ctx.currentProfile(tenant, key), ctx.read(tenant, key)]);
    if (existing && existing.updatedAt === ownership?.updatedAt) {
      await ctx.catalog.deleteProfile(tenant, key).catch((error: unknown) => {
        if (!(isRateBridgeError(error) && error.code === 'RB_ERR_NOT_FOUND')) throw error;
      });
      removed += 1;
    }
    await ctx.remove(tenant, key);
  }
  return removed;
}
