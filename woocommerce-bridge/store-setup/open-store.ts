/** Open a store: a client with the connection's own credentials and auth style, once it has both. */
import type { StoreUnits } from '../store-units.js';
import type { WooClient } from '../woocommerce-client.js';
import type { SetupContext } from './setup-context.js';

export interface OpenStore {
  readonly storeUrl: string;
  readonly units: StoreUnits;
  readonly client: WooClient;
}

export async function openStore(ctx: SetupContext, tenant: string): Promise<OpenStore | undefined> {
  const record = await ctx.connections.get(tenant);
  if (!record || !record.credentials || !record.units || !record.auth) return undefined;
  const credentials = ctx.connections.openCredentials(tenant, record.storeUrl, record.credentials);
  return { storeUrl: record.storeUrl, units: record.units, client: ctx.client(credentials, record.auth) };
}
