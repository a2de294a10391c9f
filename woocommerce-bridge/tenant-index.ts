/**
 * Global lookups that name a tenant: (GLOBAL_TENANT, kind, id) -> {tenant}. Connector key ids, webhook
 * endpoints and the list of connected stores are kept this way, so a request carrying only an id (a plugin
 * key, a webhook delivery) finds its tenant, and start-up work (the re-seal pass) finds every tenant.
 */
import { GLOBAL_TENANT, type JsonValue, type Store } from '../core/index.js';

export interface TenantIndex {
  put(id: string, tenant: string): Promise<void>;
  /** The tenant the entry names; undefined when there is none, or it is not one this index wrote. */
  get(id: string): Promise<string | undefined>;
  delete(id: string): Promise<void>;
  /** Every tenant named, once each. */
  tenants(): Promise<string[]>;
}

export function tenantIndex(store: Store, kind: string): TenantIndex {
  const ref = (id: string) => ({ tenant: GLOBAL_TENANT, kind, id });
  return {
    put: (id, tenant) => store.putDoc(ref(id), { tenant }),
    get: async (id) => tenantIn(await store.getDoc(ref(id))),
    delete: async (id) => {
      await store.deleteDoc(ref(id));
    },
    async tenants() {
      const entries = await store.listDocs(GLOBAL_TENANT, kind);
      return [...new Set([...entries.values()].map(tenantIn).filter((tenant) => tenant !== undefined))];
    },
  };
}

function tenantIn(raw: JsonValue | undefined): string | undefined {
  const tenant = (raw as { tenant?: unknown } | undefined)?.tenant;
  return typeof tenant === 'string' ? tenant : undefined;
}
