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
 *
 * This file holds the contract (options, the stored record's schemas, the variant's translation);
 * product-sync/ holds the operations, composed by product-sync/create-product-sync.ts.
 */
import { z } from 'zod';
import { syncProgressSchema } from '../core/wire/shopify-schema.js';
import { toKilograms, type Core, type ProductInput, type WeightUnit } from '../core/index.js';
import type { BulkReadOptions } from './bulk-product-read.js';
import type { ShopifyApi } from './shopify-api.js';
import type { OfflineSessions } from './offline-sessions.js';
import type { ShopVariant } from './product-variants-query.js';

/** How long a runner keeps the sync without renewing (each page renews it). */
export const SYNC_LEASE_MS = 2 * 60_000;
/** Cursor pagination's ceiling (https://shopify.dev/docs/api/usage/limits, "Pagination limits"). */
export const BULK_THRESHOLD_PRODUCTS = 25_000;

// The progress shown is a wire type (core/wire/shopify-schema.ts); mutable here, where the sync keeps it.
export type SyncProgress = z.infer<typeof syncProgressSchema>;

/** Where a running read stands: after this products cursor, or inside this bulk operation. */
const positionSchema = z.object({
  cursor: z.string().nullable().optional(),
  bulkId: z.string().optional(),
});
export type Position = z.infer<typeof positionSchema>;

/** The stored record: the progress shown, the lease of the sync running and its position (never shown). */
export const recordSchema = syncProgressSchema.extend(positionSchema.shape).extend({
  runner: z.string().optional(),
  leaseUntil: z.number().optional(),
});
export type SyncRecord = z.infer<typeof recordSchema>;

export const IDLE: SyncProgress = {
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
