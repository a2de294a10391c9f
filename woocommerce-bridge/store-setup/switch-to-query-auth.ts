/** After a stripped header mid-sync: remember query-string auth and return a client using it. */
import type { WooClient } from '../woocommerce-client.js';
import { openStore } from './open-store.js';
import type { SetupContext } from './setup-context.js';

export async function switchToQueryAuth(ctx: SetupContext, tenant: string): Promise<WooClient | undefined> {
  const record = await ctx.connections.update(tenant, (current) =>
    current && current.auth === 'header' ? { ...current, auth: 'query' } : undefined,
  );
  if (record?.auth === 'query')
    ctx.logger.warn({ tenant }, 'store strips the Authorization header: query-string auth from now on');
  return (await openStore(ctx, tenant))?.client;
}
