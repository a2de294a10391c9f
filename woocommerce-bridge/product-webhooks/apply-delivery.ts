/**
 * Applies a verified product delivery: a deleted or trashed product is forgotten, a simple one mapped and
 * written (in the store's units, read again first when the last read is old), and a variable one's
 * variations read again from the store after the answer (their defaults changed).
 *
 * WooCommerce builds a payload when it delivers, not when the product changed: a product deleted
 * meanwhile arrives as its REST error (`{"code": "woocommerce_rest_product_invalid_id", …}`), without the
 * id. That is answered 200 (a 4xx counts as a failed delivery, and after more than five WooCommerce
 * disables the webhook) and a full sync finds and forgets the product.
 */
import { rbError } from '../../core/index.js';
import { hasVariations, mapProduct, mapVariation } from '../product-mapping.js';
import {
  wooDeletedResourceSchema,
  wooErrorSchema,
  wooProductSchema,
  type WooProduct,
} from '../woocommerce-resources.js';
import type { WebhooksContext } from './webhooks-context.js';

export type WebhookOutcome =
  | { readonly result: 'ping' }
  | { readonly result: 'duplicate' }
  | { readonly result: 'ignored'; readonly topic: string }
  | { readonly result: 'gone'; readonly topic: string }
  | { readonly result: 'applied'; readonly topic: string; readonly products: number };

/** WooCommerce's "Invalid ID" errors for products and variations (woocommerce_rest_product_invalid_id, …). */
const GONE_CODE = /^woocommerce_rest_(product|product_variation)_invalid_id$/;

export async function applyDelivery(
  ctx: WebhooksContext,
  tenant: string,
  topic: string,
  body: unknown,
): Promise<WebhookOutcome> {
  if (topic === 'product.deleted') {
    const deleted = wooDeletedResourceSchema.safeParse(body);
    if (!deleted.success) throw rbError('RB_ERR_VALIDATION', 'the deleted product has no id');
    await ctx.profiles.forget(tenant, deleted.data.id);
    return { result: 'applied', topic, products: 1 };
  }
  const parsed = wooProductSchema.safeParse(body);
  if (!parsed.success) return notAProduct(ctx, tenant, topic, body);
  const product = parsed.data;
  if (product.status === 'trash') {
    await ctx.profiles.forget(tenant, product.id);
    return { result: 'applied', topic, products: 1 };
  }
  await ctx.freshUnits(tenant);
  const units = (await ctx.connections.get(tenant))?.units;
  if (!units) throw rbError('RB_ERR_NOT_FOUND', 'A connected store for this webhook');
  if (hasVariations(product)) {
    // A parent's weight and size are its variations' defaults: read them again, after answering.
    void ctx.tasks.run('woocommerce-variations', (signal) => refreshVariations(ctx, tenant, product, signal));
    return { result: 'applied', topic, products: 0 };
  }
  const mapped = mapProduct(product, units);
  if (mapped) await ctx.profiles.apply(tenant, [mapped]);
  return { result: 'applied', topic, products: mapped ? 1 : 0 };
}

async function notAProduct(
  ctx: WebhooksContext,
  tenant: string,
  topic: string,
  body: unknown,
): Promise<WebhookOutcome> {
  const error = wooErrorSchema.safeParse(body);
  if (!error.success || !GONE_CODE.test(error.data.code))
    throw rbError('RB_ERR_VALIDATION', 'the body is not a WooCommerce product');
  ctx.logger.info({ tenant, topic }, 'delivery for a product deleted before delivery: reconciling');
  await ctx.reconcile(tenant);
  return { result: 'gone', topic };
}

async function refreshVariations(
  ctx: WebhooksContext,
  tenant: string,
  parent: WooProduct,
  signal: AbortSignal,
): Promise<void> {
  const opened = await ctx.open(tenant);
  if (!opened) return;
  const variations: WooProduct[] = [];
  for (let page = 1; page <= 100; page += 1) {
    const result = await opened.client.listVariations(parent.id, page, 100, signal);
    if (!result.ok) {
      ctx.logger.warn(
        { tenant, productId: parent.id, failure: result.failure.kind },
        'variations not refreshed',
      );
      return;
    }
    variations.push(...result.value.items);
    if (page >= result.value.totalPages) break;
  }
  await ctx.profiles.apply(
    tenant,
    variations.flatMap((variation) => mapVariation(variation, parent, opened.units) ?? []),
  );
}
