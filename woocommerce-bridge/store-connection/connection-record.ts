/** The stored connection document (schema and types) and its view, which holds no key, secret or sealed value. */
import { z } from 'zod';
import type { StoreConnectionView } from '../../core/wire/admin-api-types.js';
import { linkKeySchema, linkWebhookSchema, type StoreLink } from '../../core/wire/store-link-schema.js';
import type { STORE_CHECK_OUTCOMES } from '../../core/wire/woocommerce-schema.js';
import {
  AUTH_STYLES,
  STORE_STATUSES,
  WEBHOOK_STATUSES,
  storeCheckSchema,
  storeUnitsSchema,
} from '../../core/wire/woocommerce-schema.js';

export type { StoreConnectionView } from '../../core/wire/admin-api-types.js';

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
  status: z.enum(WEBHOOK_STATUSES),
  /** WooCommerce webhook ids, by topic. */
  ids: z.record(z.string(), z.number()),
  detail: z.string().nullable(),
  at: z.string(),
});
export type StoreWebhooks = z.infer<typeof webhooksSchema>;

export type CheckOutcome = (typeof STORE_CHECK_OUTCOMES)[number];

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
  status: z.enum(STORE_STATUSES),
  auth: z.enum(AUTH_STYLES).nullable(),
  credentials: sealedCredentialsSchema.nullable(),
  pending: sealedCredentialsSchema.nullable(),
  units: storeUnitsSchema.nullable(),
  webhooks: webhooksSchema.nullable(),
  lastCheck: storeCheckSchema.nullable(),
  connectedAt: z.string().nullable(),
  /** Absent on connections stored before the link was checked. */
  link: linkStateSchema.nullable().optional(),
  updatedAt: z.string(),
});
export type StoreConnection = z.infer<typeof storeConnectionSchema>;

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
