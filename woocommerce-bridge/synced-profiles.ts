/**
 * Writes what the store says of its products into the catalog: every product and variation is recorded
 * (the missing-dimensions report reads these), and a product with a weight and all three dimensions gets a
 * packaging profile of one carton of that size and weight.
 *
 * The merchant's word wins over the store's. The bridge remembers, per profile it wrote, the profile's
 * `updatedAt` at that moment (at (tenant, 'woocommerce-synced-profiles', key)). A later sync or webhook
 * replaces a profile only when it is still exactly the one the bridge wrote; a profile the merchant saved
 * or imported since (its `updatedAt` moved), or one that existed before the bridge ever wrote it, is kept
 * as it is. Deleting or trashing a product removes its records (the missing-dimensions report) and only a
 * profile the bridge wrote and nobody changed; a full sync does the same for every product the store no
 * longer lists (`forgetStale`).
 *
 * One operation per file in synced-profiles/; this file only composes them.
 */
import { applyProducts } from './synced-profiles/apply-products.js';
import { forgetProduct } from './synced-profiles/forget-product.js';
import { forgetStale } from './synced-profiles/forget-stale.js';
import { createOwnership, type ProfilesDeps } from './synced-profiles/ownership.js';
import { withContext } from './with-context.js';

export { addCounts, emptyCounts } from './synced-profiles/apply-counts.js';

export function createSyncedProfiles(deps: ProfilesDeps) {
  const ctx = createOwnership(deps);
  return {
    apply: withContext(ctx, applyProducts),
    forget: withContext(ctx, forgetProduct),
    forgetStale: withContext(ctx, forgetStale),
  };
}

export type SyncedProfiles = ReturnType<typeof createSyncedProfiles>;
