/**
 * Applies a verified product delivery: a deleted product is forgotten, a simple one mapped and written,
 * and a variable one's variations read again from the store after the answer (their defaults changed).
 */
import { rbError } from '../../core/index.js';
import { hasVariations, mapProduct, mapVariation } from '../product-mapping.js';
import { wooDeletedResourceSchema, wooProductSchema, type WooProduct } from '../woocommerce-resources.js';
import type { WebhooksContext } from './webhooks-context.js';

export type WebhookOutcome =
  | { readonly result: 'ping' }
  | { readonly result: 'duplicate' }
  | { readonly result: 'ignored'; readonly topic: string }
  | { readonly result: 'applied'; readonly topic: string; readonly products: number };

export async function applyDelivery(
  ctx: WebhooksContext,
  tenant: string,
  topic: string,
  body: unknown,
): Promise<WebhookOutcome> {
  const record = await ctx.connections.get(tenant);
  const units = record?.units;
  if (topic === 'product.deleted') {
    const deleted = wooDeletedResourceSchema.safeParse(body);
    if (!deleted.success) throw rbError('RB_ERR_VALIDATION', 'the deleted product has no id');
    await ctx.profiles.forget(tenant, deleted.data.id);
    return { result: 'applied', topic, products: 1 };
  }
  const parsed = wooProductSchema.safeParse(body);
  if (!parsed.success) throw rbError('RB_ERR_VALIDATION', 'the body is not a WooCommerce product');
  if (!units) throw rbError('RB_ERR_NOT_FOUND', 'A connected store for this webhook');
  const product = parsed.data;
  if (hasVariations(product)) {
    // A parent's weight and size are its variations' defaults: read them again, after answering.
    void ctx.tasks.run('woocommerce-variations', (signal) => refreshVariations(ctx, tenant, product, signal));
    return { result: 'applied', topic, products: 0 };
  }
  const mapped = mapProduct(product, units);
  if (mapped) await ctx.profiles.apply(tenant, [mapped]);
  return { result: 'applied', topic, products: mapped ? 1 : 0 };
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
