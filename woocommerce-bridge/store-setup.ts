/**
 * Connecting a store, whichever way the keys arrive (the key grant's callback, or pasted in the admin):
 *
 *   1. find the auth style that works on this host: header auth on https, and when the host strips the
 *      Authorization header (401 `woocommerce_rest_cannot_view`) query-string auth; OAuth 1.0a on http.
 *      What works is remembered on the connection and used from then on.
 *   2. read the store's weight and dimension units.
 *   3. only then make the keys the connection's credentials (sealed), and
 *   4. start a full product sync and, meanwhile, register the product webhooks.
 *
 * A later call that meets a stripped header (the host changed) switches the connection to query-string
 * auth the same way.
 *
 * One operation per file in store-setup/; this file only composes them over one shared context
 * (store-setup/setup-context.ts).
 */
import { toConnectionView, type StoreConnectionView } from './store-connection.js';
import { acceptPluginWebhooks } from './store-setup/accept-plugin-webhooks.js';
import { connectManually } from './store-setup/connect-manually.js';
import { openStore } from './store-setup/open-store.js';
import { receiveGrantedKeys } from './store-setup/receive-granted-keys.js';
import { registerWebhooks } from './store-setup/register-webhooks.js';
import { revertToHeaderAuth } from './store-setup/revert-to-header-auth.js';
import { createSetupContext, type StoreSetupOptions } from './store-setup/setup-context.js';
import { switchToQueryAuth } from './store-setup/switch-to-query-auth.js';
import { verifyPendingKeys } from './store-setup/verify-pending-keys.js';
import { verifyStoreKeys } from './store-setup/verify-store-keys.js';
import { withContext } from './with-context.js';

export { WEBHOOK_ENDPOINT_KIND, type StoreSetupOptions } from './store-setup/setup-context.js';
export type { OpenStore } from './store-setup/open-store.js';

export function createStoreSetup(options: StoreSetupOptions) {
  const ctx = createSetupContext(options);
  return {
    verify: withContext(ctx, verifyStoreKeys),
    open: withContext(ctx, openStore),
    registerWebhooks: withContext(ctx, registerWebhooks),
    acceptPluginWebhooks: withContext(ctx, acceptPluginWebhooks),
    connectManually: withContext(ctx, connectManually),
    receiveGrantedKeys: withContext(ctx, receiveGrantedKeys),
    verifyPending: withContext(ctx, verifyPendingKeys),
    switchToQueryAuth: withContext(ctx, switchToQueryAuth),
    revertToHeaderAuth: withContext(ctx, revertToHeaderAuth),
    deliveryUrl: ctx.deliveryUrl,
    nextCheckAt: ctx.nextCheckAt,
    async view(tenant: string): Promise<StoreConnectionView | undefined> {
      const record = await ctx.connections.get(tenant);
      return record && toConnectionView(record);
    },
  };
}

export type StoreSetup = ReturnType<typeof createStoreSetup>;
