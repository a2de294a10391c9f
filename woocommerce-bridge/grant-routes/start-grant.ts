/** GET /connect?store_url=…: signed-in merchants only, a page with one link to the store's authorize page. */
import type { Request, Response } from 'express';
import { z } from 'zod';
import { parseWith, rbError, type Core, rbErrorWithDetails } from '../../core/index.js';
import { connectPage } from '../connect-page.js';
import { CALLBACK_PORTS } from '../grant-preconditions.js';
import { isStoreTenant, parseStoreUrl, type StoreAddress } from '../store-url.js';
import type { WooCommerceBridge } from '../woocommerce-bridge.js';
import { secureCookies, setGrantCookie } from './grant-cookie.js';

const connectQuery = z.object({ store_url: z.string().max(2048, 'is too long') });

export function startGrant(core: Core, bridge: WooCommerceBridge) {
  const { config } = core;
  return async (request: Request, response: Response): Promise<void> => {
    const session = await core.sessions.currentSession(request.headers);
    if (session === undefined) throw rbError('RB_ERR_UNAUTHENTICATED');
    const { tenant } = session;
    const address = await grantableAddress(bridge, tenant, parseWith(connectQuery, request.query).store_url);
    if (config.env === 'production' && !secureCookies(config)) {
      // WooCommerce delivers keys only to an https callback; config already requires https in production.
      throw rbError('RB_ERR_INTERNAL');
    }
    const by = { actor: session.actor, ...(session.email ? { email: session.email } : {}) };
    const { nonce, authorizeUrl } = bridge.grant.begin(tenant, address, undefined, by);
    setGrantCookie(config, response, nonce, bridge.grant.ttlMs);
    response.setHeader('Cache-Control', 'no-store');
    response
      .status(200)
      .type('html')
      .send(connectPage({ storeUrl: address.url, authorizeUrl, warnings: await warnings(bridge, address) }));
  };
}

/** The store `tenant` may connect: a real store address, theirs, that the SSRF guard lets us call. */
export async function grantableAddress(
  bridge: WooCommerceBridge,
  tenant: string,
  input: string,
): Promise<StoreAddress> {
  const address = parseStoreUrl(input);
  if (!address) {
    throw rbErrorWithDetails('RB_ERR_STORE_URL_INVALID', [
      { path: 'store_url', message: 'is not a store address' },
    ]);
  }
  // A WooCommerce merchant's admin belongs to one store; other tenants (the demo store) may connect any.
  if (isStoreTenant(tenant) && address.tenant !== tenant) {
    throw rbError('RB_ERR_OTHER_STORE');
  }
  if (!(await bridge.storeHostAllowed(new URL(address.url).hostname))) {
    throw rbErrorWithDetails('RB_ERR_STORE_NOT_PUBLIC', [
      { path: 'store_url', message: 'is not a public address' },
    ]);
  }
  return address;
}

/** What the grant needs and does not have, said on the page before the merchant goes (grant-preconditions.ts). */
async function warnings(bridge: WooCommerceBridge, address: StoreAddress): Promise<string[]> {
  const { checks } = await bridge.grantPreconditions(address.url);
  return checks.filter((check) => check.ok === false).map((check) => check.detail);
}

/** WooCommerce cannot post the keys back to a PUBLIC_URL on another port: say so before the merchant goes. */
export function callbackWarning(publicUrl: string): { callbackWarning?: string } {
  const url = new URL(publicUrl);
  if (CALLBACK_PORTS.has(url.port)) return {};
  return {
    callbackWarning: `WooCommerce will not deliver the keys to RateBridge at ${url.origin}: WordPress only calls ports 80, 443 and 8080, and https needs a certificate its bundle trusts. Connect with pasted keys instead, or serve RateBridge on one of those ports.`,
  };
}
