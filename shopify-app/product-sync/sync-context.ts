/**
 * What every product-sync operation shares: its dependencies (the API with retries), the lease, the clock,
 * how a bulk read is made, and the shop's sync record read, shown and written under the lease. Built once
 * by create-product-sync.ts; each operation is a function of it in a file of its own.
 */
import { UNCHANGED, type JsonValue } from '../../core/index.js';
import type { BulkReadOptions } from '../bulk-product-read.js';
import {
  BULK_THRESHOLD_PRODUCTS,
  recordSchema,
  SYNC_LEASE_MS,
  type Position,
  type ProductSyncOptions,
  type SyncProgress,
  type SyncRecord,
} from '../product-sync.js';
import type { ShopDomain } from '../shop-domain.js';
import { withRetries } from '../shopify-api.js';
import { httpsDownload } from './https-download.js';

const BULK_POLL_MS = 5_000;

export type { Position } from '../product-sync.js';

export function createSyncContext(options: ProductSyncOptions) {
  const { signal } = options;
  const now = options.now ?? Date.now;
  const leaseMs = options.leaseMs ?? SYNC_LEASE_MS;
  const { store } = options.core;
  const ref = (shop: string) => ({ tenant: shop, kind: 'shopify', id: 'product-sync' });
  return {
    ...options,
    api: withRetries(options.api, options.retryDelaysMs),
    leaseMs,
    now,
    iso: () => new Date(now()).toISOString(),
    bulkThreshold: options.bulkThreshold ?? BULK_THRESHOLD_PRODUCTS,
    bulkRead: {
      pollMs: options.bulkPollMs ?? BULK_POLL_MS,
      download: options.bulkDownload ?? httpsDownload,
      ...(signal ? { signal } : {}),
    } satisfies BulkReadOptions,
    call: signal ? { signal } : {},
    ref,

    /**
     * Writes `next` (lease renewed, at `position`) if `runner` still holds the sync; false once someone
     * took it over.
     */
    async advance(
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
    },
  };
}

export type SyncContext = ReturnType<typeof createSyncContext>;

export const readRecord = (raw: JsonValue | undefined): SyncRecord | undefined =>
  recordSchema.safeParse(raw).data;

/** The progress shown: the record without its lease and position. */
export const view = (record: SyncRecord): SyncProgress => ({
  state: record.state,
  done: record.done,
  total: record.total,
  startedAt: record.startedAt,
  finishedAt: record.finishedAt,
  error: record.error,
});

export const positionOf = (record: SyncRecord): Position | undefined =>
  record.bulkId !== undefined
    ? { bulkId: record.bulkId }
    : record.cursor !== undefined
      ? { cursor: record.cursor }
      : undefined;
