/**
 * Writes what the store says of its products into the catalog: every product and variation is recorded
 * (the missing-dimensions report reads these), and a product with a weight and all three dimensions gets a
 * packaging profile of one carton of that size and weight.
 *
 * The merchant's word wins over the store's. The bridge remembers, per profile it wrote, the profile's
 * `updatedAt` at that moment (at (tenant, 'woocommerce-synced-profiles', key)). A later sync or webhook
 * replaces a profile only when it is still exactly the one the bridge wrote; a profile the merchant saved
 * or imported since (its `updatedAt` moved), or one that existed before the bridge ever wrote it, is kept
 * as it is. Deleting a product removes only a profile the bridge wrote and nobody changed.
 */
import { isRateBridgeError, type Core, type JsonValue, type Logger } from '../core/index.js';
import type { MappedProduct, ShippingBox } from './product-mapping.js';

const OWNERSHIP_KIND = 'woocommerce-synced-profiles';
const WRITE_CONCURRENCY = 16;

export interface ApplyCounts {
  /** Catalog product records written. */
  recorded: number;
  created: number;
  updated: number;
  /** Already what the store says: nothing written. */
  unchanged: number;
  /** The merchant's own profile: left alone. */
  kept: number;
  /** Sizes or weights no carrier takes (a unit mistake in the store): no profile written. */
  implausible: number;
}

export const emptyCounts = (): ApplyCounts => ({
  recorded: 0,
  created: 0,
  updated: 0,
  unchanged: 0,
  kept: 0,
  implausible: 0,
});

export function addCounts(into: ApplyCounts, more: ApplyCounts): ApplyCounts {
  for (const key of Object.keys(into) as (keyof ApplyCounts)[]) into[key] += more[key];
  return into;
}

interface Ownership {
  readonly updatedAt: string;
  readonly parentId: number | null;
}

type Deps = Pick<Core, 'store' | 'catalog'> & { readonly logger: Logger };

export function createSyncedProfiles(deps: Deps) {
  const { store, catalog, logger } = deps;
  const ownershipRef = (tenant: string, key: string) => ({ tenant, kind: OWNERSHIP_KIND, id: key });

  async function readOwnership(tenant: string, key: string): Promise<Ownership | undefined> {
    const raw = await store.getDoc(ownershipRef(tenant, key));
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
    const updatedAt = raw.updatedAt;
    const parentId = raw.parentId;
    return typeof updatedAt === 'string'
      ? { updatedAt, parentId: typeof parentId === 'number' ? parentId : null }
      : undefined;
  }

  async function currentProfile(tenant: string, key: string) {
    try {
      return await catalog.getProfile(tenant, key);
    } catch (error) {
      if (isRateBridgeError(error) && error.code === 'RB_ERR_NOT_FOUND') return undefined;
      throw error;
    }
  }

  async function applyBox(tenant: string, product: MappedProduct, box: ShippingBox, counts: ApplyCounts) {
    const [existing, ownership] = await Promise.all([
      currentProfile(tenant, product.key),
      readOwnership(tenant, product.key),
    ]);
    if (existing && existing.updatedAt !== ownership?.updatedAt) {
      counts.kept += 1;
      return;
    }
    const pkg = { type: 'carton' as const, ...box, quantity: 1 };
    const [current] = existing?.packages ?? [];
    if (existing && existing.packages.length === 1 && current && sameBox(current, pkg)) {
      counts.unchanged += 1;
      return;
    }
    try {
      const written = await catalog.upsertProfile(tenant, product.key, {
        packages: [pkg],
        locationIds: [],
        consolidatable: false,
      });
      const record: Ownership = { updatedAt: written.updatedAt, parentId: product.parentId ?? null };
      await store.putDoc(ownershipRef(tenant, product.key), record as unknown as JsonValue);
      if (existing) counts.updated += 1;
      else counts.created += 1;
    } catch (error) {
      if (isRateBridgeError(error) && error.code === 'RB_ERR_VALIDATION') {
        counts.implausible += 1;
        return;
      }
      throw error;
    }
  }

  return {
    /** Records the products and writes or refreshes their profiles; returns what happened. */
    async apply(tenant: string, products: readonly MappedProduct[]): Promise<ApplyCounts> {
      const counts = emptyCounts();
      if (products.length === 0) return counts;
      counts.recorded = await catalog.recordProducts(
        tenant,
        products.map((product) => product.record),
      );
      const boxed = products.filter((product) => product.box !== undefined);
      for (let start = 0; start < boxed.length; start += WRITE_CONCURRENCY) {
        await Promise.all(
          boxed
            .slice(start, start + WRITE_CONCURRENCY)
            .map((product) => applyBox(tenant, product, product.box as ShippingBox, counts)),
        );
      }
      if (counts.implausible > 0) {
        logger.info(
          { tenant, implausible: counts.implausible },
          'store sizes no carrier takes were not profiled',
        );
      }
      return counts;
    },

    /** A product (or a variable product with its variations) was deleted in the store. */
    async forget(tenant: string, productId: number): Promise<number> {
      const owned = await store.listDocs(tenant, OWNERSHIP_KIND);
      const keys = [...owned]
        .filter(([key, raw]) => {
          const parentId = (raw as { parentId?: unknown } | null)?.parentId;
          return key === `variant:${productId}` || parentId === productId;
        })
        .map(([key]) => key);
      let removed = 0;
      for (const key of keys) {
        const [existing, ownership] = await Promise.all([
          currentProfile(tenant, key),
          readOwnership(tenant, key),
        ]);
        if (existing && existing.updatedAt === ownership?.updatedAt) {
          await catalog.deleteProfile(tenant, key).catch((error: unknown) => {
            if (!(isRateBridgeError(error) && error.code === 'RB_ERR_NOT_FOUND')) throw error;
          });
          removed += 1;
        }
        await store.deleteDoc(ownershipRef(tenant, key));
      }
      return removed;
    },
  };
}

export type SyncedProfiles = ReturnType<typeof createSyncedProfiles>;

function sameBox(
  a: {
    lengthCm: number;
    widthCm: number;
    heightCm: number;
    weightKg: number;
    quantity: number;
    type: string;
  },
  b: {
    lengthCm: number;
    widthCm: number;
    heightCm: number;
    weightKg: number;
    quantity: number;
    type: string;
  },
): boolean {
  return (
    a.type === b.type &&
    a.lengthCm === b.lengthCm &&
    a.widthCm === b.widthCm &&
    a.heightCm === b.heightCm &&
    a.weightKg === b.weightKg &&
    a.quantity === b.quantity
  );
}
