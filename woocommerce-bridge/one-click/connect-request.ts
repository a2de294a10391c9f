/**
 * What the plugin's "Connect to RateBridge" link carries (GET /woocommerce/one-click?…), checked once:
 *
 *   store_url             the store's home URL (the tenant it connects as)
 *   return_url            where the merchant comes back to: a page of that same store (wp-admin)
 *   state                 the plugin's own anti-forgery value, given back unchanged on return
 *   code_challenge        base64url(SHA-256(verifier)): only the plugin, which keeps the verifier on its
 *                         server, can later exchange the code for the connector key (PKCE, RFC 7636)
 *   code_challenge_method S256, the only one accepted
 */
import { z } from 'zod';
import { parseWith, rbErrorWithDetails } from '../../core/index.js';
import { parseStoreUrl, type StoreAddress } from '../store-url.js';

export const connectQuerySchema = z.strictObject({
  store_url: z.string().max(2048, 'is too long'),
  return_url: z.string().max(2048, 'is too long'),
  state: z.string().regex(/^[A-Za-z0-9_-]{16,128}$/, 'must be 16 to 128 letters, digits, - or _'),
  code_challenge: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'must be a base64url SHA-256 digest'),
  code_challenge_method: z.literal('S256'),
});

export interface ConnectRequest {
  readonly address: StoreAddress;
  readonly returnUrl: string;
  readonly pluginState: string;
  readonly challenge: string;
}

/** The plugin's request, or a coded 400 naming what is wrong with it. */
export function parseConnectRequest(query: unknown): ConnectRequest {
  const parsed = parseWith(connectQuerySchema, query);
  const address = parseStoreUrl(parsed.store_url);
  if (!address) throw invalid('The link names no store address.');
  return {
    address,
    returnUrl: returnUrlOnStore(parsed.return_url, address),
    pluginState: parsed.state,
    challenge: parsed.code_challenge,
  };
}

/** The return URL, when it is a page of the store itself: RateBridge never sends a merchant elsewhere. */
function returnUrlOnStore(input: string, address: StoreAddress): string {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw invalid('The return address is not a URL.');
  }
  const store = new URL(address.url);
  const storePath = store.pathname.replace(/\/+$/, '');
  const sameStore =
    url.origin === store.origin && url.pathname.startsWith(`${storePath}/`) && url.username === '';
  if (!sameStore || url.password !== '' || url.hash !== '') {
    throw invalid('The return address is not a page of the store that asks to connect.');
  }
  return url.href;
}

const invalid = (detail: string) =>
  rbErrorWithDetails('RB_ERR_ONE_CLICK_REQUEST_INVALID', [{ path: '', message: detail }], detail);
