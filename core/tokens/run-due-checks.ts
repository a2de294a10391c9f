/**
 * One scheduler pass: re-verifies every connection whose check is due, each under a store lock so that N
 * instances running the same scheduler check it once. Returns how many were checked.
 */
import { checkConnection, claimRecheck } from './check-connection.js';
import type { TokenContext } from './token-context.js';

const FAILED_CHECK_BACKOFF_MS = 15 * 60_000;

export async function runDueChecks(ctx: TokenContext, maxChecks = 50): Promise<number> {
  let checked = 0;
  for (const { tenant, id } of (await dueChecks(ctx)).slice(0, maxChecks)) {
    const lock = await ctx.store.acquireLock(`token-health:${tenant}:${id}`, 60_000);
    if (!lock) continue;
    try {
      if (await checkIfStillDue(ctx, tenant, id)) checked += 1;
    } catch (error) {
      ctx.logger.error({ err: error, tenant, connectionId: id }, 'scheduled token check failed');
      // Try again later rather than every minute.
      await ctx
        .schedule(tenant, id, new Date(ctx.now() + FAILED_CHECK_BACKOFF_MS).toISOString())
        .catch(() => undefined);
    } finally {
      await ctx.store.releaseLock(lock);
    }
  }
  return checked;
}

/** Most overdue first, so a batch of connections that keep failing cannot starve the rest. */
async function dueChecks(ctx: TokenContext): Promise<{ tenant: string; id: string; at: number }[]> {
  const due: { tenant: string; id: string; at: number }[] = [];
  for (const [tenant, raw] of await ctx.schedules()) {
    for (const [id, at] of Object.entries((raw as Record<string, string> | null) ?? {})) {
      if (Date.parse(at) <= ctx.now()) due.push({ tenant, id, at: Date.parse(at) });
    }
  }
  return due.sort((a, b) => a.at - b.at);
}

/** Under the lock, the record decides: gone (drop it from the schedule), checked meanwhile, or due now. */
async function checkIfStillDue(ctx: TokenContext, tenant: string, id: string): Promise<boolean> {
  const current = (await ctx.load(tenant)).connections[id];
  if (!current) {
    await ctx.schedule(tenant, id, undefined);
    return false;
  }
  if (Date.parse(current.nextCheckAt) > ctx.now()) return false;
  if (!(await claimRecheck(ctx, tenant, id))) return false;
  await checkConnection(ctx, tenant, current, 'schedule', 'schedule');
  return true;
}
