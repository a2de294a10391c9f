/** Starts this instance's runner of a sync it holds the lease of: one runner per store, none after a stop. */
import { runSync } from './run-sync.js';
import type { SyncContext } from './sync-context.js';

export function launchSync(ctx: SyncContext, tenant: string, id: string): void {
  if (ctx.jobs.has(tenant) || ctx.runtime.stopped) return;
  const controller = new AbortController();
  const done = runSync(ctx, tenant, id, controller.signal)
    .catch((error: unknown) => ctx.logger.error({ err: error, tenant }, 'WooCommerce product sync crashed'))
    .finally(() => ctx.jobs.delete(tenant));
  ctx.jobs.set(tenant, { controller, done });
}
