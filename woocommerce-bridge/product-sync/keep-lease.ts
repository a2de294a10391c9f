/** The runner's heartbeat: renews its lease while it works; returns the function that stops renewing. */
import type { SyncContext } from './sync-context.js';

export function keepLease(ctx: SyncContext, tenant: string, id: string): () => void {
  const heartbeat = setInterval(
    () => {
      ctx
        .mutate(tenant, id, (state) => ({ ...state, lease: ctx.lease() }))
        .then((kept) => {
          // Someone else took the sync over (or a new one replaced it): this runner stops.
          if (!kept) ctx.jobs.get(tenant)?.controller.abort();
        })
        .catch((error: unknown) => ctx.logger.warn({ err: error, tenant }, 'sync lease renewal failed'));
    },
    Math.max(50, Math.floor(ctx.leaseMs / 3)),
  );
  heartbeat.unref();
  return () => clearInterval(heartbeat);
}
