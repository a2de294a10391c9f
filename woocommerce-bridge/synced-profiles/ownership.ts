/**
 * What applying and forgetting share: the catalog, and per profile the bridge wrote, the `updatedAt` it
 * had then (at (tenant, 'woocommerce-synced-profiles', key)), which tells the bridge's profile from the
 * merchant's. Built once by synced-profiles.ts.
 */
import { isRateBridgeError, type Core, type JsonValue, type Logger } from '../../core/index.js';

export const OWNERSHIP_KIND = 'woocommerce-synced-profiles';
/** (tenant, this kind, parent id) -> {ids}: the variations of a variable product, for forgetting them with it. */
export const VARIATIONS_KIND = 'woocommerce-variations';

interface Ownership {
  readonly updatedAt: string;
  readonly parentId: number | null;
}

export type ProfilesDeps = Pick<Core, 'store' | 'catalog'> & { readonly logger: Logger };

export function createOwnership(deps: ProfilesDeps) {
  const { store, catalog } = deps;
  const ownershipRef = (tenant: string, key: string) => ({ tenant, kind: OWNERSHIP_KIND, id: key });
  return {
    ...deps,
    async read(tenant: string, key: string): Promise<Ownership | undefined> {
      const raw = await store.getDoc(ownershipRef(tenant, key));
      if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
      const updatedAt = raw.updatedAt;
      const parentId = raw.parentId;
      return typeof updatedAt === 'string'
        ? { updatedAt, parentId: typeof parentId === 'number' ? parentId : null }
        : undefined;
    },
    write: (tenant: string, key: string, record: Ownership) =>
      store.putDoc(ownershipRef(tenant, key), record as unknown as JsonValue),
    remove: (tenant: string, key: string) => store.deleteDoc(ownershipRef(tenant, key)),
    async variationsOf(tenant: string, parentId: number): Promise<number[]> {
      const raw = await store.getDoc({ tenant, kind: VARIATIONS_KIND, id: String(parentId) });
      const ids = (raw as { ids?: unknown } | undefined)?.ids;
      return Array.isArray(ids) ? ids.filter((id): id is number => typeof id === 'number') : [];
    },
    /** Adds variations to their parent's list (a sync page or a webhook names some of them at a time). */
    async noteVariations(tenant: string, parentId: number, ids: readonly number[]): Promise<void> {
      await store.updateDoc({ tenant, kind: VARIATIONS_KIND, id: String(parentId) }, (raw) => {
        const known = (raw as { ids?: unknown } | undefined)?.ids;
        const all = new Set([...(Array.isArray(known) ? known : []), ...ids]);
        return { ids: [...all] } as unknown as JsonValue;
      });
    },
    /** The catalog's profile of `key`, or undefined when it has none. */
    async currentProfile(tenant: string, key: string) {
      try {
        return await catalog.getProfile(tenant, key);
      } catch (error) {
        if (isRateBridgeError(error) && error.code === 'RB_ERR_NOT_FOUND') return undefined;
        throw error;
      }
    },
  };
}

export type ProfilesContext = ReturnType<typeof createOwnership>;
