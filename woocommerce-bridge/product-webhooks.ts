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
 */
import { createHash } from 'node:crypto';
import { rbError, verifyBase64Hmac, type Logger, type Store } from '../core/index.js';
import type { BackgroundTasks } from './background-tasks.js';
import { hasVariations, mapProduct, mapVariation } from './product-mapping.js';
import type { StoreConnections } from './store-connection.js';
import { WEBHOOK_ENDPOINT_KIND, type OpenStore } from './store-setup.js';
import { tenantIndex } from './tenant-index.js';
import type { SyncedProfiles } from './synced-profiles.js';
import { wooDeletedResourceSchema, wooProductSchema, type WooProduct } from './woocommerce-resources.js';

/** WooCommerce retries nothing by itself; a week covers manual redeliveries from its webhook log. */
const DELIVERY_MEMORY_MS = 7 * 24 * 60 * 60_000;
const ENDPOINT_ID = /^wh_[A-Za-z0-9_-]{24}$/;
const PING_BODY = /^webhook_id=\d{1,20}$/;

export interface WebhookDelivery {
  readonly endpointId: string;
  readonly rawBody: Buffer;
  readonly contentType: string | undefined;
  readonly signature: string | undefined;
  readonly topic: string | undefined;
  readonly deliveryId: string | undefined;
}

export type WebhookOutcome =
  | { readonly result: 'ping' }
  | { readonly result: 'duplicate' }
  | { readonly result: 'ignored'; readonly topic: string }
  | { readonly result: 'applied'; readonly topic: string; readonly products: number };

/** Whether `signature` (the header's value) signs `rawBody` with `secret`. */
/** WooCommerce's `X-WC-Webhook-Signature`: core's base64 HMAC-SHA256 check (Shopify uses the same). */
export const verifyWebhookSignature = verifyBase64Hmac;

export interface ProductWebhookOptions {
  readonly store: Store;
  readonly logger: Logger;
  readonly connections: StoreConnections;
  readonly profiles: SyncedProfiles;
  readonly tasks: BackgroundTasks;
  readonly open: (tenant: string) => Promise<OpenStore | undefined>;
}

export function createProductWebhooks(options: ProductWebhookOptions) {
  const { store, logger, connections, profiles, tasks } = options;

  const endpoints = tenantIndex(store, WEBHOOK_ENDPOINT_KIND);

  async function tenantOf(endpointId: string): Promise<string | undefined> {
    if (!ENDPOINT_ID.test(endpointId)) return undefined;
    return endpoints.get(endpointId);
  }

  async function apply(tenant: string, topic: string, body: unknown): Promise<WebhookOutcome> {
    const record = await connections.get(tenant);
    const units = record?.units;
    if (topic === 'product.deleted') {
      const deleted = wooDeletedResourceSchema.safeParse(body);
      if (!deleted.success) throw rbError('RB_ERR_VALIDATION', 'the deleted product has no id');
      await profiles.forget(tenant, deleted.data.id);
      return { result: 'applied', topic, products: 1 };
    }
    const parsed = wooProductSchema.safeParse(body);
    if (!parsed.success) throw rbError('RB_ERR_VALIDATION', 'the body is not a WooCommerce product');
    if (!units) throw rbError('RB_ERR_NOT_FOUND', 'A connected store for this webhook');
    const product = parsed.data;
    if (hasVariations(product)) {
      // A parent's weight and size are its variations' defaults: read them again, after answering.
      void tasks.run('woocommerce-variations', (signal) => refreshVariations(tenant, product, signal));
      return { result: 'applied', topic, products: 0 };
    }
    const mapped = mapProduct(product, units);
    if (mapped) await profiles.apply(tenant, [mapped]);
    return { result: 'applied', topic, products: mapped ? 1 : 0 };
  }

  async function refreshVariations(tenant: string, parent: WooProduct, signal: AbortSignal): Promise<void> {
    const opened = await options.open(tenant);
    if (!opened) return;
    const variations: WooProduct[] = [];
    for (let page = 1; page <= 100; page += 1) {
      const result = await opened.client.listVariations(parent.id, page, 100, signal);
      if (!result.ok) {
        logger.warn(
          { tenant, productId: parent.id, failure: result.failure.kind },
          'variations not refreshed',
        );
        return;
      }
      variations.push(...result.value.items);
      if (page >= result.value.totalPages) break;
    }
    await profiles.apply(
      tenant,
      variations.flatMap((variation) => mapVariation(variation, parent, opened.units) ?? []),
    );
  }

  return {
    /** Verifies and applies one delivery; throws a coded 4xx for anything not from the store. */
    async handle(delivery: WebhookDelivery): Promise<WebhookOutcome> {
      const tenant = await tenantOf(delivery.endpointId);
      if (!tenant) throw rbError('RB_ERR_NOT_FOUND', 'This webhook endpoint');
      if (
        delivery.signature === undefined &&
        delivery.contentType?.startsWith('application/x-www-form-urlencoded') &&
        PING_BODY.test(delivery.rawBody.toString('utf8').trim())
      ) {
        return { result: 'ping' };
      }
      const record = await connections.get(tenant);
      if (!record?.webhooks || record.webhooks.endpointId !== delivery.endpointId) {
        throw rbError('RB_ERR_NOT_FOUND', 'This webhook endpoint');
      }
      if (delivery.signature === undefined) throw rbError('RB_ERR_SIGNATURE_MISSING');
      const secret = connections.openWebhookSecret(tenant, record.webhooks.sealedSecret);
      if (!verifyWebhookSignature(delivery.rawBody, delivery.signature, secret)) {
        logger.warn({ tenant }, 'WooCommerce webhook with a bad signature refused');
        throw rbError('RB_ERR_SIGNATURE_INVALID');
      }
      const topic = delivery.topic ?? '';
      if (!['product.created', 'product.updated', 'product.deleted'].includes(topic)) {
        return { result: 'ignored', topic };
      }
      let body: unknown;
      try {
        body = JSON.parse(delivery.rawBody.toString('utf8'));
      } catch {
        throw rbError('RB_ERR_BAD_JSON');
      }
      // WooCommerce's delivery id is a hash of the webhook id and the current second, so two deliveries in
      // one second share it: the body is part of what makes a delivery the same one.
      const seenKey =
        delivery.deliveryId === undefined
          ? undefined
          : `woo-webhook-delivery:${tenant}:${delivery.deliveryId}:${createHash('sha256').update(delivery.rawBody).digest('base64url')}`;
      if (seenKey !== undefined && !(await store.cacheSetIfAbsent(seenKey, 1, DELIVERY_MEMORY_MS))) {
        return { result: 'duplicate' };
      }
      try {
        return await apply(tenant, topic, body);
      } catch (error) {
        // Not applied: a redelivery of the same id must be able to try again.
        if (seenKey !== undefined) await store.cacheDelete(seenKey).catch(() => undefined);
        throw error;
      }
    },
  };
}

export type ProductWebhooks = ReturnType<typeof createProductWebhooks>;
