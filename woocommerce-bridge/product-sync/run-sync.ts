/**
 * The runner of one sync, while this instance holds its lease: the first page (which tells the totals),
 * then the pages not yet done, a few at once, and the sync marked completed, or failed with a message the
 * merchant can act on. A runner that lost the sync stops without a word.
 */
import type { Logger } from '../../core/index.js';
import { createFetchWithRetry } from './fetch-with-retry.js';
import { keepLease } from './keep-lease.js';
import type { SyncContext } from './sync-context.js';
import { SyncFailure, SyncStopped } from './sync-errors.js';
import { syncPage, type SyncRun } from './sync-page.js';
import type { SyncState } from './sync-state.js';

export async function runSync(
  ctx: SyncContext,
  tenant: string,
  id: string,
  signal: AbortSignal,
): Promise<void> {
  const stopRenewing = keepLease(ctx, tenant, id);
  const log = ctx.logger.child({ tenant, syncId: id });
  try {
    const startedAt = await syncAllPages(ctx, { tenant, id, signal }, log);
    if (signal.aborted) throw new SyncStopped();
    // Every page was read: what the store did not list is gone (deleted, trashed) and leaves the catalog.
    const removed = await ctx.profiles.forgetStale(tenant, startedAt);
    await ctx.finish(tenant, id, (current) => ({
      ...current,
      status: 'completed',
      finishedAt: ctx.iso(),
      removed,
      lease: null,
    }));
    const final = await ctx.load(tenant);
    log.info({ done: final?.done, total: final?.total, counts: final?.counts }, 'product sync completed');
  } catch (error) {
    if (error instanceof SyncStopped || signal.aborted) return;
    await failSync(ctx, tenant, id, error, log);
  } finally {
    stopRenewing();
  }
}

/** Reads every page not done yet; returns when the sync started (what was written since is current). */
async function syncAllPages(
  ctx: SyncContext,
  which: Pick<SyncRun, 'tenant' | 'id' | 'signal'>,
  log: Logger,
): Promise<string> {
  const { tenant, signal } = which;
  const opened = await openChecked(ctx, tenant, signal);
  const fetch = createFetchWithRetry(ctx, tenant, opened.client, signal);
  const run: SyncRun = { ctx, ...which, units: opened.units, fetch };
  const state = await withFirstPage(run);
  const done = new Set(state.pagesDone);
  const queue = Array.from({ length: state.totalPages ?? 0 }, (_, index) => index + 1).filter(
    (page) => !done.has(page),
  );
  if (state.resumed > 0 && queue.length > 0) log.info({ pagesLeft: queue.length }, 'product sync resumed');
  await Promise.all(
    Array.from({ length: Math.min(ctx.pageConcurrency, queue.length) }, async () => {
      for (let page = queue.shift(); page !== undefined; page = queue.shift()) await syncPage(run, page);
    }),
  );
  return state.startedAt;
}

/**
 * The store's client and units as the link check just found them (the units are read again at every
 * sync). A store that did not answer the check gets the page reads' own retries, with the stored units.
 */
async function openChecked(ctx: SyncContext, tenant: string, signal: AbortSignal) {
  const checked = await ctx.stores.check(tenant, 'sync', signal);
  if (checked.ok) return checked;
  if (signal.aborted) throw new SyncStopped();
  const opened = checked.transient ? await ctx.stores.open(tenant) : undefined;
  if (!opened) throw new SyncFailure(checked.detail);
  return opened;
}

/** The sync's state once its first page is done (read now when a new sync has not read it yet). */
async function withFirstPage(run: SyncRun): Promise<SyncState> {
  const { ctx, tenant, id, signal } = run;
  const state = await ctx.load(tenant);
  if (!state || state.id !== id) throw new SyncStopped();
  if (state.totalPages !== null) return state;
  const first = await run.fetch((woo) => woo.listProducts(1, ctx.pageSize, signal));
  await ctx.mutate(tenant, id, (current) => ({
    ...current,
    total: first.total,
    totalPages: first.totalPages,
  }));
  await syncPage(run, 1, first);
  const after = await ctx.load(tenant);
  if (!after || after.id !== id) throw new SyncStopped();
  return after;
}

async function failSync(
  ctx: SyncContext,
  tenant: string,
  id: string,
  error: unknown,
  log: Logger,
): Promise<void> {
  const message =
    error instanceof SyncFailure ? error.message : 'The sync stopped on an internal error; start it again.';
  if (!(error instanceof SyncFailure)) log.error({ err: error }, 'product sync failed');
  else log.warn({ reason: message }, 'product sync failed');
  await ctx.finish(tenant, id, (current) => ({
    ...current,
    status: 'failed',
    error: message,
    finishedAt: ctx.iso(),
    lease: null,
  }));
}
