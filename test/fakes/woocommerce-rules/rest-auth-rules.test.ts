/**
 * The fake store's REST authentication against class-wc-rest-authentication.php (WooCommerce 9.9.5): Basic
 * and query-string keys only when WordPress sees HTTPS, OAuth 1.0a one-legged otherwise (signed by the
 * RFC 5849 signer of oauth-signer.ts, as @woocommerce/woocommerce-rest-api signs), with its 15-minute window and
 * nonces used once; the key's permissions; and which URLs meet WooCommerce's authentication at all.
 */
import { afterAll, describe, expect, it } from 'vitest';
import {
  startFakeWooCommerce,
  type FakeKey,
  type FakeWooCommerce,
  type FakeWooOptions,
} from '../woocommerce/index.js';
import { oauthParams } from './oauth-signer.js';

const fakes: FakeWooCommerce[] = [];
afterAll(async () => {
  for (const fake of fakes) await fake.close();
});
const store = async (options: FakeWooOptions) => {
  const fake = await startFakeWooCommerce({ products: 3, ...options });
  fakes.push(fake);
  return fake;
};
const basic = (key: FakeKey) =>
  `Basic ${Buffer.from(`${key.consumerKey}:${key.consumerSecret}`).toString('base64')}`;
const answer = async (
  fake: FakeWooCommerce,
  url: string,
  init: Parameters<FakeWooCommerce['fetch']>[1] = {},
) => {
  const response = await fake.fetch(url, init);
  return { status: response.status, body: JSON.parse(response.text) as { code?: string; message?: string } };
};
const refusal = (code: string, message?: string) => ({
  status: 401,
  body: { code, ...(message ? { message } : {}), data: { status: 401 } },
});

/** OAuth parameters for `url`, as the WooCommerce JS client puts them in the query. */
function signed(
  key: FakeKey,
  url: string,
  method = 'GET',
  algorithm: 'sha1' | 'sha256' = 'sha256',
  ageSeconds = 0,
) {
  const options = {
    consumerKey: key.consumerKey,
    consumerSecret: key.consumerSecret,
    method,
    algorithm,
    ageSeconds,
  };
  const params = oauthParams(url, options);
  const target = new URL(url);
  for (const [name, value] of Object.entries(params)) target.searchParams.set(name, value);
  return { url: target.href, params };
}

describe('fake WooCommerce REST authentication over https', () => {
  it('takes Basic auth and query-string keys, the query first', async () => {
    const fake = await store({});
    const key = fake.issueKey('read');
    const products = `${fake.url}/wp-json/wc/v3/products`;
    expect((await answer(fake, products, { headers: { authorization: basic(key) } })).status).toBe(200);
    const query = `${products}?consumer_key=${key.consumerKey}&consumer_secret=${key.consumerSecret}`;
    expect((await answer(fake, query)).status).toBe(200);
    const wrongHeader = `Basic ${Buffer.from(`${key.consumerKey}:cs_wrong`).toString('base64')}`;
    expect((await answer(fake, query, { headers: { authorization: wrongHeader } })).status).toBe(200);
  });

  it('refuses a wrong secret, and treats an unknown or revoked key as no key', async () => {
    const fake = await store({});
    const key = fake.issueKey('read');
    const products = `${fake.url}/wp-json/wc/v3/products`;
    expect(
      await answer(fake, `${products}?consumer_key=${key.consumerKey}&consumer_secret=cs_wrong`),
    ).toEqual(refusal('woocommerce_rest_authentication_error', 'Consumer secret is invalid.'));
    const stranger = { ...key, consumerKey: `ck_${'0'.repeat(40)}` };
    expect(await answer(fake, products, { headers: { authorization: basic(stranger) } })).toEqual(
      refusal('woocommerce_rest_cannot_view', 'Sorry, you cannot list resources.'),
    );
    fake.revokeKey(key);
    expect((await answer(fake, products, { headers: { authorization: basic(key) } })).body.code).toBe(
      'woocommerce_rest_cannot_view',
    );
  });

  it('ignores Basic and query keys when WordPress does not see HTTPS behind a TLS proxy', async () => {
    const fake = await store({ seesHttps: false });
    const key = fake.issueKey('read');
    const products = `${fake.url}/wp-json/wc/v3/products`;
    expect((await answer(fake, products, { headers: { authorization: basic(key) } })).body.code).toBe(
      'woocommerce_rest_cannot_view',
    );
    // OAuth works, signed over the http URL WordPress believes it has.
    const httpUrl = products.replace('https://', 'http://');
    const { params } = signed(key, httpUrl);
    const target = new URL(products);
    for (const [name, value] of Object.entries(params)) target.searchParams.set(name, String(value));
    expect((await answer(fake, target.href)).status).toBe(200);
  });

  it("checks the key's permissions against the method", async () => {
    const fake = await store({});
    const webhooks = `${fake.url}/wp-json/wc/v3/webhooks`;
    const post = (key: FakeKey) =>
      answer(fake, webhooks, {
        method: 'POST',
        headers: { authorization: basic(key), 'content-type': 'application/json' },
        body: JSON.stringify({ topic: 'product.updated', delivery_url: 'https://example.com/hook' }),
      });
    expect(await post(fake.issueKey('read'))).toEqual(
      refusal(
        'woocommerce_rest_authentication_error',
        'The API key provided does not have write permissions.',
      ),
    );
    const writeOnly = fake.issueKey('write');
    expect(await answer(fake, webhooks, { headers: { authorization: basic(writeOnly) } })).toEqual(
      refusal(
        'woocommerce_rest_authentication_error',
        'The API key provided does not have read permissions.',
      ),
    );
  });

  it('honours keys only under /wp-json/wc/: ?rest_route= reaches the route as a visitor', async () => {
    const fake = await store({});
    const key = fake.issueKey('read');
    const viaQuery = `${fake.url}/?rest_route=/wc/v3/products`;
    expect((await answer(fake, viaQuery, { headers: { authorization: basic(key) } })).body.code).toBe(
      'woocommerce_rest_cannot_view',
    );
  });

  it('has no /wp-json/ under plain permalinks', async () => {
    const fake = await store({ permalinks: 'plain' });
    const key = fake.issueKey('read');
    const response = await fake.fetch(`${fake.url}/wp-json/wc/v3/products`, {
      headers: { authorization: basic(key) },
    });
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toMatch(/text\/html/);
  });
});

describe('fake WooCommerce REST authentication over plain http', () => {
  it('takes OAuth 1.0a with HMAC-SHA256 or HMAC-SHA1, and nothing else', async () => {
    const fake = await store({ protocol: 'http', basePath: '/shop' });
    const key = fake.issueKey('read');
    const products = `${fake.url}/wp-json/wc/v3/products?per_page=2&page=1`;
    expect((await answer(fake, signed(key, products).url)).status).toBe(200);
    expect((await answer(fake, signed(key, products, 'GET', 'sha1').url)).status).toBe(200);
    expect((await answer(fake, products, { headers: { authorization: basic(key) } })).body.code).toBe(
      'woocommerce_rest_cannot_view',
    );
    const query = `${products}&consumer_key=${key.consumerKey}&consumer_secret=${key.consumerSecret}`;
    expect((await answer(fake, query)).body.code).toBe('woocommerce_rest_cannot_view');
  });

  it('refuses a bad signature, a wrong method, missing parameters and an unknown key', async () => {
    const fake = await store({ protocol: 'http' });
    const key = fake.issueKey('read');
    const products = `${fake.url}/wp-json/wc/v3/products`;
    const good = new URL(signed(key, products).url);
    const tampered = new URL(good);
    tampered.searchParams.set('per_page', '5');
    expect(await answer(fake, tampered.href)).toEqual(
      refusal(
        'woocommerce_rest_authentication_error',
        'Invalid signature - provided signature does not match.',
      ),
    );
    const plaintext = new URL(good);
    plaintext.searchParams.set('oauth_signature_method', 'PLAINTEXT');
    expect((await answer(fake, plaintext.href)).body.message).toBe(
      'Invalid signature - signature method is invalid.',
    );
    const partial = new URL(good);
    partial.searchParams.delete('oauth_nonce');
    expect(await answer(fake, partial.href)).toEqual(
      refusal('woocommerce_rest_authentication_missing_parameter', 'Missing OAuth parameter oauth_nonce'),
    );
    const unknown = new URL(good);
    unknown.searchParams.set('oauth_consumer_key', `ck_${'1'.repeat(40)}`);
    expect((await answer(fake, unknown.href)).body.message).toBe('Consumer key is invalid.');
  });

  it('refuses a replayed nonce and a timestamp outside 15 minutes', async () => {
    const fake = await store({ protocol: 'http' });
    const key = fake.issueKey('read');
    const products = `${fake.url}/wp-json/wc/v3/products`;
    const once = signed(key, products).url;
    expect((await answer(fake, once)).status).toBe(200);
    expect(await answer(fake, once)).toEqual(
      refusal('woocommerce_rest_authentication_error', 'Invalid nonce - nonce has already been used.'),
    );
    expect((await answer(fake, signed(key, products, 'GET', 'sha256', 16 * 60).url)).body.message).toBe(
      'Invalid timestamp.',
    );
    expect((await answer(fake, signed(key, products, 'GET', 'sha256', -16 * 60).url)).body.message).toBe(
      'Invalid timestamp.',
    );
    expect((await answer(fake, signed(key, products, 'GET', 'sha256', 14 * 60).url)).status).toBe(200);
  });
});
