/** The stored connection document (schema and types) and its view, which holds no key, secret or sealed value. */
import { z } from 'zod';
import { LENGTH_UNITS, WEIGHT_UNITS } from '../../core/index.js';
import { linkKeySchema, linkWebhookSchema, type StoreLink } from '../../core/wire/store-link-schema.js';
import type { StoreUnits } from '../store-units.js';
import type { AuthStyle } from '../woocommerce-client.js';

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

const CHECK_OUTCOMES = [
  'connected',
  'rejected',
  'forbidden',
  'not_found',
  'redirected',
  'unreachable',
  /** WordPress does not see the request as HTTPS (a TLS proxy before it), so it ignores the keys. */
  'https_unseen',
  'failed',
] as const;
export type CheckOutcome = (typeof CHECK_OUTCOMES)[number];

/** The link's health as the scheduled check (store-link/) last saw it. */
const linkStateSchema = z.object({
  key: linkKeySchema,
  unitsCheckedAt: z.string().nullable(),
  webhooks: z.array(linkWebhookSchema),
  nextCheckAt: z.string().nullable(),
});
export type LinkState = z.infer<typeof linkStateSchema>;

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
  /** Absent on connections stored before the link was checked. */
  link: linkStateSchema.nullable().optional(),
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
  readonly link: StoreLink;
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
    link: toLinkView(record),
  };
}

function toLinkView(record: StoreConnection): StoreLink {
  const link = record.link;
  return {
    key: link?.key ?? { status: 'unknown', checkedAt: null, detail: null },
    units: {
      weight: record.units?.weight ?? '',
      dimension: record.units?.dimension ?? '',
      checkedAt: link?.unitsCheckedAt ?? null,
    },
    webhooks: link?.webhooks ?? [],
    nextCheckAt: link?.nextCheckAt ?? null,
  };
}
