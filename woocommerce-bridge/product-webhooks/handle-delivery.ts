/**
 * One delivery to POST /woocommerce/webhooks/<endpoint id>: the creation ping is answered, anything else
 * must be signed with the store's webhook secret, and a delivery seen before changes nothing.
 */
import { createHash } from 'node:crypto';
import { rbError, verifyBase64Hmac } from '../../core/index.js';
import { applyDelivery, type WebhookOutcome } from './apply-delivery.js';
import type { WebhooksContext } from './webhooks-context.js';

/** WooCommerce retries nothing by itself; a week covers manual redeliveries from its webhook log. */
const DELIVERY_MEMORY_MS = 7 * 24 * 60 * 60_000;
const PING_BODY = /^webhook_id=\d{1,20}$/;
const PRODUCT_TOPICS = ['product.created', 'product.updated', 'product.deleted'];

export interface WebhookDelivery {
  readonly endpointId: string;
  readonly rawBody: Buffer;
  readonly contentType: string | undefined;
  readonly signature: string | undefined;
  readonly topic: string | undefined;
  readonly deliveryId: string | undefined;
}

/** WooCommerce's `X-WC-Webhook-Signature`: core's base64 HMAC-SHA256 check (Shopify uses the same). */
export const verifyWebhookSignature = verifyBase64Hmac;

/** Verifies and applies one delivery; throws a coded 4xx for anything not from the store. */
export async function handleDelivery(
  ctx: WebhooksContext,
  delivery: WebhookDelivery,
): Promise<WebhookOutcome> {
  const tenant = await ctx.tenantOf(delivery.endpointId);
  if (!tenant) throw rbError('RB_ERR_NOT_FOUND', 'This webhook endpoint');
  if (isPing(delivery)) return { result: 'ping' };
  await verifySignature(ctx, tenant, delivery);
  const topic = delivery.topic ?? '';
  if (!PRODUCT_TOPICS.includes(topic)) return { result: 'ignored', topic };
  let body: unknown;
  try {
    body = JSON.parse(delivery.rawBody.toString('utf8'));
  } catch {
    throw rbError('RB_ERR_BAD_JSON');
  }
  const seenKey = deliveryKey(tenant, delivery);
  if (seenKey !== undefined && !(await ctx.store.cacheSetIfAbsent(seenKey, 1, DELIVERY_MEMORY_MS))) {
    return { result: 'duplicate' };
  }
  try {
    return await applyDelivery(ctx, tenant, topic, body);
  } catch (error) {
    // Not applied: a redelivery of the same id must be able to try again.
    if (seenKey !== undefined) await ctx.store.cacheDelete(seenKey).catch(() => undefined);
    throw error;
  }
}

/** The unsigned ping WooCommerce sends when a webhook is created; without a 200 it marks the URL broken. */
function isPing(delivery: WebhookDelivery): boolean {
  return (
    delivery.signature === undefined &&
    delivery.contentType?.startsWith('application/x-www-form-urlencoded') === true &&
    PING_BODY.test(delivery.rawBody.toString('utf8').trim())
  );
}

async function verifySignature(
  ctx: WebhooksContext,
  tenant: string,
  delivery: WebhookDelivery,
): Promise<void> {
  const record = await ctx.connections.get(tenant);
  if (!record?.webhooks || record.webhooks.endpointId !== delivery.endpointId) {
    throw rbError('RB_ERR_NOT_FOUND', 'This webhook endpoint');
  }
  if (delivery.signature === undefined) throw rbError('RB_ERR_SIGNATURE_MISSING');
  const secret = ctx.connections.openWebhookSecret(tenant, record.webhooks.sealedSecret);
  if (!verifyWebhookSignature(delivery.rawBody, delivery.signature, secret)) {
    ctx.logger.warn({ tenant }, 'WooCommerce webhook with a bad signature refused');
    throw rbError('RB_ERR_SIGNATURE_INVALID');
  }
}

/**
 * WooCommerce's delivery id is a hash of the webhook id and the current second, so two deliveries in one
 * second share it: the body is part of what makes a delivery the same one.
 */
function deliveryKey(tenant: string, delivery: WebhookDelivery): string | undefined {
  if (delivery.deliveryId === undefined) return undefined;
  const digest = createHash('sha256').update(delivery.rawBody).digest('base64url');
  return `woo-webhook-delivery:${tenant}:${delivery.deliveryId}:${digest}`;
}
