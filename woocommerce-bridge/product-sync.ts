/**
 * The full product sync: every product page of the store (100 a page, in id order, a few pages at once),
 * the variations of every variable product, exact unit conversion, and the catalog written through
 * synced-profiles.ts. The admin shows its progress (products done of X-WP-Total).
 *
 * Resumable: the sync's state lives in the store at (tenant, 'woocommerce-sync', 'current') and is updated
 * atomically after each page, together with the page number; a restart continues with the pages not yet
 * done (a page in flight at the crash is read again; writing it twice is harmless). A global index
 * (GLOBAL_TENANT, 'woocommerce-sync-index', tenant) lists unfinished syncs so start-up finds them.
 *
 * One runner per sync, across instances: the runner holds a lease in the state document, renewed while
 * it works. An instance resumes a sync whose lease has run out (its runner died), at start and on a timer.
 */
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { GLOBAL_TENANT, UNCHANGED, type JsonValue, type Logger, type Store } from '../core/index.js';
import { hasVariations, mapProduct, mapVariation, type MappedProduct } from './product-mapping.js';
import type { OpenStore } from './store-setup.js';
import { addCounts, emptyCounts, type ApplyCounts, type SyncedProfiles } from './synced-profiles.js';
import {
  describeFailure,
  isTransient,
  type WooClient,
  type WooFailure,
  type WooPage,
} from './woocommerce-client.js';
import type { WooProduct } from './woocommerce-resources.js';

const SYNC_KIND = 'woocommerce-sync';
const SYNC_ID = 'current';
const INDEX_KIND = 'woocommerce-sync-index';

const countsSchema = z.object({
  recorded: z.number(),
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  kept: z.number(),
  implausible: z.number(),
});

const syncStateSchema = z.object({
  id: z.string(),
  status: z.enum(['running', 'completed', 'failed']),
  trigger: z.enum(['connect', 'manual']),
  startedAt: z.string(),
  updatedAt: z.string(),
  finishedAt: z.string().nullable(),
  pageSize: z.number(),
  /** Products in the store (X-WP-Total) and pages (X-WP-TotalPages), known after the first page. */
  total: z.number().nullable(),
  totalPages: z.number().nullable(),
  pagesDone: z.array(z.number()),
  /** Products processed so far (every product of every page done, shippable or not). */
  done: z.number(),
  variations: z.number(),
  counts: countsSchema,
  /** How many times a runner picked the sync up again after a restart. */
  resumed: z.number(),
  error: z.string().nullable(),
  lease: z.object({ owner: z.string(), until: z.number() }).nullable(),
});
type SyncState = z.infer<typeof syncStateSchema>;

export interface SyncView {
  readonly id: string;
  readonly status: SyncState['status'];
  readonly trigger: SyncState['trigger'];
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly done: number;
  readonly total: number | null;
  /** 0–100, for a progress bar. */
  readonly percent: number;
  readonly variations: number;
  readonly counts: ApplyCounts;
  readonly resumed: number;
  readonly error: string | null;
}

export interface StoreAccess {
  open(tenant: string): Promise<OpenStore | undefined>;
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

class SyncStopped extends Error {}

export function createProductSync(options: ProductSyncOptions) {
  const { store, logger, stores, profiles, now } = options;
  const pageSize = options.pageSize ?? 100;
  const pageConcurrency = options.pageConcurrency ?? 3;
  const variationConcurrency = options.variationConcurrency ?? 4;
  const leaseMs = options.leaseMs ?? 30_000;
  const retryDelays = options.retryDelaysMs ?? [500, 2000, 5000];
  const instance = `sync-runner-${randomBytes(6).toString('hex')}`;
  const ref = (tenant: string) => ({ tenant, kind: SYNC_KIND, id: SYNC_ID });
  const indexRef = (tenant: string) => ({ tenant: GLOBAL_TENANT, kind: INDEX_KIND, id: tenant });
  const iso = () => new Date(now()).toISOString();
  const jobs = new Map<string, { controller: AbortController; done: Promise<void> }>();
  let stopped = false;
  let sweeper: NodeJS.Timeout | undefined;

  const read = (raw: JsonValue | undefined): SyncState | undefined => {
    const parsed = syncStateSchema.safeParse(raw);
    return parsed.success ? parsed.data : undefined;
  };
  const leaseLive = (state: SyncState) => state.lease !== null && state.lease.until > now();
  const ours = (state: SyncState | undefined, id: string) =>
    state?.id === id && state.lease?.owner === instance;

  function view(state: SyncState): SyncView {
    const percent =
      state.status === 'completed'
        ? 100
        : state.total
          ? Math.min(99, Math.floor((state.done / state.total) * 100))
          : 0;
    return {
      id: state.id,
      status: state.status,
      trigger: state.trigger,
      startedAt: state.startedAt,
      finishedAt: state.finishedAt,
      done: state.done,
      total: state.total,
      percent,
      variations: state.variations,
      counts: state.counts,
      resumed: state.resumed,
      error: state.error,
    };
  }

  /** Atomically applies `change` to the sync `id` while this instance holds its lease. */
  async function mutate(tenant: string, id: string, change: (state: SyncState) => SyncState | undefined) {
    let applied = false;
    await store.updateDoc(ref(tenant), (raw) => {
      applied = false;
      const state = read(raw);
      if (!state || !ours(state, id)) return UNCHANGED;
      const next = change(state);
      if (!next) return UNCHANGED;
      applied = true;
      return { ...next, updatedAt: iso() } as unknown as JsonValue;
    });
    return applied;
  }

  /** Takes the lease of the sync in `tenant` when it is free (or already ours); returns its id. */
  async function claim(tenant: string): Promise<string | undefined> {
    let claimed: string | undefined;
    await store.updateDoc(ref(tenant), (raw) => {
      claimed = undefined;
      const state = read(raw);
      if (!state || state.status !== 'running') return UNCHANGED;
      if (leaseLive(state) && state.lease?.owner !== instance) return UNCHANGED;
      claimed = state.id;
      const resumed = state.lease?.owner === instance ? state.resumed : state.resumed + 1;
      return {
        ...state,
        resumed,
        lease: { owner: instance, until: now() + leaseMs },
        updatedAt: iso(),
      } as unknown as JsonValue;
    });
    return claimed;
  }

  function launch(tenant: string, id: string): void {
    if (jobs.has(tenant) || stopped) return;
    const controller = new AbortController();
    const done = run(tenant, id, controller.signal)
      .catch((error: unknown) => logger.error({ err: error, tenant }, 'WooCommerce product sync crashed'))
      .finally(() => jobs.delete(tenant));
    jobs.set(tenant, { controller, done });
  }

  async function run(tenant: string, id: string, signal: AbortSignal): Promise<void> {
    const heartbeat = setInterval(
      () => {
        mutate(tenant, id, (state) => ({ ...state, lease: { owner: instance, until: now() + leaseMs } }))
          .then((kept) => {
            // Someone else took the sync over (or a new one replaced it): this runner stops.
            if (!kept) jobs.get(tenant)?.controller.abort();
          })
          .catch((error: unknown) => logger.warn({ err: error, tenant }, 'sync lease renewal failed'));
      },
      Math.max(50, Math.floor(leaseMs / 3)),
    );
    heartbeat.unref();
    const log = logger.child({ tenant, syncId: id });
    try {
      const opened = await stores.open(tenant);
      if (!opened) throw new SyncFailure('The store is not connected (or its keys were not accepted yet).');
      let client = opened.client;
      const fetchWithRetry = async <T>(
        load: (woo: WooClient) => Promise<{ ok: true; value: T } | { ok: false; failure: WooFailure }>,
      ) => {
        for (let attempt = 0; ; attempt += 1) {
          if (signal.aborted) throw new SyncStopped();
          const result = await load(client);
          if (result.ok) return result.value;
          if (signal.aborted || result.failure.kind === 'cancelled') throw new SyncStopped();
          if (result.failure.kind === 'header-stripped') {
            const switched = await stores.switchToQueryAuth(tenant);
            if (switched && switched.auth === 'query' && client.auth !== 'query') {
              client = switched;
              continue;
            }
          }
          const delay = retryDelays[attempt];
          if (!isTransient(result.failure) || delay === undefined)
            throw new SyncFailure(describeFailure(result.failure));
          await sleep(delay, undefined, { signal }).catch(() => undefined);
        }
      };

      const allVariations = async (productId: number): Promise<WooProduct[]> => {
        const all: WooProduct[] = [];
        for (let page = 1; page <= 100; page += 1) {
          const result = await fetchWithRetry((woo) => woo.listVariations(productId, page, pageSize, signal));
          all.push(...result.items);
          if (page >= result.totalPages) break;
        }
        return all;
      };

      const processPage = async (page: number, fetched?: WooPage<WooProduct>) => {
        const products = fetched ?? (await fetchWithRetry((woo) => woo.listProducts(page, pageSize, signal)));
        const mapped: MappedProduct[] = [];
        let variations = 0;
        const variable = products.items.filter(hasVariations);
        for (const product of products.items) {
          if (hasVariations(product)) continue;
          const one = mapProduct(product, opened.units);
          if (one) mapped.push(one);
        }
        for (let start = 0; start < variable.length; start += variationConcurrency) {
          const batch = await Promise.all(
            variable.slice(start, start + variationConcurrency).map(async (parent) => {
              const all = await allVariations(parent.id);
              return all.flatMap((variation) => mapVariation(variation, parent, opened.units) ?? []);
            }),
          );
          for (const list of batch) {
            variations += list.length;
            mapped.push(...list);
          }
        }
        if (signal.aborted) throw new SyncStopped();
        const counts = await profiles.apply(tenant, mapped);
        const kept = await mutate(tenant, id, (state) =>
          state.pagesDone.includes(page)
            ? undefined
            : {
                ...state,
                pagesDone: [...state.pagesDone, page].sort((a, b) => a - b),
                done: state.done + products.items.length,
                variations: state.variations + variations,
                counts: addCounts({ ...state.counts }, counts),
                lease: { owner: instance, until: now() + leaseMs },
              },
        );
        if (!kept && !ours(read(await store.getDoc(ref(tenant))), id)) throw new SyncStopped();
      };

      let state = read(await store.getDoc(ref(tenant)));
      if (!state || state.id !== id) throw new SyncStopped();
      if (state.totalPages === null) {
        const first = await fetchWithRetry((woo) => woo.listProducts(1, pageSize, signal));
        await mutate(tenant, id, (current) => ({
          ...current,
          total: first.total,
          totalPages: first.totalPages,
        }));
        await processPage(1, first);
        state = read(await store.getDoc(ref(tenant)));
        if (!state || state.id !== id) throw new SyncStopped();
      }
      const done = new Set(state.pagesDone);
      const queue = Array.from({ length: state.totalPages ?? 0 }, (_, index) => index + 1).filter(
        (page) => !done.has(page),
      );
      if (state.resumed > 0 && queue.length > 0)
        log.info({ pagesLeft: queue.length }, 'product sync resumed');
      await Promise.all(
        Array.from({ length: Math.min(pageConcurrency, queue.length) }, async () => {
          for (let page = queue.shift(); page !== undefined; page = queue.shift()) await processPage(page);
        }),
      );
      await finish(tenant, id, (current) => ({
        ...current,
        status: 'completed',
        finishedAt: iso(),
        lease: null,
      }));
      const final = read(await store.getDoc(ref(tenant)));
      log.info({ done: final?.done, total: final?.total, counts: final?.counts }, 'product sync completed');
    } catch (error) {
      if (error instanceof SyncStopped || signal.aborted) return;
      const message =
        error instanceof SyncFailure
          ? error.message
          : 'The sync stopped on an internal error; start it again.';
      if (!(error instanceof SyncFailure)) log.error({ err: error }, 'product sync failed');
      else log.warn({ reason: message }, 'product sync failed');
      await finish(tenant, id, (current) => ({
        ...current,
        status: 'failed',
        error: message,
        finishedAt: iso(),
        lease: null,
      }));
    } finally {
      clearInterval(heartbeat);
    }
  }

  async function finish(tenant: string, id: string, change: (state: SyncState) => SyncState): Promise<void> {
    if (await mutate(tenant, id, change)) await store.deleteDoc(indexRef(tenant));
  }

  async function resumeAll(): Promise<number> {
    if (stopped) return 0;
    const index = await store.listDocs(GLOBAL_TENANT, INDEX_KIND);
    let resumed = 0;
    for (const tenant of index.keys()) {
      if (jobs.has(tenant)) continue;
      const state = read(await store.getDoc(ref(tenant)));
      if (!state || state.status !== 'running') {
        await store.deleteDoc(indexRef(tenant));
        continue;
      }
      const id = await claim(tenant);
      if (id) {
        launch(tenant, id);
        resumed += 1;
      }
    }
    return resumed;
  }

  return {
    /** Starts a full sync, or returns the one already running for this store. */
    async start(tenant: string, trigger: SyncState['trigger']): Promise<SyncView> {
      const fresh: SyncState = {
        id: `sync_${randomBytes(9).toString('base64url')}`,
        status: 'running',
        trigger,
        startedAt: iso(),
        updatedAt: iso(),
        finishedAt: null,
        pageSize,
        total: null,
        totalPages: null,
        pagesDone: [],
        done: 0,
        variations: 0,
        counts: emptyCounts(),
        resumed: 0,
        error: null,
        lease: { owner: instance, until: now() + leaseMs },
      };
      const stored = read(
        await store.updateDoc(ref(tenant), (raw) => {
          const current = read(raw);
          if (current?.status === 'running' && leaseLive(current)) return UNCHANGED;
          return fresh as unknown as JsonValue;
        }),
      );
      if (stored?.id === fresh.id) {
        await store.putDoc(indexRef(tenant), { since: fresh.startedAt });
        launch(tenant, fresh.id);
      }
      return view(stored ?? fresh);
    },

    async status(tenant: string): Promise<SyncView | undefined> {
      const state = read(await store.getDoc(ref(tenant)));
      return state && view(state);
    },

    /** Resumes unfinished syncs now, then keeps looking for ones whose runner died. */
    async startResuming(): Promise<number> {
      stopped = false;
      const resumed = await resumeAll();
      sweeper ??= setInterval(() => {
        resumeAll().catch((error: unknown) =>
          logger.warn({ err: error }, 'looking for unfinished syncs failed'),
        );
      }, leaseMs);
      sweeper.unref();
      return resumed;
    },

    /** Resolves when no sync is running in this instance. */
    async idle(): Promise<void> {
      while (jobs.size > 0) await Promise.allSettled([...jobs.values()].map((job) => job.done));
    },

    /** Stops every runner of this instance and releases their leases, so the next start resumes at once. */
    async stop(): Promise<void> {
      stopped = true;
      if (sweeper) clearInterval(sweeper);
      sweeper = undefined;
      const running = [...jobs.entries()];
      for (const [, job] of running) job.controller.abort();
      await Promise.allSettled(running.map(([, job]) => job.done));
      for (const [tenant] of running) {
        await store.updateDoc(ref(tenant), (raw) => {
          const state = read(raw);
          if (!state || state.lease?.owner !== instance) return UNCHANGED;
          return { ...state, lease: null, updatedAt: iso() } as unknown as JsonValue;
        });
      }
    },
  };
}

export type ProductSync = ReturnType<typeof createProductSync>;

class SyncFailure extends Error {}
