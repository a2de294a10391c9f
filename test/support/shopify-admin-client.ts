/**
 * The embedded admin as App Bridge calls it: a fresh session token from the fake Shopify for `shop` on
 * every request to /shopify/api, JSON in and out. `baseUrl` is read per call (suites start the app in
 * beforeAll, after they build the client).
 */
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
