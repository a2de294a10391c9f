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
 *
 * Resumable: each page's write also keeps where the read stands (the products cursor, or the bulk
 * operation's id), so a sync whose runner died (killed process, `signal` aborted at shutdown) goes on from
 * its last page when the next start takes it over, instead of reading the catalogue again. A catalogue of
 * more than `bulkThreshold` products (cursor pagination stops at 25,000 objects) is read by one bulk
 * operation (bulk-product-read.ts) instead of pages.
 */
import { randomBytes } from 'node:crypto';
import type { Session } from '@shopify/shopify-api';
import { z } from 'zod';
import {
  toKilograms,
  UNCHANGED,
  type Core,
  type JsonValue,
  type ProductInput,
  type WeightUnit,
} from '../core/index.js';
import { syncProgressSchema } from '../core/wire/shopify-schema.js';
import { bulkProductVariants, startBulkProductRead, type BulkReadOptions } from './bulk-product-read.js';
import { withRetries, type ShopifyApi } from './shopify-api.js';
import type { OfflineSessions } from './offline-sessions.js';
import { catalogueCounts } from './product-counts.js';
import { shopVariants, type ShopVariant, type VariantsPage } from './product-variants-query.js';
import type { ShopDomain } from './shop-domain.js';

/** How long a runner keeps the sync without renewing (each page renews it). */
export const SYNC_LEASE_MS = 2 * 60_000;
/** Cursor pagination's ceiling (https://shopify.dev/docs/api/usage/limits, "Pagination limits"). */
export const BULK_THRESHOLD_PRODUCTS = 25_000;
const BULK_POLL_MS = 5_000;

// The progress shown is a wire type (core/wire/shopify-schema.ts); mutable here, where the sync keeps it.
export type SyncProgress = z.infer<typeof syncProgressSchema>;

/** Where a running read stands: after this products cursor, or inside this bulk operation. */
const positionSchema = z.object({
  cursor: z.string().nullable().optional(),
  bulkId: z.string().optional(),
});
type Position = z.infer<typeof positionSchema>;

/** The stored record: the progress shown, the lease of the sync running and its position (never shown). */
const recordSchema = syncProgressSchema.extend(positionSchema.shape).extend({
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

export interface ProductSyncOptions {
  readonly core: Core;
  readonly api: ShopifyApi;
  readonly offlineSessions: OfflineSessions;
  /** Waits between retries of a throttled or unanswered read (tests shorten them). */
  readonly retryDelaysMs?: readonly number[];
  readonly leaseMs?: number;
  readonly now?: () => number;
  /** Above this many products the catalogue is read by a bulk operation. */
  readonly bulkThreshold?: number;
  readonly bulkPollMs?: number;
  /** Fetches a bulk operation's result file; default: https only. */
  readonly bulkDownload?: BulkReadOptions['download'];
  /** Stops every running sync where it stands, writing nothing (shutdown): the next start resumes it. */
  readonly signal?: AbortSignal;
}

export function createProductSync(options: ProductSyncOptions) {
  const { core, offlineSessions, signal } = options;
  const api = withRetries(options.api, options.retryDelaysMs);
  const leaseMs = options.leaseMs ?? SYNC_LEASE_MS;
  const now = options.now ?? Date.now;
  const bulkThreshold = options.bulkThreshold ?? BULK_THRESHOLD_PRODUCTS;
  const bulkRead: BulkReadOptions = {
    pollMs: options.bulkPollMs ?? BULK_POLL_MS,
    download: options.bulkDownload ?? httpsDownload,
    ...(signal ? { signal } : {}),
  };
  const call = signal ? { signal } : {};
  const { store, catalog, logger } = core;
  const ref = (shop: string) => ({ tenant: shop, kind: 'shopify', id: 'product-sync' });
  const readRecord = (raw: JsonValue | undefined): SyncRecord | undefined => recordSchema.safeParse(raw).data;
  const view = (record: SyncRecord): SyncProgress => ({
    state: record.state,
    done: record.done,
    total: record.total,
    startedAt: record.startedAt,
    finishedAt: record.finishedAt,
    error: record.error,
  });
  const positionOf = (record: SyncRecord): Position | undefined =>
    record.bulkId !== undefined
      ? { bulkId: record.bulkId }
      : record.cursor !== undefined
        ? { cursor: record.cursor }
        : undefined;

  async function progress(shop: ShopDomain): Promise<SyncProgress> {
    const record = readRecord(await store.getDoc(ref(shop)));
    return record ? view(record) : IDLE;
  }

  /**
   * Writes `next` (lease renewed, at `position`) if `runner` still holds the sync; false once someone took
   * it over.
   */
  async function advance(
    shop: ShopDomain,
    runner: string,
    next: SyncProgress,
    position: Position = {},
  ): Promise<boolean> {
    let held = false;
    await store.updateDoc(ref(shop), (raw) => {
      held = readRecord(raw)?.runner === runner;
      if (!held) return UNCHANGED;
      const finished = next.state !== 'running';
      return {
        ...next,
        ...(finished ? {} : { runner, leaseUntil: now() + leaseMs, ...position }),
      } as unknown as JsonValue;
    });
    return held;
  }

  /** Where a new read starts: a bulk operation past the threshold, else the first products page. */
  async function beginRead(session: Session): Promise<{ position: Position; total: number | null }> {
    const counts = await catalogueCounts(api, session, call);
    const total = counts.ok ? (counts.value.variants ?? null) : null;
    const products = counts.ok ? (counts.value.products ?? counts.value.productsAtLeast) : 0;
    if (products <= bulkThreshold) return { position: { cursor: null }, total };
    const bulk = await startBulkProductRead(api, session, call);
    if (!bulk.ok) throw new ReadFailed(bulk.failure.message);
    return { position: { bulkId: bulk.value }, total };
  }

  function pagesFrom(session: Session, position: Position): AsyncGenerator<VariantsPage> {
    return position.bulkId === undefined
      ? shopVariants(api, session, call, position.cursor ?? null)
      : bulkProductVariants(api, session, position.bulkId, bulkRead);
  }

  async function run(
    shop: ShopDomain,
    runner: string,
    started: SyncProgress,
    resumeAt: Position | undefined,
  ): Promise<void> {
    let current = started;
    let position: Position = resumeAt ?? {};
    const step = async (next: SyncProgress) => {
      if (signal?.aborted) throw new Stopped();
      if (!(await advance(shop, runner, next, position))) throw new LeaseLost();
      current = next;
    };
    try {
      const session = await offlineSessions.forShop(shop);
      if (!session.ok) throw new Error(session.failure.message);
      if (!resumeAt) {
        const begun = await beginRead(session.value);
        position = begun.position;
        await step({ ...current, total: begun.total });
      }
      for await (const page of pagesFrom(session.value, position)) {
        if (signal?.aborted) throw new Stopped();
        if (!page.ok) throw new ReadFailed(page.failure.message);
        const shipped = page.variants.filter((variant) => variant.requiresShipping);
        await catalog.recordProducts(shop, shipped.map(variantToProduct));
        if (position.bulkId === undefined) position = { cursor: page.cursor };
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
      if (error instanceof Stopped || signal?.aborted) {
        logger.info(
          { tenant: shop, done: current.done },
          'Shopify product sync stopped; the next start resumes it',
        );
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
    /**
     * Starts a sync unless one is running (its lease alive); resolves at once with the progress to show. A
     * sync whose runner stopped is taken over from where it stands.
     */
    async start(shop: ShopDomain): Promise<SyncProgress> {
      const runner = randomBytes(12).toString('base64url');
      const fresh: SyncProgress = { ...IDLE, state: 'running', startedAt: new Date(now()).toISOString() };
      let started = fresh;
      let resumeAt: Position | undefined;
      let mine = false;
      const stored = await store.updateDoc(ref(shop), (raw) => {
        const record = readRecord(raw);
        started = fresh;
        const running = record?.state === 'running';
        mine = !(running && (record.leaseUntil ?? 0) > now());
        if (!mine) return UNCHANGED;
        resumeAt = running ? positionOf(record) : undefined;
        // A bulk result is read again from its start, so its count starts again too.
        if (running && resumeAt) started = { ...view(record), ...(resumeAt.bulkId ? { done: 0 } : {}) };
        return { ...started, runner, leaseUntil: now() + leaseMs, ...resumeAt } as unknown as JsonValue;
      });
      if (!mine) {
        const record = readRecord(stored);
        return record ? view(record) : IDLE;
      }
      if (resumeAt) logger.info({ tenant: shop, done: started.done }, 'Shopify product sync resumed');
      run(shop, runner, started, resumeAt).catch((error: unknown) =>
        logger.error({ err: error, tenant: shop }, 'Shopify product sync could not record its end'),
      );
      return started;
    },
  };
}

/** The sync's lease went to another runner (this one stalled past it). */
class LeaseLost extends Error {}
/** The sync's signal fired: stop where it stands, as a stopped process would. */
class Stopped extends Error {}
/** Shopify refused or failed a read; the message is the failure's (safe to show). */
class ReadFailed extends Error {}

/** A bulk result file: Shopify serves it from https storage; nothing else is fetched. */
async function httpsDownload(url: string, signal: AbortSignal | undefined): Promise<Response> {
  if (new URL(url).protocol !== 'https:') throw new ReadFailed('The bulk result URL is not https.');
  const timeout = AbortSignal.timeout(10 * 60_000);
  return fetch(url, { redirect: 'error', signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
}

export type ProductSync = ReturnType<typeof createProductSync>;
