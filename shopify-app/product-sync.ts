/**
 * Reading the shop's products into the catalog: every variant's SKU and weight (converted exactly to grams)
 * is recorded, which fills the missing-dimensions report and pre-fills each product's weight when the
 * merchant adds its dimensions. A variant weight alone is not a packaging profile (a carrier prices the box
 * too), so no profile is invented from it.
 *
 * One sync per shop at a time (a store lock), in the background; progress {state, done, total} is kept in
 * the shop's record for the admin UI. A sync left "running" by a restarted instance is taken over once its
 * lock has expired.
 */
import { z } from 'zod';
import { toKilograms, type Core, type ProductInput, type WeightUnit } from '../core/index.js';
import { graphqlDocument, type ShopifyApi } from './shopify-api.js';
import type { OfflineSessions } from './offline-sessions.js';
import { shopVariants, type ShopVariant } from './product-variants-query.js';
import type { ShopDomain } from './shop-domain.js';

const LOCK_TTL_MS = 10 * 60_000;

export const VARIANTS_COUNT = graphqlDocument({
  text: `query RateBridgeVariantsCount { productVariantsCount { count } }`,
  variables: z.object({}),
  data: z.object({ productVariantsCount: z.object({ count: z.number().int() }).nullable() }),
});

const progressSchema = z.object({
  state: z.enum(['idle', 'running', 'done', 'failed']),
  done: z.number().int(),
  total: z.number().int().nullable(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  error: z.string().nullable(),
});
export type SyncProgress = z.infer<typeof progressSchema>;

const IDLE: SyncProgress = {
  state: 'idle',
  done: 0,
  total: null,
  startedAt: null,
  finishedAt: null,
  error: null,
};
const UNIT: Record<NonNullable<ShopVariant['weight']>['unit'], WeightUnit> = {
  GRAMS: 'g',
  KILOGRAMS: 'kg',
  OUNCES: 'oz',
  POUNDS: 'lbs',
};

export function variantToProduct(variant: ShopVariant): ProductInput {
  const kilograms = variant.weight ? toKilograms(variant.weight.value, UNIT[variant.weight.unit]) : undefined;
  const variantId = variant.variantId.replace('gid://shopify/ProductVariant/', '');
  return {
    variantId,
    ...(variant.sku ? { sku: variant.sku } : {}),
    title:
      variant.variantTitle === 'Default Title'
        ? variant.productTitle
        : `${variant.productTitle} – ${variant.variantTitle}`,
    ...(kilograms === undefined ? {} : { grams: Math.round(kilograms * 1_000_000) / 1000 }),
  };
}

export function createProductSync(options: {
  readonly core: Core;
  readonly api: ShopifyApi;
  readonly offlineSessions: OfflineSessions;
}) {
  const { core, api, offlineSessions } = options;
  const { store, catalog, logger } = core;
  const ref = (shop: string) => ({ tenant: shop, kind: 'shopify', id: 'product-sync' });
  const save = (shop: string, progress: SyncProgress) => store.putDoc(ref(shop), progress);

  async function progress(shop: ShopDomain): Promise<SyncProgress> {
    const parsed = progressSchema.safeParse(await store.getDoc(ref(shop)));
    return parsed.success ? parsed.data : IDLE;
  }

  async function run(shop: ShopDomain, release: () => Promise<void>): Promise<void> {
    const started = new Date().toISOString();
    let current: SyncProgress = { ...IDLE, state: 'running', startedAt: started };
    try {
      const session = await offlineSessions.forShop(shop);
      if (!session.ok) throw new Error(session.failure.message);
      const count = await api.graphql(session.value, VARIANTS_COUNT, {});
      current = { ...current, total: count.ok ? (count.value.productVariantsCount?.count ?? null) : null };
      await save(shop, current);
      for await (const page of shopVariants(api, session.value)) {
        if (!page.ok) throw new Error(page.failure.message);
        const shipped = page.variants.filter((variant) => variant.requiresShipping);
        await catalog.recordProducts(shop, shipped.map(variantToProduct));
        current = { ...current, done: current.done + page.variants.length };
        await save(shop, current);
      }
      await save(shop, {
        ...current,
        state: 'done',
        total: current.done,
        finishedAt: new Date().toISOString(),
      });
      logger.info({ tenant: shop, variants: current.done }, 'Shopify product sync done');
    } catch (error) {
      const message = error instanceof Error ? error.message : 'unknown error';
      await save(shop, { ...current, state: 'failed', finishedAt: new Date().toISOString(), error: message });
      logger.warn({ tenant: shop, error: message }, 'Shopify product sync failed');
    } finally {
      await release();
    }
  }

  return {
    progress,
    /** Starts a sync unless one is running; resolves at once with the progress to show. */
    async start(shop: ShopDomain): Promise<SyncProgress> {
      const lock = await store.acquireLock(`shopify-product-sync:${shop}`, LOCK_TTL_MS);
      if (!lock) return progress(shop);
      const running: SyncProgress = { ...IDLE, state: 'running', startedAt: new Date().toISOString() };
      await save(shop, running);
      run(shop, () => store.releaseLock(lock)).catch((error: unknown) =>
        logger.error({ err: error, tenant: shop }, 'Shopify product sync could not record its end'),
      );
      return running;
    },
  };
}

export type ProductSync = ReturnType<typeof createProductSync>;
