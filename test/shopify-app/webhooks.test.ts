/**
 * Shopify's webhooks over real sockets, signed by the fake Shopify with the app's client secret.
 */
import { createHmac } from 'node:crypto';
import { Session } from '@shopify/shopify-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOPIFY_WEBHOOKS_PATH, verifyWebhookHmac } from '../../shopify-app/webhooks.js';
import { webhookPayloads } from '../e2e/fake-shopify.js';
import { startShopifyTestApp, type ShopifyTestApp } from './shopify-test-app.js';
import type { ErrorBody } from '../../core/wire/admin-api-types.js';

describe('Shopify webhooks', () => {
  let app: ShopifyTestApp;
  let webhooksUrl: string;
  const erasedShops: string[] = [];

  /** A shop with what an installed shop has: an offline session and records of its own. */
  const installedShop = async (label: string, installedAt = Date.now()) => {
    const shop = app.addShop(label);
    const storage = app.shopify.storage;
    await storage.storeSession(
      new Session({ id: `offline_${shop}`, shop, state: '', isOnline: false, accessToken: `at-${label}` }),
    );
    await app.store.putDoc({ tenant: shop, kind: 'connections', id: 'all' }, { connections: {} });
    await app.store.putDoc(
      { tenant: shop, kind: 'shopify-carrier-service', id: 'current' },
      { id: 'gid://x' },
    );
    await app.store.listPush(shop, 'rate-log', { at: installedAt }, 100);
    return shop;
  };
  const holdsAnything = async (shop: string) =>
    (await app.store.getDoc({ tenant: shop, kind: 'connections', id: 'all' })) !== undefined ||
    (await app.shopify.storage.findSessionsByShop(shop)).length > 0 ||
    (await app.store.listLength(shop, 'rate-log')) > 0;

  beforeAll(async () => {
    app = await startShopifyTestApp({
      app: {
        onShopErased: async (shop) => {
          erasedShops.push(shop);
        },
      },
    });
    webhooksUrl = `${app.url}${SHOPIFY_WEBHOOKS_PATH}`;
  });
  afterAll(() => app.close());

  it('app/uninstalled erases the shop: sessions, records, logs, and the global lookups', async () => {
    const shop = await installedShop('uninstall');
    const other = await installedShop('neighbour');
    const response = await app.fake.deliverWebhook(
      webhooksUrl,
      'app/uninstalled',
      shop,
      webhookPayloads.appUninstalled(shop),
    );
    expect(response.status).toBe(200);
    expect(await holdsAnything(shop)).toBe(false);
    expect(erasedShops).toContain(shop);
    expect(await holdsAnything(other)).toBe(true);
  });

  it('shop/redact erases the shop too', async () => {
    const shop = await installedShop('redact');
    const response = await app.fake.deliverWebhook(
      webhooksUrl,
      'shop/redact',
      shop,
      webhookPayloads.shopRedact(shop),
    );
    expect(response.status).toBe(200);
    expect(await holdsAnything(shop)).toBe(false);
  });

  it('refuses a bad or missing HMAC with 401, and erases nothing', async () => {
    const shop = await installedShop('forged');
    const bad = await app.fake.deliverWebhook(
      webhooksUrl,
      'app/uninstalled',
      shop,
      webhookPayloads.appUninstalled(shop),
      {
        hmac: 'bad',
      },
    );
    expect([bad.status, (bad.body as ErrorBody).error.code]).toEqual([401, 'RB_ERR_SIGNATURE_INVALID']);
    const missing = await app.fake.deliverWebhook(
      webhooksUrl,
      'shop/redact',
      shop,
      webhookPayloads.shopRedact(shop),
      {
        hmac: 'none',
      },
    );
    expect([missing.status, (missing.body as ErrorBody).error.code]).toEqual([
      401,
      'RB_ERR_SIGNATURE_MISSING',
    ]);
    expect(await holdsAnything(shop)).toBe(true);
  });

  it('refuses a body changed after signing (the HMAC covers the exact bytes)', async () => {
    const shop = await installedShop('tampered');
    const body = JSON.stringify(webhookPayloads.shopRedact(shop));
    const hmac = sign(app, body);
    const response = await fetch(webhooksUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-shopify-topic': 'shop/redact',
        'x-shopify-shop-domain': shop,
        'x-shopify-hmac-sha256': hmac,
      },
      // Same JSON value, different bytes: a parser-then-reserialise implementation would accept it.
      body: `${body} `,
    });
    expect(response.status).toBe(401);
    expect(await holdsAnything(shop)).toBe(true);
  });

  it('refuses a signed delivery whose headers name another shop than its body', async () => {
    const shop = await installedShop('victim');
    const attacker = app.addShop('attacker');
    const response = await app.fake.deliverWebhook(
      webhooksUrl,
      'app/uninstalled',
      attacker,
      webhookPayloads.appUninstalled(attacker),
      { shopHeader: shop },
    );
    expect(response.status).toBe(400);
    expect((response.body as ErrorBody).error.code).toBe('RB_ERR_VALIDATION');
    expect(await holdsAnything(shop)).toBe(true);
  });

  it('answers 400 for a missing topic or a shop header that is not a shop', async () => {
    const body = JSON.stringify({ shop_id: 1 });
    const hmac = sign(app, body);
    const post = (headers: Record<string, string>) =>
      fetch(webhooksUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-shopify-hmac-sha256': hmac, ...headers },
        body,
      });
    const noTopic = await post({ 'x-shopify-shop-domain': 'x.myshopify.com' });
    expect(noTopic.status).toBe(400);
    const badShop = await post({
      'x-shopify-topic': 'shop/redact',
      'x-shopify-shop-domain': 'evil.example.com',
    });
    expect(badShop.status).toBe(400);
  });

  it('answers 415 for a body that is not JSON, and 413 past one megabyte', async () => {
    const text = await fetch(webhooksUrl, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'hi',
    });
    expect(text.status).toBe(415);
    const shop = app.addShop('large');
    const huge = await app.fake.deliverWebhook(webhooksUrl, 'shop/redact', shop, {
      shop_domain: shop,
      padding: 'x'.repeat(1_100_000),
    });
    expect(huge.status).toBe(413);
  });

  it('acknowledges customers/data_request and customers/redact with a log line: we hold no customer data', async () => {
    const shop = await installedShop('gdpr');
    const request = await app.fake.deliverWebhook(
      webhooksUrl,
      'customers/data_request',
      shop,
      webhookPayloads.customersDataRequest(shop),
    );
    const redact = await app.fake.deliverWebhook(
      webhooksUrl,
      'customers/redact',
      shop,
      webhookPayloads.customersRedact(shop),
    );
    expect([request.status, redact.status]).toEqual([200, 200]);
    const logs = app.logs();
    expect(logs).toContain('customer data request: RateBridge holds no customer data');
    expect(logs).toContain('"dataRequestId":9999');
    expect(logs).not.toContain('customer@example.com');
    expect(await holdsAnything(shop)).toBe(true);
  });

  it('ignores an erasing delivery older than the current install (a reinstall raced it, or a replay)', async () => {
    const shop = await installedShop('reinstalled');
    const response = await app.fake.deliverWebhook(
      webhooksUrl,
      'app/uninstalled',
      shop,
      webhookPayloads.appUninstalled(shop),
      { triggeredAt: new Date(Date.now() - 60 * 60_000) },
    );
    expect(response.status).toBe(200);
    expect(await holdsAnything(shop)).toBe(true);
    expect(app.logs()).toContain('erasing webhook older than the current install: ignored');
  });

  it('acknowledges a validly signed topic it does not handle, so Shopify does not retry it', async () => {
    const shop = app.addShop('other-topic');
    const response = await app.fake.deliverWebhook(webhooksUrl, 'orders/create', shop, { id: 1 });
    expect(response.status).toBe(200);
  });
});

describe('webhook HMAC', () => {
  it('is the base64 HMAC-SHA256 of the raw bytes with the client secret', () => {
    const body = Buffer.from('{"shop_domain":"x.myshopify.com"}');
    const secret = 'hmac-test-secret-value';
    // Computed independently with: printf '%s' "$body" | openssl dgst -sha256 -hmac "$secret" -binary | base64
    const expected = 'OZC7vjBcoIm0aT7jcgQwAwEnlYegL0T/nTQEAjcFKh4=';
    expect(verifyWebhookHmac(body, expected, secret)).toBe(true);
    expect(verifyWebhookHmac(body, expected, 'another-secret')).toBe(false);
    expect(verifyWebhookHmac(body, undefined, secret)).toBe(false);
    expect(verifyWebhookHmac(body, '', secret)).toBe(false);
  });
});

/** The HMAC Shopify would send for `body`, for requests built by hand. */
function sign(app: ShopifyTestApp, body: string): string {
  return createHmac('sha256', app.settings.apiSecret).update(body).digest('base64');
}
