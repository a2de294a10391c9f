/**
 * What becoming connected means, whichever way the keys arrived: the connection record the verified keys
 * make, and the work that starts once it is stored (steps 3 and 4 of store-setup.ts).
 */
import type { SealedCredentials, StoreConnection } from '../store-connection.js';
import type { StoreUnits } from '../store-units.js';
import type { AuthStyle } from '../woocommerce-client.js';
import { registerWebhooks } from './register-webhooks.js';
import type { SetupContext } from './setup-context.js';

export function connectedRecord(
  ctx: SetupContext,
  current: StoreConnection | undefined,
  storeUrl: string,
  credentials: SealedCredentials,
  verified: { auth: AuthStyle; units: StoreUnits },
): StoreConnection {
  const now = ctx.connections.iso();
  const sameStore = current?.storeUrl === storeUrl;
  return {
    storeUrl,
    status: 'connected',
    auth: verified.auth,
    credentials,
    // Keys checked or pasted just now supersede any still waiting for their check.
    pending: null,
    units: verified.units,
    webhooks: sameStore ? (current?.webhooks ?? null) : null,
    lastCheck: { at: now, outcome: 'connected', detail: `Connected (${describeAuth(verified.auth)}).` },
    connectedAt: sameStore ? (current?.connectedAt ?? now) : now,
    updatedAt: now,
  };
}

export function afterConnect(ctx: SetupContext, tenant: string): void {
  // The sync's state is stored as it starts, so a restart from here on resumes it.
  void ctx.tasks.run('woocommerce-first-sync', () => ctx.onConnected(tenant));
  void ctx.tasks.run('woocommerce-webhooks', (signal) => registerWebhooks(ctx, tenant, signal));
}

function describeAuth(auth: AuthStyle): string {
  switch (auth) {
    case 'header':
      return 'HTTPS, keys in the Authorization header';
    case 'query':
      return 'HTTPS, keys in the query string because the host strips the Authorization header';
    case 'oauth1':
      return 'plain HTTP, OAuth 1.0a signatures';
  }
}
