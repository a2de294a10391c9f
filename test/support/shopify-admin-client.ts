/**
 * The embedded admin as App Bridge calls it: a fresh session token from the fake Shopify for `shop` on
 * every request to /shopify/api, JSON in and out. `baseUrl` is read per call (suites start the app in
 * beforeAll, after they build the client).
 */
import { DEFAULT_SHOPIFY_API_VERSION, type ShopifySettings } from '../../shopify-app/shopify-config.js';
import type { FakeShopify } from '../e2e/fake-shopify.js';

export interface AdminAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
}

export function shopifyAdminClient(fake: () => FakeShopify, shop: string, baseUrl: () => string) {
  return async (method: string, path: string, body?: unknown): Promise<AdminAnswer> => {
    const response = await fetch(`${baseUrl()}/shopify/api${path}`, {
      method,
      headers: {
        authorization: `Bearer ${fake().mintSessionToken(shop)}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: text ? (JSON.parse(text) as unknown) : undefined,
    };
  };
}

/** The Shopify front end of an app under test, pointed at the fake Shopify (`fakeUrl`) for every API call. */
export function shopifyAgainstFake(credentials: {
  readonly apiKey: string;
  readonly apiSecret: string;
  readonly appUrl: string;
  readonly fakeUrl: string;
}): ShopifySettings {
  return {
    enabled: true,
    apiKey: credentials.apiKey,
    apiSecret: credentials.apiSecret,
    appUrl: credentials.appUrl,
    scopes: ['write_shipping', 'read_products'],
    apiVersion: DEFAULT_SHOPIFY_API_VERSION,
    hostOverride: credentials.fakeUrl,
  };
}
