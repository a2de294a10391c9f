/**
 * The scheduled link check: every `tickMs` the stores due (their `nextCheckAt` passed, or never checked)
 * are checked, one instance per store and slot (`claimOnce` on the slot, so several instances share the
 * work rather than repeat it). A revoked key is found within an interval, not at the next manual sync.
 */
import type { LinkContext } from './link-context.js';
import { checkLink } from './check-link.js';

export function startChecks(ctx: LinkContext): void {
  if (ctx.runtime.timer) return;
  const controller = new AbortController();
  ctx.runtime.controller = controller;
  ctx.runtime.timer = setInterval(() => {
    if (ctx.runtime.ticking) return;
    ctx.runtime.current = checkDue(ctx, controller.signal);
  }, ctx.tickMs);
  ctx.runtime.timer.unref();
}

/** Stops the schedule and waits for a check under way (its store calls are aborted). */
export async function stopChecks(ctx: LinkContext): Promise<void> {
  if (ctx.runtime.timer) clearInterval(ctx.runtime.timer);
  ctx.runtime.timer = undefined;
  ctx.runtime.controller?.abort();
  await ctx.runtime.current;
}

/** Checks every store due now; returns how many this instance checked. */
export async function checkDue(ctx: LinkContext, signal?: AbortSignal): Promise<number> {
  if (ctx.runtime.ticking || signal?.aborted) return 0;
  ctx.runtime.ticking = true;
  let checked = 0;
  try {
    for (const tenant of await ctx.connections.tenants()) {
      if (signal?.aborted) break;
      if (await claimDue(ctx, tenant)) {
        await checkLink(ctx, tenant, 'schedule', signal);
        checked += 1;
      }
    }
  } catch (error) {
    if (!signal?.aborted) ctx.logger.warn({ err: error }, 'scheduled store link check failed');
  } finally {
    ctx.runtime.ticking = false;
  }
  return checked;
}

async function claimDue(ctx: LinkContext, tenant: string): Promise<boolean> {
  const record = await ctx.connections.get(tenant);
  if (!record?.credentials) return false;
  const due = record.link?.nextCheckAt ?? null;
  if (due !== null && Date.parse(due) > ctx.now()) return false;
  return ctx.store.claimOnce(`woo-link-check:${tenant}:${due ?? 'first'}`, ctx.intervalMs);
}
