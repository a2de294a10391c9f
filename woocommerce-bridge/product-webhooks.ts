/**
 * WooCommerce's product webhooks, delivered to POST /woocommerce/webhooks/<endpoint id>:
 *
 *   - the endpoint id names the tenant (through a global lookup document); the webhook secret is the
 *     store's own, sealed on its connection;
 *   - `X-WC-Webhook-Signature` must be the base64 HMAC-SHA256 of the exact bytes received, keyed with that
 *     secret (constant-time comparison), so the route reads the raw body itself;
 *   - the unsigned ping WooCommerce sends when a webhook is created (form body `webhook_id=N`) gets a 200,
 *     or WooCommerce reports the delivery URL as broken;
 *   - a delivery is applied once: its `X-WC-Webhook-Delivery-ID` is recorded in the store first, and a
 *     delivery seen again changes nothing (it is still answered 200, or WooCommerce counts a failure and
 *     disables the webhook after five).
 *
 * product.created / product.updated carry the product as REST v3 returns it (variations too, with their
 * inherited weight and size); product.deleted carries only the id.
 *
 * Handling (product-webhooks/handle-delivery.ts) and applying (apply-delivery.ts) share one context;
 * this file only composes them.
 */
import { handleDelivery } from './product-webhooks/handle-delivery.js';
import { createWebhooksContext, type ProductWebhookOptions } from './product-webhooks/webhooks-context.js';
import { withContext } from './with-context.js';

export { verifyWebhookSignature } from './product-webhooks/handle-delivery.js';
export type { ProductWebhookOptions } from './product-webhooks/webhooks-context.js';

export function createProductWebhooks(options: ProductWebhookOptions) {
  const ctx = createWebhooksContext(options);
  return {
    handle: withContext(ctx, handleDelivery),
  };
}
