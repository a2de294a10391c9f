/**
 * A tenant's WooCommerce store connection, one document at (tenant, 'woocommerce-store', 'connection'):
 * the store URL, the consumer key and secret (sealed, the owner bound as associated data), the auth style
 * that works on this host, the store's units, the product webhooks and the last check.
 *
 * Keys from the key grant arrive first as `pending`: anyone who saw a grant's state could post keys to the
 * callback, so they replace the working credentials (and the working connection is left as it is) only
 * after the store itself accepted them.
 *
 * The view (what any API returns) holds no key, secret or sealed value: only the key's last four characters.
 *
 * The document and its view are store-connection/connection-record.ts, the sealing connection-secrets.ts;
 * this file reads and writes the document.
 */
import { UNCHANGED, type Core, type JsonValue } from '../core/index.js';
import { storeConnectionSchema, type StoreConnection } from './store-connection/connection-record.js';
import { connectionSecrets } from './store-connection/connection-secrets.js';
import { resealConnection } from './store-connection/reseal-connection.js';
import { tenantIndex } from './tenant-index.js';

export {
  toConnectionView,
  type CheckOutcome,
  type LinkState,
  type SealedCredentials,
  type StoreConnection,
  type StoreConnectionView,
  type StoreWebhooks,
} from './store-connection/connection-record.js';

const CONNECTION_KIND = 'woocommerce-store';
/** (GLOBAL_TENANT, this kind, tenant): every tenant with a store connection. */
const STORES_INDEX_KIND = 'woocommerce-stores';
const CONNECTION_ID = 'connection';

type Deps = Pick<Core, 'store' | 'sealer' | 'logger'>;

export function createStoreConnections(deps: Deps, now: () => number) {
  const { store, sealer, logger } = deps;
  const ref = (tenant: string) => ({ tenant, kind: CONNECTION_KIND, id: CONNECTION_ID });
  const stores = tenantIndex(store, STORES_INDEX_KIND);
  const iso = () => new Date(now()).toISOString();

  function read(tenant: string, raw: JsonValue | undefined): StoreConnection | undefined {
    if (raw === undefined) return undefined;
    const parsed = storeConnectionSchema.safeParse(raw);
    if (!parsed.success) logger.warn({ tenant }, 'unreadable WooCommerce store connection ignored');
    return parsed.success ? parsed.data : undefined;
  }

  /**
   * Atomic read-modify-write of the connection. `change` gets the current record (undefined when none)
   * and returns the next one, or undefined to leave it as it is.
   */
  async function update(
    tenant: string,
    change: (current: StoreConnection | undefined) => StoreConnection | undefined,
  ): Promise<StoreConnection | undefined> {
    let created = false;
    const stored = await store.updateDoc(ref(tenant), (raw) => {
      const next = change(read(tenant, raw));
      created = raw === undefined && next !== undefined;
      return next === undefined ? UNCHANGED : ({ ...next, updatedAt: iso() } as unknown as JsonValue);
    });
    // The list of stores is for the re-seal pass: a store missing from it is found through its keys.
    // A connection just created whose entry could not be written is taken back, so the caller's 503
    // means nothing was stored and a retry creates both (an update would never write the entry).
    if (created) {
      await stores.put(tenant, tenant).catch(async (error: unknown) => {
        await store.deleteDoc(ref(tenant)).catch(() => undefined);
        throw error;
      });
    }
    return read(tenant, stored);
  }

  return {
    get: async (tenant: string) => read(tenant, await store.getDoc(ref(tenant))),
    update,
    /** Tenants with a store connection (those created since the list was kept). */
    tenants: (): Promise<string[]> => stores.tenants(),
    reseal: (tenant: string) => resealConnection(sealer, update, tenant),
    ...connectionSecrets(sealer, iso),
    iso,
  };
}

export type StoreConnections = ReturnType<typeof createStoreConnections>;
