/**
 * Undoes a switch to query-string auth that did not help: query-string credentials refused as unseen too
 * means WordPress saw no HTTPS, not a host stripping the header, so the connection keeps header auth (the
 * secret stays out of URLs) for when WordPress sees HTTPS again.
 */
import type { SetupContext } from './setup-context.js';

export async function revertToHeaderAuth(ctx: SetupContext, tenant: string): Promise<void> {
  await ctx.connections.update(tenant, (current) =>
    current && current.auth === 'query' ? { ...current, auth: 'header' } : undefined,
  );
}
