/**
 * Reading the shop's products into the catalog: every variant's SKU and weight (converted exactly to grams)
 * is recorded, which fills the missing-dimensions report and pre-fills each product's weight when the
 * merchant adds its dimensions. A variant weight alone is not a packaging profile (a carrier prices the box
 * too), so no profile is invented from it.
 *
 * One sync per shop at a time, in the background; progress {state, done, total} is kept in the shop's
 * record for the admin UI. The record also holds the running sync's lease: who runs it and until when.
 * Every page renews the lease (a compare-and-set on the record), so a sync of any length keeps it, and a
 * sync left "running" by a stopped instance is taken over by the next start once the lease has run out; a
 * runner that finds its lease taken stops. Reads go through `withRetries`: Shopify's rate limit (THROTTLED,
 * 429) and unanswered calls are waited out rather than failing the sync.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import {
  toKilograms,
  UNCHANGED,
  type Core,
  type JsonValue,
  type ProductInput,
  type WeightUnit,
} from '../core/index.js';
import { graphqlDocument, withRetries, type ShopifyApi } from './shopify-api.js';
import type { OfflineSessions } from './offline-sessions.js';
import { shopVariants, type ShopVariant } from './product-variants-query.js';
import type { ShopDomain } from './shop-domain.js';

/** How long a runner keeps the sync without renewing (each page renews it). */
export const SYNC_LEASE_MS = 2 * 60_000;

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

/** The stored record: the progress shown, and the lease of the sync running (never shown). */
const recordSchema = progressSchema.extend({
  runner: z.string().optional(),
  leaseUntil: z.number().optional(),
});
type SyncRecord = z.infer<typeof recordSchema>;

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
  /** Waits between retries of a throttled or unanswered read (tests shorten them). */
  readonly retryDelaysMs?: readonly number[];
  readonly leaseMs?: number;
  readonly now?: () => number;
}) {
  const { core, offlineSessions } = options;
  const api = withRetries(options.api, options.retryDelaysMs);
  const leaseMs = options.leaseMs ?? SYNC_LEASE_MS;
  const now = options.now ?? Date.now;
  const { store, catalog, logger } = core;
  const ref = (shop: string) => ({ tenant: shop, kind: 'shopify', id: 'product-sync' });
  const readRecord = (raw: JsonValue | undefined): SyncRecord | undefined => recordSchema.safeParse(raw).data;
  const view = ({ runner: _runner, leaseUntil: _lease, ...shown }: SyncRecord): SyncProgress => shown;

  async function progress(shop: ShopDomain): Promise<SyncProgress> {
    const record = readRecord(await store.getDoc(ref(shop)));
    return record ? view(record) : IDLE;
  }

  /** Writes `next` (lease renewed) if `runner` still holds the sync; false once someone took it over. */
  async function advance(shop: ShopDomain, runner: string, next: SyncProgress): Promise<boolean> {
    let held = false;
    await store.updateDoc(ref(shop), (raw) => {
      held = readRecord(raw)?.runner === runner;
      if (!held) return UNCHANGED;
      const finished = next.state !== 'running';
      return {
        ...next,
        ...(finished ? {} : { runner, leaseUntil: now() + leaseMs }),
      } as unknown as JsonValue;
    });
    return held;
  }

  async function run(shop: ShopDomain, runner: string, started: SyncProgress): Promise<void> {
    let current = started;
    const step = async (next: SyncProgress) => {
      if (!(await advance(shop, runner, next))) throw new LeaseLost();
      current = next;
    };
    try {
      const session = await offlineSessions.forShop(shop);
      if (!session.ok) throw new Error(session.failure.message);
      const count = await api.graphql(session.value, VARIANTS_COUNT, {});
      await step({ ...current, total: count.ok ? (count.value.productVariantsCount?.count ?? null) : null });
      for await (const page of shopVariants(api, session.value)) {
        if (!page.ok) throw new Error(page.failure.message);
        const shipped = page.variants.filter((variant) => variant.requiresShipping);
        await catalog.recordProducts(shop, shipped.map(variantToProduct));
        await step({ ...current, done: current.done + page.variants.length });
      }
      await step({
        ...current,
        state: 'done',
        total: current.done,
        finishedAt: new Date(now()).toISOString(),
      });
      logger.info({ tenant: shop, variants: current.done }, 'Shopify product sync done');
    } catch (error) {
      if (error instanceof LeaseLost) {
        logger.warn({ tenant: shop }, 'Shopify product sync taken over by another runner; this one stops');
        return;
      }
      const message = error instanceof Error ? error.message : 'unknown error';
      await advance(shop, runner, {
        ...current,
        state: 'failed',
        finishedAt: new Date(now()).toISOString(),
        error: message,
      });
      logger.warn({ tenant: shop, error: message }, 'Shopify product sync failed');
    }
  }

  return {
    progress,
    /** Starts a sync unless one is running (its lease alive); resolves at once with the progress to show. */
    async start(shop: ShopDomain): Promise<SyncProgress> {
      const runner = randomBytes(12).toString('base64url');
      const started: SyncProgress = { ...IDLE, state: 'running', startedAt: new Date(now()).toISOString() };
      let mine = false;
      const stored = await store.updateDoc(ref(shop), (raw) => {
        const record = readRecord(raw);
        mine = !(record?.state === 'running' && (record.leaseUntil ?? 0) > now());
        return mine
          ? ({ ...started, runner, leaseUntil: now() + leaseMs } as unknown as JsonValue)
          : UNCHANGED;
      });
      if (!mine) {
        const record = readRecord(stored);
        return record ? view(record) : IDLE;
      }
      run(shop, runner, started).catch((error: unknown) =>
        logger.error({ err: error, tenant: shop }, 'Shopify product sync could not record its end'),
      );
      return started;
    },
  };
}

/** The sync's lease went to another runner (this one stalled past it). */
class LeaseLost extends Error {}

export type ProductSync = ReturnType<typeof createProductSync>;
