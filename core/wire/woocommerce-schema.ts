/**
 * The WooCommerce bridge's admin routes (woocommerce-bridge/admin-router.ts): the connected store, its
 * product sync and its connector keys, as the answers show them. The store's view holds no key, secret or
 * sealed value: a hint of the consumer key at most.
 */
import { z } from 'zod';
import { storeLinkSchema } from './store-link-schema.js';
import { LENGTH_UNITS, WEIGHT_UNITS } from './vocabulary.js';

/** verifying: keys received, the store not asked yet; failed: the last keys did not work. */
export const STORE_STATUSES = ['verifying', 'connected', 'failed'] as const;
/** How the store accepts its keys: an Authorization header, the query string, or OAuth 1.0a (http). */
export const AUTH_STYLES = ['header', 'query', 'oauth1'] as const;
/**
 * registered: by us over the REST API; plugin: by the RateBridge plugin in WordPress, with the secret it
 * sent us; awaiting_plugin: the key is read-only, so the plugin has to register them.
 */
export const WEBHOOK_STATUSES = ['pending', 'registered', 'failed', 'awaiting_plugin', 'plugin'] as const;
export const STORE_CHECK_OUTCOMES = [
  'connected',
  'rejected',
  'forbidden',
  'not_found',
  'redirected',
  'unreachable',
  /** WordPress does not see the request as HTTPS (a TLS proxy before it), so it reads no key at all. */
  'https_unseen',
  'failed',
] as const;

/** The store's own weight and dimension units (WooCommerce settings). */
export const storeUnitsSchema = z.object({ weight: z.enum(WEIGHT_UNITS), dimension: z.enum(LENGTH_UNITS) });
export const storeCheckSchema = z.object({
  at: z.string(),
  outcome: z.enum(STORE_CHECK_OUTCOMES),
  detail: z.string(),
});

export const storeViewSchema = z.object({
  storeUrl: z.string(),
  status: z.enum(STORE_STATUSES),
  auth: z.enum(AUTH_STYLES).nullable(),
  /** `…` and the consumer key's last four characters. */
  keyHint: z.string().nullable(),
  permissions: z.string().nullable(),
  units: storeUnitsSchema.nullable(),
  /** Product webhooks: `awaiting_plugin` until the plugin (read-only keys) has registered them. */
  webhooks: z
    .object({ status: z.enum(WEBHOOK_STATUSES), topics: z.array(z.string()), detail: z.string().nullable() })
    .nullable(),
  lastCheck: storeCheckSchema.nullable(),
  connectedAt: z.string().nullable(),
  /** The link's health: key, units, webhooks, next check (store-link-schema.ts). */
  link: storeLinkSchema,
});

/** What writing a page of products did, counted for the sync's progress and the admin. */
export const syncCountsSchema = z.object({
  /** Catalog product records written. */
  recorded: z.number(),
  created: z.number(),
  updated: z.number(),
  /** Already what the store says: nothing written. */
  unchanged: z.number(),
  /** The merchant's own profile: left alone. */
  kept: z.number(),
  /** Sizes or weights no carrier takes (a unit mistake in the store): no profile written. */
  implausible: z.number(),
});

export const SYNC_STATUSES = ['running', 'completed', 'failed'] as const;
/** units: the store switched units; reconcile: a delivery named a product the store no longer has. */
export const SYNC_TRIGGERS = ['connect', 'manual', 'units', 'reconcile'] as const;

export const syncViewSchema = z.object({
  id: z.string(),
  status: z.enum(SYNC_STATUSES),
  trigger: z.enum(SYNC_TRIGGERS),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  done: z.number(),
  /** Products in the store, known after the first page. */
  total: z.number().nullable(),
  /** 0–100, for a progress bar. */
  percent: z.number(),
  variations: z.number(),
  counts: syncCountsSchema,
  /** Products forgotten at the end because the store no longer lists them (deleted, trashed). */
  removed: z.number(),
  /** How many times a runner picked the sync up again after a restart. */
  resumed: z.number(),
  error: z.string().nullable(),
});

/**
 * Who made a connector key, as it was when they did (their address survives their removal): the signed-in
 * owner, or the owner who approved a one-click connect. Keys made before this was kept have none.
 */
export const keyCreatorSchema = z.object({ actor: z.string(), email: z.string().optional() });

/** A connector key as listed: never its secret. */
export const connectorKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  createdBy: keyCreatorSchema.optional(),
});

/**
 * A listed key, with whether the person who made it has since been removed from the store: such a key
 * still signs the store's checkout (revoking it would stop the store's rates), but no longer signs anyone
 * in (docs/people-and-roles.md); an owner replaces it and revokes it.
 */
export const listedConnectorKeySchema = connectorKeySchema.extend({ creatorRemoved: z.boolean() });

export const keyNameSchema = z
  .string()
  .trim()
  .min(1, 'Give the key a name, e.g. the store it is for.')
  .max(60, 'A key name is at most 60 characters.')
  .regex(/^[^\p{Cc}]+$/u, 'The name contains a line break or control character.');

export const storeBodySchema = z.strictObject({
  storeUrl: z.string().max(2048),
  consumerKey: z
    .string()
    .trim()
    .regex(/^ck_[A-Za-z0-9_-]{8,128}$/, 'Paste the consumer key WooCommerce showed (it starts with ck_).'),
  consumerSecret: z
    .string()
    .trim()
    .regex(/^cs_[A-Za-z0-9_-]{8,128}$/, 'Paste the consumer secret WooCommerce showed (it starts with cs_).'),
});
export const connectorKeyBodySchema = z.strictObject({ name: keyNameSchema });

export const storeResponseSchema = z.object({ store: storeViewSchema.nullable() });
export const storeConnectedResponseSchema = z.object({ store: storeViewSchema });
export const syncResponseSchema = z.object({ sync: syncViewSchema.nullable() });
export const syncStartedResponseSchema = z.object({ sync: syncViewSchema });
export const connectorKeysResponseSchema = z.object({ keys: z.array(listedConnectorKeySchema) });
export const connectorKeyResponseSchema = z.object({ key: connectorKeySchema });
/** POST /connector-keys: the only time the secret is shown. */
export const createdConnectorKeySchema = z.object({ key: connectorKeySchema, secret: z.string() });
