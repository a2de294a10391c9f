/**
 * Resuming: at start, and then on a timer, every unfinished sync in the index whose lease is free (its
 * runner died) is claimed and run here; entries of syncs no longer running are dropped from the index.
 */
import { GLOBAL_TENANT, UNCHANGED, type JsonValue } from '../../core/index.js';
import { launchSync } from './launch-sync.js';
import { INDEX_KIND, type SyncContext } from './sync-context.js';
import { readState } from './sync-state.js';

/** Resumes unfinished syncs now, then keeps looking for ones whose runner died. */
export async function startResuming(ctx: SyncContext): Promise<number> {
  ctx.runtime.stopped = false;
  const resumed = await resumeAll(ctx);
  ctx.runtime.sweeper ??= setInterval(() => {
    resumeAll(ctx).catch((error: unknown) =>
      ctx.logger.warn({ err: error }, 'looking for unfinished syncs failed'),
    );
  }, ctx.leaseMs);
  ctx.runtime.sweeper.unref();
  return resumed;
}

async function resumeAll(ctx: SyncContext): Promise<number> {
  if (ctx.runtime.stopped) return 0;
  const index = await ctx.store.listDocs(GLOBAL_TENANT, INDEX_KIND);
  let resumed = 0;
  for (const tenant of index.keys()) {
    if (ctx.jobs.has(tenant)) continue;
    const state = await ctx.load(tenant);
    if (!state || state.status !== 'running') {
      await ctx.store.deleteDoc(ctx.indexRef(tenant));
      continue;
    }
    const id = await claim(ctx, tenant);
    if (id) {
      launchSync(ctx, tenant, id);
      resumed += 1;
    }
  }
  return resumed;
}

/** Takes the lease of the sync in `tenant` when it is free (or already ours); returns its id. */
async function claim(ctx: SyncContext, tenant: string): Promise<string | undefined> {
  let claimed: string | undefined;
  await ctx.store.updateDoc(ctx.ref(tenant), (raw) => {
    claimed = undefined;
    const state = readState(raw);
    if (!state || state.status !== 'running') return UNCHANGED;
    if (ctx.leaseLive(state) && state.lease?.owner !== ctx.instance) return UNCHANGED;
    claimed = state.id;
    const resumed = state.lease?.owner === ctx.instance ? state.resumed : state.resumed + 1;
    return { ...state, resumed, lease: ctx.lease(), updatedAt: ctx.iso() } as unknown as JsonValue;
  });
  return claimed;
}
