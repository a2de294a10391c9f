/** Stops every runner of this instance and releases their leases, so the next start resumes at once. */
import { UNCHANGED, type JsonValue } from '../../core/index.js';
import type { SyncContext } from './sync-context.js';
import { readState } from './sync-state.js';

export async function stopSyncs(ctx: SyncContext): Promise<void> {
  ctx.runtime.stopped = true;
  if (ctx.runtime.sweeper) clearInterval(ctx.runtime.sweeper);
  ctx.runtime.sweeper = undefined;
  const running = [...ctx.jobs.entries()];
  for (const [, job] of running) job.controller.abort();
  await Promise.allSettled(running.map(([, job]) => job.done));
  for (const [tenant] of running) {
    await ctx.store.updateDoc(ctx.ref(tenant), (raw) => {
      const state = readState(raw);
      if (!state || state.lease?.owner !== ctx.instance) return UNCHANGED;
      return { ...state, lease: null, updatedAt: ctx.iso() } as unknown as JsonValue;
    });
  }
}

/** Resolves when no sync is running in this instance. */
export async function syncsIdle(ctx: SyncContext): Promise<void> {
  while (ctx.jobs.size > 0) await Promise.allSettled([...ctx.jobs.values()].map((job) => job.done));
}
