/**
 * What every product-sync operation shares: its dependencies and settings, this instance's runner id and
 * running jobs, and the reads and writes they all make of the sync's state and the index of unfinished
 * syncs. Built once by product-sync.ts; each operation is a function of it in a file of its own.
 */
import { randomBytes } from 'node:crypto';
import { GLOBAL_TENANT, UNCHANGED, type JsonValue, type Logger, type Store } from '../../core/index.js';
import type { CheckReason, LinkCheck } from '../store-link.js';
import type { OpenStore } from '../store-setup.js';
import type { SyncedProfiles } from '../synced-profiles.js';
import type { WooClient } from '../woocommerce-client.js';
import { readState, type SyncState } from './sync-state.js';

const SYNC_KIND = 'woocommerce-sync';
const SYNC_ID = 'current';
export const INDEX_KIND = 'woocommerce-sync-index';

export interface StoreAccess {
  open(tenant: string): Promise<OpenStore | undefined>;
  /** The link check (key, units read again, webhooks) every sync starts with. */
  check(tenant: string, reason: CheckReason, signal?: AbortSignal): Promise<LinkCheck>;
  switchToQueryAuth(tenant: string): Promise<WooClient | undefined>;
}

export interface ProductSyncOptions {
  readonly store: Store;
  readonly logger: Logger;
  readonly stores: StoreAccess;
  readonly profiles: SyncedProfiles;
  readonly now: () => number;
  readonly pageSize?: number;
  readonly pageConcurrency?: number;
  readonly variationConcurrency?: number;
  readonly leaseMs?: number;
  /** Waits before the retries of a page that failed transiently. */
  readonly retryDelaysMs?: readonly number[];
}

export function createSyncContext(options: ProductSyncOptions) {
  const { store, now } = options;
  const leaseMs = options.leaseMs ?? 30_000;
  const instance = `sync-runner-${randomBytes(6).toString('hex')}`;
  const ref = (tenant: string) => ({ tenant, kind: SYNC_KIND, id: SYNC_ID });
  const indexRef = (tenant: string) => ({ tenant: GLOBAL_TENANT, kind: INDEX_KIND, id: tenant });
  const iso = () => new Date(now()).toISOString();
  const ours = (state: SyncState | undefined, id: string) =>
    state?.id === id && state.lease?.owner === instance;

  /** Atomically applies `change` to the sync `id` while this instance holds its lease. */
  async function mutate(tenant: string, id: string, change: (state: SyncState) => SyncState | undefined) {
    let applied = false;
    await store.updateDoc(ref(tenant), (raw) => {
      applied = false;
      const state = readState(raw);
      if (!state || !ours(state, id)) return UNCHANGED;
      const next = change(state);
      if (!next) return UNCHANGED;
      applied = true;
      return { ...next, updatedAt: iso() } as unknown as JsonValue;
    });
    return applied;
  }

  return {
    ...options,
    pageSize: options.pageSize ?? 100,
    pageConcurrency: options.pageConcurrency ?? 3,
    variationConcurrency: options.variationConcurrency ?? 4,
    leaseMs,
    retryDelays: options.retryDelaysMs ?? [500, 2000, 5000],
    instance,
    ref,
    indexRef,
    iso,
    ours,
    mutate,
    jobs: new Map<string, { controller: AbortController; done: Promise<void> }>(),
    /** `stopped`: no runner starts after a stop until resuming starts again; `sweeper`: the orphan search. */
    runtime: { stopped: false, sweeper: undefined as NodeJS.Timeout | undefined },
    /** This instance's lease, from now. */
    lease: () => ({ owner: instance, until: now() + leaseMs }),
    leaseLive: (state: SyncState) => state.lease !== null && state.lease.until > now(),
    load: async (tenant: string) => readState(await store.getDoc(ref(tenant))),

    /** Ends the sync `id` (while ours) and takes it off the index of unfinished syncs. */
    async finish(tenant: string, id: string, change: (state: SyncState) => SyncState): Promise<void> {
      if (await mutate(tenant, id, change)) await store.deleteDoc(indexRef(tenant));
    },
  };
}

export type SyncContext = ReturnType<typeof createSyncContext>;
