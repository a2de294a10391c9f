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
 */
import { z } from 'zod';
import {
  LENGTH_UNITS,
  resealCounter,
  UNCHANGED,
  WEIGHT_UNITS,
  type Core,
  type JsonValue,
} from '../core/index.js';
import type { StoreUnits } from './store-units.js';
import { tenantIndex } from './tenant-index.js';
import type { AuthStyle, WooCredentials } from './woocommerce-client.js';

const CONNECTION_KIND = 'woocommerce-store';
/** (GLOBAL_TENANT, this kind, tenant): every tenant with a store connection. */
const STORES_INDEX_KIND = 'woocommerce-stores';
const CONNECTION_ID = 'connection';

const sealedCredentialsSchema = z.object({
  sealedKey: z.string(),
  sealedSecret: z.string(),
  /** The consumer key's last four characters, for the merchant to recognise it. */
  hint: z.string(),
  /** WooCommerce's own key id and permissions (key grant only). */
  wcKeyId: z.number().nullable(),
  permissions: z.string().nullable(),
  source: z.enum(['grant', 'manual']),
  receivedAt: z.string(),
  /** The store URL the keys were issued for (pending keys: it may differ from the connection's, http vs https). */
  storeUrl: z.string().optional(),
});
export type SealedCredentials = z.infer<typeof sealedCredentialsSchema>;

const webhooksSchema = z.object({
  /** The tenant-scoped path segment of the delivery URL (`/woocommerce/webhooks/<endpointId>`). */
  endpointId: z.string(),
  sealedSecret: z.string(),
  /**
   * registered: by us over the REST API (ids below); plugin: by the RateBridge plugin in WordPress, with the
   * secret it sent us; awaiting_plugin: the key is read-only, so the plugin has to register them.
   */
  status: z.enum(['pending', 'registered', 'failed', 'awaiting_plugin', 'plugin']),
  /** WooCommerce webhook ids, by topic. */
  ids: z.record(z.string(), z.number()),
  detail: z.string().nullable(),
  at: z.string(),
});
export type StoreWebhooks = z.infer<typeof webhooksSchema>;

export const CHECK_OUTCOMES = [
  'connected',
  'rejected',
  'forbidden',
  'not_found',
  'redirected',
  'unreachable',
  'failed',
] as const;
export type CheckOutcome = (typeof CHECK_OUTCOMES)[number];

export const storeConnectionSchema = z.object({
  storeUrl: z.string(),
  /** verifying: keys received, the store not asked yet; failed: the last keys did not work. */
  status: z.enum(['verifying', 'connected', 'failed']),
  auth: z.enum(['header', 'query', 'oauth1']).nullable(),
  credentials: sealedCredentialsSchema.nullable(),
  pending: sealedCredentialsSchema.nullable(),
  units: z.object({ weight: z.enum(WEIGHT_UNITS), dimension: z.enum(LENGTH_UNITS) }).nullable(),
  webhooks: webhooksSchema.nullable(),
  lastCheck: z.object({ at: z.string(), outcome: z.enum(CHECK_OUTCOMES), detail: z.string() }).nullable(),
  connectedAt: z.string().nullable(),
  updatedAt: z.string(),
});
export type StoreConnection = z.infer<typeof storeConnectionSchema>;

export interface StoreConnectionView {
  readonly storeUrl: string;
  readonly status: StoreConnection['status'];
  readonly auth: AuthStyle | null;
  readonly keyHint: string | null;
  readonly permissions: string | null;
  readonly units: StoreUnits | null;
  readonly webhooks: {
    readonly status: StoreWebhooks['status'];
    readonly topics: string[];
    readonly detail: string | null;
  } | null;
  readonly lastCheck: StoreConnection['lastCheck'];
  readonly connectedAt: string | null;
}

export function toConnectionView(record: StoreConnection): StoreConnectionView {
  return {
    storeUrl: record.storeUrl,
    status: record.status,
    auth: record.auth,
    keyHint: record.credentials ? `…${record.credentials.hint}` : null,
    permissions: record.credentials?.permissions ?? null,
    units: record.units,
    webhooks: record.webhooks
      ? {
          status: record.webhooks.status,
          topics: Object.keys(record.webhooks.ids).sort(),
          detail: record.webhooks.detail,
        }
      : null,
    lastCheck: record.lastCheck,
    connectedAt: record.connectedAt,
  };
}

type Deps = Pick<Core, 'store' | 'sealer' | 'logger'>;

/** Sealing owners: a sealed value copied onto another tenant's record will not open there. */
const owner = {
  consumerKey: (tenant: string) => `woocommerce:${tenant}:consumer-key`,
  consumerSecret: (tenant: string) => `woocommerce:${tenant}:consumer-secret`,
  webhookSecret: (tenant: string) => `woocommerce:${tenant}:webhook-secret`,
};

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

  return {
    async get(tenant: string): Promise<StoreConnection | undefined> {
      return read(tenant, await store.getDoc(ref(tenant)));
    },

    /**
     * Atomic read-modify-write of the connection. `change` gets the current record (undefined when none)
     * and returns the next one, or undefined to leave it as it is.
     */
    async update(
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
      if (created) await stores.put(tenant, tenant);
      return read(tenant, stored);
    },

    /** Tenants with a store connection (those created since the list was kept). */
    tenants: (): Promise<string[]> => stores.tenants(),

    /**
     * Re-seals the connection's consumer key and secret (current and pending) and webhook secret with the
     * key ring's primary key (after a key rotation). Returns how many values moved; 0 changes nothing.
     */
    async reseal(tenant: string): Promise<number> {
      let moved = 0;
      await this.update(tenant, (current) => {
        moved = 0;
        if (!current) return undefined;
        const again = resealCounter(sealer);
        const credentials = <T extends SealedCredentials | null>(sealed: T): T =>
          sealed === null
            ? sealed
            : {
                ...sealed,
                sealedKey: again.value(sealed.sealedKey, owner.consumerKey(tenant)),
                sealedSecret: again.value(sealed.sealedSecret, owner.consumerSecret(tenant)),
              };
        const next: StoreConnection = {
          ...current,
          credentials: credentials(current.credentials),
          pending: credentials(current.pending),
          webhooks: current.webhooks && {
            ...current.webhooks,
            sealedSecret: again.value(current.webhooks.sealedSecret, owner.webhookSecret(tenant)),
          },
        };
        moved = again.moved;
        return moved > 0 ? next : undefined;
      });
      return moved;
    },

    sealCredentials(
      tenant: string,
      input: {
        consumerKey: string;
        consumerSecret: string;
        wcKeyId: number | null;
        permissions: string | null;
      },
      source: SealedCredentials['source'],
    ): SealedCredentials {
      return {
        sealedKey: sealer.seal(input.consumerKey, owner.consumerKey(tenant)),
        sealedSecret: sealer.seal(input.consumerSecret, owner.consumerSecret(tenant)),
        hint: input.consumerKey.slice(-4),
        wcKeyId: input.wcKeyId,
        permissions: input.permissions,
        source,
        receivedAt: iso(),
      };
    },

    openCredentials(tenant: string, storeUrl: string, sealed: SealedCredentials): WooCredentials {
      return {
        storeUrl,
        consumerKey: sealer.open(sealed.sealedKey, owner.consumerKey(tenant)),
        consumerSecret: sealer.open(sealed.sealedSecret, owner.consumerSecret(tenant)),
      };
    },

    sealWebhookSecret(tenant: string, secret: string): string {
      return sealer.seal(secret, owner.webhookSecret(tenant));
    },

    openWebhookSecret(tenant: string, sealed: string): string {
      return sealer.open(sealed, owner.webhookSecret(tenant));
    },

    iso,
  };
}

export type StoreConnections = ReturnType<typeof createStoreConnections>;
