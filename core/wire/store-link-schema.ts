/**
 * The store link's health as the admin API states it (`store.link` of GET /admin/api/woocommerce/store), and
 * the key grant's preconditions (GET /admin/api/woocommerce/grant-check). These schemas are the contract:
 * the types are derived from them, and the admin UI imports the types (type-only, so this file imports
 * nothing but zod and no server code reaches the browser bundle).
 *
 *   key        the REST key's last check: ok, rejected (revoked, wrong), forbidden (its user may not),
 *              unreachable (the store did not answer), unknown (not checked yet, or the store answered in a
 *              way that says nothing about the key, e.g. WordPress not seeing HTTPS: `detail` says what)
 *   units      the store's weight and dimension units, as last read
 *   webhooks   each product topic's webhook as the store lists it: active, disabled (WooCommerce disables a
 *              webhook after more than 5 failed deliveries in a row), paused (by the merchant; left so), or
 *              missing; `repairedAt` when RateBridge last re-enabled or re-created it
 *   nextCheckAt when the scheduled check looks again
 */
import { z } from 'zod';

export const KEY_STATUSES = ['ok', 'rejected', 'forbidden', 'unreachable', 'unknown'] as const;
export const LINK_WEBHOOK_STATUSES = ['active', 'disabled', 'missing', 'paused'] as const;

export const linkKeySchema = z.object({
  status: z.enum(KEY_STATUSES),
  checkedAt: z.string().nullable(),
  detail: z.string().nullable(),
});
export type LinkKey = z.infer<typeof linkKeySchema>;

export const linkWebhookSchema = z.object({
  topic: z.string(),
  status: z.enum(LINK_WEBHOOK_STATUSES),
  repairedAt: z.string().nullable(),
});
export type LinkWebhook = z.infer<typeof linkWebhookSchema>;

export const storeLinkSchema = z.object({
  key: linkKeySchema,
  units: z.object({ weight: z.string(), dimension: z.string(), checkedAt: z.string().nullable() }),
  webhooks: z.array(linkWebhookSchema),
  nextCheckAt: z.string().nullable(),
});
export type StoreLink = z.infer<typeof storeLinkSchema>;

/** One thing the key grant needs before the merchant is sent to the store; `ok: null` when not checkable. */
export const grantCheckItemSchema = z.object({
  /**
   * callback_https: WooCommerce posts the keys only to an https callback; callback_port: WordPress's safe
   * request calls only ports 80, 443 and 8080; callback_public: nor addresses that are not public (unless
   * the same host as the store); callback_certificate: the certificate must be one WordPress's CA bundle
   * trusts; store_rest: the store's REST API answers at /wp-json/ (pretty permalinks on, WooCommerce active).
   */
  id: z.enum(['callback_https', 'callback_port', 'callback_public', 'callback_certificate', 'store_rest']),
  ok: z.boolean().nullable(),
  detail: z.string(),
});
export type GrantCheckItem = z.infer<typeof grantCheckItemSchema>;

/** GET /woocommerce/grant-check?storeUrl= */
export const grantCheckQuerySchema = z.object({ storeUrl: z.string().max(2048, 'is too long') });

export const grantCheckSchema = z.object({
  /** Every check passed (or could not be checked): the grant can be started. */
  ready: z.boolean(),
  checks: z.array(grantCheckItemSchema),
});
export type GrantCheck = z.infer<typeof grantCheckSchema>;
