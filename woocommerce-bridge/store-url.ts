/**
 * A WooCommerce store's address as merchants type it ("Shop.example.com/store/", "https://shop.example.com")
 * normalised once, and the tenant it becomes: `woo:<host+path>` with the host in lower case and no trailing
 * slash, so http and https, letter case and a trailing slash all name the same merchant.
 */
import { asTenantId, type TenantId } from '../core/index.js';

export interface StoreAddress {
  /** `scheme://host[:port][/path]`, no trailing slash, no query: what the REST client and the grant use. */
  readonly url: string;
  readonly tenant: TenantId;
  /** https: REST calls use basic or query-string auth; http: OAuth 1.0a (development stores). */
  readonly secure: boolean;
}

export const STORE_TENANT_PREFIX = 'woo:';
const MAX_URL_LENGTH = 2048;

/** The normalised store address, or undefined when `input` cannot be a store's home URL. */
export function parseStoreUrl(input: string): StoreAddress | undefined {
  const text = input.trim();
  if (text === '' || text.length > MAX_URL_LENGTH || /[\s\p{Cc}]/u.test(text)) return undefined;
  // Merchants paste bare host names; a store without a scheme is assumed to be on https.
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  if (url.username !== '' || url.password !== '' || url.hostname === '') return undefined;
  const path = url.pathname.replace(/\/+$/, '');
  // WordPress answers its REST API under the home URL; a pasted admin or REST URL is not a home URL.
  if (/\/(wp-admin|wp-json|wp-login\.php)(\/|$)/i.test(path)) return undefined;
  const host = url.host.toLowerCase();
  return {
    url: `${url.protocol}//${host}${path}`,
    tenant: asTenantId(`${STORE_TENANT_PREFIX}${host}${path}`),
    secure: url.protocol === 'https:',
  };
}

export function isStoreTenant(tenant: string): boolean {
  return tenant.startsWith(STORE_TENANT_PREFIX);
}
