/**
 * The two checkout callbacks as autocannon sends them: the WordPress plugin's signed rate request (a fresh
 * signature per request, as the plugin signs each call: a counter field the bridge ignores makes every body,
 * and so every signature, new) and Shopify's carrier-service callback with its X-Shopify-Hmac-Sha256.
 * A cache hit repeats one cart; a cache miss changes the quantity on every request.
 */
import { createHmac } from 'node:crypto';
import type autocannon from 'autocannon';
import type { PacedRequest } from './paced-load.js';

export interface Credentials {
  readonly woo: { readonly keyId: string; readonly secret: string };
  readonly shopify: { readonly key: string; readonly secret: string };
}

export type Cache = 'hit' | 'miss';

let counter = 0;
const quantityFor = (cache: Cache) => (cache === 'hit' ? 1 : 1 + (++counter % 10_000));

function wooBody(quantity: number): string {
  return JSON.stringify({
    currency: 'AUD',
    units: { weight: 'kg', dimension: 'cm' },
    package: {
      destination: {
        country: 'AU',
        state: 'VIC',
        postcode: '3000',
        city: 'Melbourne',
        address_1: '',
        address_2: '',
      },
      contents: [
        { product_id: 11, variation_id: 0, sku: 'SKU-0', quantity, line_total: '40.00', weight: '8' },
      ],
    },
    n: ++counter,
  });
}

function shopifyBody(quantity: number): string {
  return JSON.stringify({
    rate: {
      destination: { country: 'AU', postal_code: '3000', province: 'VIC', city: 'Melbourne' },
      items: [{ sku: 'SKU-0', quantity, grams: 8000, price: 4000, requires_shipping: true }],
      currency: 'AUD',
    },
  });
}

/** One signed WooCommerce rate request: a fresh body and signature. */
function wooCall(credentials: Credentials, cache: Cache) {
  const body = wooBody(quantityFor(cache));
  const t = Math.floor(Date.now() / 1000);
  const v1 = createHmac('sha256', credentials.woo.secret).update(`${t}.${body}`).digest('hex');
  const headers = {
    'content-type': 'application/json',
    'x-ratebridge-key': credentials.woo.keyId,
    'x-ratebridge-signature': `t=${t},v1=${v1}`,
  };
  return { body, headers };
}

/** One Shopify carrier-service callback with its HMAC. */
function shopifyCall(credentials: Credentials, cache: Cache) {
  const body = shopifyBody(quantityFor(cache));
  const hmac = createHmac('sha256', credentials.shopify.secret).update(body).digest('base64');
  return { body, headers: { 'content-type': 'application/json', 'x-shopify-hmac-sha256': hmac } };
}

export type Front = 'woo' | 'shopify';

const pathFor = (credentials: Credentials, front: Front) =>
  front === 'woo' ? '/woocommerce/rates' : `/shopify/carrier-service/${credentials.shopify.key}`;
const callFor = (credentials: Credentials, front: Front, cache: Cache) =>
  front === 'woo' ? wooCall(credentials, cache) : shopifyCall(credentials, cache);

/** The front end's checkout request as autocannon sends it. */
export function checkoutRequest(credentials: Credentials, front: Front, cache: Cache) {
  return {
    method: 'POST' as const,
    path: pathFor(credentials, front),
    setupRequest: (request: autocannon.Request): autocannon.Request => ({
      ...request,
      ...callFor(credentials, front, cache),
    }),
  };
}

/** The same request for the paced generator (paced-load.ts). */
export function pacedCheckout(credentials: Credentials, front: Front): PacedRequest {
  return {
    method: 'POST',
    path: pathFor(credentials, front),
    next: () => callFor(credentials, front, 'hit'),
  };
}
