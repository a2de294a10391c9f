/**
 * A fake WooCommerce 9.9.5 on WordPress 6.8.8, on a real socket (https by default, with a self-signed
 * certificate callers trust through `FAKE_STORE_CA`; or plain http), that refuses what the real store
 * refuses. Each concern is a file of its own, each citing the WooCommerce or WordPress source it follows:
 *
 *   routing.ts         permalinks: what reaches REST and wc-auth
 *   rest-auth.ts       Basic / query-string auth (only when WordPress sees HTTPS) and OAuth 1.0a
 *   rest-api.ts        products, variations, unit settings, webhooks (rest-collection.ts: paging)
 *   key-grant.ts       /wc-auth/v1/ login, authorize, access_granted (wp-sessions.ts: users, nonces)
 *   webhooks.ts        Action Scheduler deliveries, failure counting, the creation ping
 *   wordpress-http.ts  wp_safe_remote_*: wp_http_validate_url() and WordPress's own CA bundle
 *   store-state.ts     what the store holds; listen.ts its socket; store-facade.ts what a test drives
 *
 * It shares no code with woocommerce-bridge/: the OAuth signature, webhook signature and units are written
 * again here, so a mistake in the bridge cannot be mirrored. Every REST request is recorded.
 * docs/platforms/woocommerce.md lists the rules with their sources.
 */
import { listen } from './listen.js';
import { storeFacade } from './store-facade.js';
import { createStoreState } from './store-state.js';
import type { FakeWooCommerce, FakeWooOptions } from './types.js';

export * from './types.js';
export { FAKE_STORE_CA } from './tls.js';
export { HOOKSHOT_USER_AGENT } from './versions.js';

export async function startFakeWooCommerce(options: FakeWooOptions = {}): Promise<FakeWooCommerce> {
  const store = createStoreState(options);
  const server = await listen(store);
  return storeFacade(store, server);
}
