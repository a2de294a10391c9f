/**
 * What becoming connected means, whichever way the keys arrived: the connection record the verified keys
 * make, and the work that starts once it is stored (steps 3 and 4 of store-setup.ts).
 */
import type { SealedCredentials, StoreConnection } from '../store-connection.js';
import type { StoreUnits } from '../store-units.js';
import type { AuthStyle } from '../woocommerce-client.js';
import { registerWebhooks } from './register-webhooks.js';
import { retireWebhooks, type RetiredWebhooks } from './retire-webhooks.js';
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
    link: {
      key: { status: 'ok', checkedAt: now, detail: null },
      unitsCheckedAt: now,
      webhooks: sameStore ? (current?.link?.webhooks ?? []) : [],
      nextCheckAt: ctx.nextCheckAt(),
    },
    updatedAt: now,
  };
}

/**
 * What a connection moving to another store URL leaves behind: the webhooks registered for the old one
 * (they would keep delivering the old store's products) and their endpoint. Undefined when nothing moves.
 */
export function webhooksToRetire(
  current: StoreConnection | undefined,
  storeUrl: string,
): RetiredWebhooks | undefined {
  if (!current?.webhooks || current.storeUrl === storeUrl) return undefined;
  return {
    storeUrl: current.storeUrl,
    auth: current.auth,
    credentials: current.credentials,
    endpointId: current.webhooks.endpointId,
    ids: current.webhooks.ids,
  };
}

export function afterConnect(ctx: SetupContext, tenant: string, retired?: RetiredWebhooks): void {
  // The sync's state is stored as it starts, so a restart from here on resumes it.
  void ctx.tasks.run('woocommerce-first-sync', () => ctx.onConnected(tenant));
  void ctx.tasks.run('woocommerce-webhooks', async (signal) => {
    // The old endpoint goes first, so the new store's webhooks get a new one, never the old secret.
    if (retired) await retireWebhooks(ctx, tenant, retired, signal);
    await registerWebhooks(ctx, tenant, signal);
    // The admin shows each webhook's state from the start, not from the first scheduled check.
    await ctx.afterWebhooks(tenant, signal);
  });
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
