/**
 * The whole Shopify story over real sockets, against a fake Shopify that speaks Shopify's formats and the
 * sandbox freight platform: install (token exchange) -> connect a sandbox token -> a location -> packaging
 * -> go live (carrierServiceCreate) -> checkout callback -> rates; then the token is revoked in the sandbox
 * and the next callback still answers in time, with fallback rates, and the connection shows revoked.
 * With Redis when it is available (the production store), else the embedded store.
 */
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeRedis } from '../support/redis.js';
import { startAppHarness, type AppHarness } from '../support/app-harness.js';
import { rateRequest, startFakeShopify, webhookPayloads, type FakeShopify } from './fake-shopify.js';
import { shopifyAdminClient, shopifyAgainstFake } from '../support/shopify-admin-client.js';
import { freePort } from '../support/listen.js';

const redis = await probeRedis();
const SHOP = 'ratebridge-e2e.myshopify.com';
const API_KEY = 'test-api-key-not-real';
const API_SECRET = 'test-api-secret-not-real';

interface ShopifyRate {
  service_name: string;
  service_code: string;
  total_price: string;
  currency: string;
  description: string;
  min_delivery_date?: string;
  max_delivery_date?: string;
}

describe(`Shopify app end to end (${redis.ok ? 'redis' : 'embedded'} store)`, () => {
  let fake: FakeShopify;
  let app: AppHarness;
  let appUrl: string;

  const admin = shopifyAdminClient(
    () => fake,
    SHOP,
    () => appUrl,
  );
  const callbackUrl = () => [...fake.shop(SHOP).carrierServices.values()][0]?.callbackUrl ?? '';

  beforeAll(async () => {
    fake = await startFakeShopify({ apiKey: API_KEY, apiSecret: API_SECRET });
    fake.addShop(SHOP, {
      products: Array.from({ length: 120 }, (_, i) => ({
        id: 8000 + i,
        title: `Product ${i}`,
        variants: [
          {
            id: 9000 + i,
            title: 'Default Title',
            sku: i === 1 ? 'TABLE-L' : `SKU-${i}`,
            requiresShipping: true,
            weight: { unit: 'KILOGRAMS', value: 32 },
          },
        ],
      })),
    });
    const port = await freePort();
    appUrl = `http://127.0.0.1:${port}`;
    app = await startAppHarness({
      store: redis.ok ? 'redis' : 'embedded',
      env: { PORT: String(port), PUBLIC_URL: appUrl },
      core: { tokens: { recheckMinIntervalMs: 0, attemptLimit: { attempts: 100, windowMs: 60_000 } } },
      shopify: shopifyAgainstFake({ apiKey: API_KEY, apiSecret: API_SECRET, appUrl, fakeUrl: fake.url }),
    });
  });
  afterAll(async () => {
    await app?.store.deleteTenant(SHOP);
    await app?.close();
    await fake?.close();
  });

  it('installs, connects, goes live and answers the checkout with live rates', async () => {
    // Install: the first embedded API call exchanges the session token for an offline access token.
    const platforms = await admin('GET', '/platforms');
    expect(platforms.status).toBe(200);
    expect(fake.requests.some((r) => r.endpoint === 'token')).toBe(true);

    const token = await app.createSandboxToken('shopify-shop');
    const connected = await admin('POST', '/connections', {
      platform: 'sandbox',
      environment: 'test',
      label: 'Sandbox',
      token,
    });
    expect(connected.status).toBe(201);
    const location = await admin('POST', '/locations', {
      name: 'Melbourne DC',
      suburb: 'Melbourne',
      postcode: '3000',
      state: 'VIC',
    });
    expect(location.status).toBe(201);
    const packaging = await admin('PUT', `/packaging/${encodeURIComponent('sku:TABLE-L')}`, {
      packages: [{ type: 'carton', lengthCm: 160, widthCm: 90, heightCm: 15, weightKg: 34 }],
    });
    expect(packaging.status).toBe(200);

    // A plan without carrier-calculated shipping: a message the merchant can act on, nothing registered.
    fake.shop(SHOP).carrierCalculatedShipping = false;
    const refused = await admin('POST', '/carrier-service');
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({
      error: { code: 'RB_ERR_SHOPIFY_PLAN', message: expect.stringContaining('Advanced') as string },
    });
    // Which plans allow it, as Shopify's reference lists them (DeliveryCarrierService, "Requirements").
    for (const plan of ['Advanced Shopify plan or higher', 'billed yearly', 'development stores']) {
      expect((refused.body as { error: { message: string } }).error.message).toContain(plan);
    }
    expect(fake.shop(SHOP).carrierServices.size).toBe(0);
    fake.shop(SHOP).carrierCalculatedShipping = true;

    const live = await admin('POST', '/carrier-service');
    expect(live.status).toBe(200);
    expect(live.body).toMatchObject({
      carrierService: { active: true },
      instructions: expect.any(Array) as unknown,
    });
    expect(JSON.stringify(live.body)).toMatch(/Calculated rates|calculate rates/i);
    expect(JSON.stringify(live.body)).not.toContain(callbackUrl().split('/').pop());
    expect(callbackUrl()).toMatch(new RegExp(`^${appUrl}/shopify/carrier-service/[A-Za-z0-9_-]{43}$`));

    const checkout = await fake.callCarrierService(callbackUrl(), rateRequest(), {
      shop: SHOP,
      signed: true,
    });
    expect(checkout.status).toBe(200);
    const { rates } = checkout.body as { rates: ShopifyRate[] };
    expect(rates.length).toBeGreaterThan(0);
    expect(rates.map((rate) => rate.service_code)).not.toContain('fallback-standard');
    for (const rate of rates) {
      expect(rate.total_price).toMatch(/^\d+$/);
      expect(rate.currency).toBe('AUD');
      expect(rate.service_code).not.toBe('');
      // Required by Shopify's carrier-service reference (DeliveryCarrierService, "Response fields").
      expect(rate.description.trim()).not.toBe('');
      // The reference's format ("2013-04-12 14:48:45 -0400"): midday in the destination's zone.
      if (rate.min_delivery_date)
        expect(rate.min_delivery_date).toMatch(/^\d{4}-\d{2}-\d{2} 12:00:00 \+1[01]00$/);
    }
    // Prices as strings (older payloads) quote the same.
    const older = await fake.callCarrierService(callbackUrl(), rateRequest({ priceAsString: true }), {
      shop: SHOP,
    });
    expect((older.body as { rates: ShopifyRate[] }).rates).toEqual(rates);

    // Going live again updates the same service (no duplicate) and rotates the key.
    const previous = callbackUrl();
    expect((await admin('POST', '/carrier-service')).status).toBe(200);
    expect(fake.shop(SHOP).carrierServices.size).toBe(1);
    expect(callbackUrl()).not.toBe(previous);
    expect((await fake.callCarrierService(previous, rateRequest(), { shop: SHOP })).status).toBe(404);
  });

  it('refuses unknown keys, bad signatures and bad bodies with coded 4xx, never 5xx', async () => {
    expect(
      (await fake.callCarrierService(`${appUrl}/shopify/carrier-service/${'x'.repeat(43)}`, rateRequest()))
        .status,
    ).toBe(404);
    const url = callbackUrl();
    // Signed as Shopify signs the callback: base64 HMAC-SHA256 of the raw body with the app's secret.
    const sign = (body: string) => createHmac('sha256', API_SECRET).update(body).digest('base64');
    const post = (body: string, headers: Record<string, string> = {}) =>
      fetch(url, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json', 'x-shopify-hmac-sha256': sign(body), ...headers },
      });
    const code = async (response: Response) => [
      response.status,
      ((await response.json()) as { error: { code: string } }).error.code,
    ];
    const badHmac = await post(JSON.stringify(rateRequest()), { 'x-shopify-hmac-sha256': 'AAAA' });
    expect(await code(badHmac)).toEqual([401, 'RB_ERR_SIGNATURE_INVALID']);
    // The key in the URL alone no longer opens the door: Shopify signs every callback.
    const unsigned = await fake.callCarrierService(url, rateRequest(), { shop: SHOP, signed: false });
    expect([unsigned.status, (unsigned.body as { error: { code: string } }).error.code]).toEqual([
      401,
      'RB_ERR_SIGNATURE_MISSING',
    ]);
    const otherBody = await post(JSON.stringify(rateRequest()), {
      'x-shopify-hmac-sha256': sign(JSON.stringify(rateRequest({ postcode: '3000' }))),
    });
    expect(await code(otherBody)).toEqual([401, 'RB_ERR_SIGNATURE_INVALID']);
    const notJson = await post('{"rate": ');
    expect([notJson.status, ((await notJson.json()) as { error: { code: string } }).error.code]).toEqual([
      400,
      'RB_ERR_BAD_JSON',
    ]);
    const invalid = await post(JSON.stringify({ rate: { items: [] } }));
    expect([invalid.status, ((await invalid.json()) as { error: { code: string } }).error.code]).toEqual([
      400,
      'RB_ERR_VALIDATION',
    ]);
    const huge = await post(JSON.stringify({ rate: { padding: 'x'.repeat(300 * 1024) } }));
    expect(huge.status).toBe(413);
    // Null address fields are tolerated.
    const payload = rateRequest();
    const withNulls = {
      rate: { ...payload.rate, destination: { ...payload.rate.destination, address1: null, city: null } },
    };
    expect((await post(JSON.stringify(withNulls))).status).toBe(200);
  });

  it('reads the shop products with progress', async () => {
    const started = await admin('POST', '/products/sync');
    expect(started.status).toBe(202);
    await expect
      .poll(async () => ((await admin('GET', '/products/sync')).body as { state: string }).state, {
        timeout: 10_000,
      })
      .toBe('done');
    const progress = (await admin('GET', '/products/sync')).body as { done: number; total: number };
    expect(progress).toMatchObject({ done: 120, total: 120 });
    const missing = (await admin('GET', '/packaging/missing-dimensions?limit=200')).body as { total: number };
    expect(missing.total).toBeGreaterThanOrEqual(119);
  });

  it('keeps answering in time with fallback rates once the token is revoked, and shows it revoked', async () => {
    await app.revokeSandboxToken('shopify-shop');
    const started = Date.now();
    // Another destination, so no cached quote can answer.
    const checkout = await fake.callCarrierService(callbackUrl(), rateRequest({ postcode: '2150' }), {
      shop: SHOP,
    });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(checkout.status).toBe(200);
    // `description` added: Shopify's reference lists it as required, and a fallback rate has no ETA.
    expect((checkout.body as { rates: ShopifyRate[] }).rates).toEqual([
      {
        service_name: 'Standard shipping',
        service_code: 'fallback-standard',
        total_price: '1500',
        currency: 'AUD',
        description: 'Freight delivery; the delivery date is confirmed when the order ships',
      },
    ]);
    // A shop selling in another currency gets the same AUD prices, labelled AUD, never relabelled NZD.
    const payload = rateRequest({ postcode: '2150' });
    const nzd = await fake.callCarrierService(
      callbackUrl(),
      { rate: { ...payload.rate, currency: 'NZD' } },
      {
        shop: SHOP,
      },
    );
    expect((nzd.body as { rates: ShopifyRate[] }).rates).toMatchObject([
      { service_code: 'fallback-standard', total_price: '1500', currency: 'AUD' },
    ]);
    const connections = (await admin('GET', '/connections')).body as { connections: { status: string }[] };
    expect(connections.connections[0]?.status).toBe('revoked');
  });

  it('keeps no customer data: customers/redact and data_request answer 200 and the rate log has none', async () => {
    for (const [topic, payload] of [
      ['customers/data_request', webhookPayloads.customersDataRequest(SHOP)],
      ['customers/redact', webhookPayloads.customersRedact(SHOP)],
    ] as const) {
      const delivered = await fake.deliverWebhook(`${appUrl}/shopify/webhooks`, topic, SHOP, payload);
      expect(delivered.status).toBe(200);
    }
    const bad = await fake.deliverWebhook(
      `${appUrl}/shopify/webhooks`,
      'customers/redact',
      SHOP,
      {},
      { hmac: 'bad' },
    );
    expect(bad.status).toBe(401);
    const log = JSON.stringify((await admin('GET', '/rate-log?limit=100')).body);
    expect(log).toContain('TABLE-L');
    for (const personal of ['Pat Example', '1 Example Lane', 'customer@example.com', '555-625-1199']) {
      expect(log).not.toContain(personal);
    }
  });

  it('sets the carrier service inactive when the last connection is disconnected', async () => {
    const { connections } = (await admin('GET', '/connections')).body as { connections: { id: string }[] };
    for (const connection of connections)
      expect((await admin('DELETE', `/connections/${connection.id}`)).status).toBe(204);
    await expect.poll(() => [...fake.shop(SHOP).carrierServices.values()][0]?.active).toBe(false);
    expect((await admin('GET', '/carrier-service')).body).toMatchObject({
      carrierService: { active: false },
    });
  });

  it('erases the shop on app/uninstalled: sessions, records and the callback key', async () => {
    const url = callbackUrl();
    const delivered = await fake.deliverWebhook(
      `${appUrl}/shopify/webhooks`,
      'app/uninstalled',
      SHOP,
      webhookPayloads.appUninstalled(SHOP),
    );
    expect(delivered.status).toBe(200);
    expect((await fake.callCarrierService(url, rateRequest(), { shop: SHOP })).status).toBe(404);
    expect(await app.store.getDoc({ tenant: SHOP, kind: 'connections', id: 'all' })).toBeUndefined();
    expect((await app.store.listDocs(SHOP, 'shopify-sessions')).size).toBe(0);
  });

  it('never lets a Shopify access token, the API secret or a callback key reach a log line', () => {
    const logs = app.logs();
    for (const secret of [...fake.issuedSecrets(), API_SECRET]) expect(logs).not.toContain(secret);
    expect(logs).not.toMatch(/\/shopify\/carrier-service\/[A-Za-z0-9_-]{43}/);
  });
});
