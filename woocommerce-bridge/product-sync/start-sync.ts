/** Starts a full sync, or returns the one already running for this store. */
import { randomBytes } from 'node:crypto';
import { UNCHANGED, type JsonValue } from '../../core/index.js';
import { emptyCounts } from '../synced-profiles.js';
import { launchSync } from './launch-sync.js';
import type { SyncContext } from './sync-context.js';
import { readState, toSyncView, type SyncState, type SyncView } from './sync-state.js';

export async function startSync(
  ctx: SyncContext,
  tenant: string,
  trigger: SyncState['trigger'],
): Promise<SyncView> {
  const fresh = freshSync(ctx, trigger);
  const stored = readState(
    await ctx.store.updateDoc(ctx.ref(tenant), (raw) => {
      const current = readState(raw);
      if (current?.status === 'running' && ctx.leaseLive(current)) return UNCHANGED;
      return fresh as unknown as JsonValue;
    }),
  );
  if (stored?.id === fresh.id) {
    await ctx.store.putDoc(ctx.indexRef(tenant), { since: fresh.startedAt });
    launchSync(ctx, tenant, fresh.id);
  }
  return toSyncView(stored ?? fresh);
}

function freshSync(ctx: SyncContext, trigger: SyncState['trigger']): SyncState {
  return {
    id: `sync_${randomBytes(9).toString('base64url')}`,
    status: 'running',
    trigger,
    startedAt: ctx.iso(),
    updatedAt: ctx.iso(),
    finishedAt: null,
    pageSize: ctx.pageSize,
    total: null,
    totalPages: null,
    pagesDone: [],
    done: 0,
    variations: 0,
    counts: emptyCounts(),
    removed: 0,
    resumed: 0,
    error: null,
    lease: ctx.lease(),
  };
}
