/**
 * /metrics and the shop-side alerts over real sockets, after real checkouts through both front ends: a
 * fake Shopify calls the carrier-service callback, and a signed plugin request asks /woocommerce/rates,
 * both quoting on the sandbox platform. Then GET /metrics refuses without the bearer token (401 coded),
 * answers with it (and on the private listener without it) in Prometheus's text format with each front
 * end's latency histogram, outcomes, platform calls and open incidents. Deleting the carrier service in
 * the shop opens an incident the admin lists; going live again resolves it.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { incidentsResponseSchema } from '../../core/alerts/incident.js';
import type { ShopDomain } from '../../shopify-app/shop-domain.js';
import { startAppHarness, type AppHarness, type TenantClient } from '../support/app-harness.js';
import { pluginHeaders } from '../woocommerce-bridge/plugin-signing.js';
import { rateRequest, startFakeShopify, type FakeShopify } from './fake-shopify.js';
import { shopifyAdminClient, shopifyAgainstFake } from '../support/shopify-admin-client.js';
import { freePort } from '../support/listen.js';

const SHOP = 'ratebridge-metrics.myshopify.com';
const API_KEY = 'test-api-key-not-real';
const API_SECRET = 'test-api-secret-not-real';
const METRICS_TOKEN = `metrics-${randomBytes(16).toString('hex')}`;

/** Each body differs (the line total), so no signature repeats; prices are not part of the quote key. */
const wooCart = (postcode: string, lineTotal: string) =>
  JSON.stringify({
    currency: 'AUD',
    units: { weight: 'kg', dimension: 'cm' },
    package: {
      destination: { country: 'AU', state: 'VIC', postcode, city: '', address_1: '', address_2: '' },
      contents: [
        {
          product_id: 11,
          variation_id: 0,
          sku: 'BOX',
          quantity: 1,
          line_total: lineTotal,
          weight: '3',
          length: '40',
          width: '30',
          height: '20',
        },
      ],
    },
  });

/** The value of one sample line (`name{labels} value`) in an exposition, or undefined. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  for (const line of text.split('\n')) {
    const match = /^([a-z_]+)(?:\{([^}]*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = (match[2] ?? '').split(',');
    if (wanted.every((pair) => present.includes(pair))) return Number(match[3]);
  }
  return undefined;
}

describe('metrics after real checkouts, and the carrier-service alert', () => {
  let fake: FakeShopify;
  let app: AppHarness;
  let appUrl: string;

  const shopifyAdmin = shopifyAdminClient(
    () => fake,
    SHOP,
    () => appUrl,
  );
  const callbackUrl = () => [...fake.shop(SHOP).carrierServices.values()][0]?.callbackUrl ?? '';
  const metrics = (headers: Record<string, string> = {}, base = appUrl) =>
    fetch(`${base}/metrics`, { headers });

  beforeAll(async () => {
    fake = await startFakeShopify({ apiKey: API_KEY, apiSecret: API_SECRET });
    fake.addShop(SHOP);
    const port = await freePort();
    appUrl = `http://127.0.0.1:${port}`;
    app = await startAppHarness({
      // A generous deadline: on a loaded machine a slow sandbox answer must not turn live into fallback.
      env: {
        PORT: String(port),
        PUBLIC_URL: appUrl,
        METRICS_TOKEN,
        METRICS_PORT: '0',
        QUOTE_DEADLINE_MS: '9000',
      },
      shopify: shopifyAgainstFake({ apiKey: API_KEY, apiSecret: API_SECRET, appUrl, fakeUrl: fake.url }),
    });
  });
  afterAll(async () => {
    await app?.store.deleteTenant(SHOP);
    await app?.close();
    await fake?.close();
  });

  async function shopifyCheckouts(count: number): Promise<void> {
    const token = await app.createSandboxToken(`shopify-${randomBytes(3).toString('hex')}`);
    const body = { platform: 'sandbox', environment: 'test', label: 'Sandbox', token };
    expect((await shopifyAdmin('POST', '/connections', body)).status).toBe(201);
    const location = { name: 'Melbourne DC', suburb: 'Melbourne', postcode: '3000', state: 'VIC' };
    expect((await shopifyAdmin('POST', '/locations', location)).status).toBe(201);
    const table = { packages: [{ type: 'carton', lengthCm: 160, widthCm: 90, heightCm: 15, weightKg: 34 }] };
    expect((await shopifyAdmin('PUT', `/packaging/${encodeURIComponent('sku:TABLE-L')}`, table)).status).toBe(
      200,
    );
    expect((await shopifyAdmin('POST', '/carrier-service')).status).toBe(200);
    for (let i = 0; i < count; i += 1) {
      const checkout = await fake.callCarrierService(callbackUrl(), rateRequest({ postcode: '2000' }), {
        shop: SHOP,
        signed: true,
      });
      expect(checkout.status).toBe(200);
    }
  }

  async function wooCommerceCheckouts(merchant: TenantClient, count: number): Promise<void> {
    const created = await merchant.api('POST', '/connector-keys', { name: 'Plugin' });
    const { key, secret } = created.body as { key: { id: string }; secret: string };
    const token = await app.createSandboxToken(`woo-${randomBytes(3).toString('hex')}`);
    const connection = { platform: 'sandbox', environment: 'test', label: 'Sandbox', token };
    expect((await merchant.api('POST', '/connections', connection)).status).toBe(201);
    const location = { name: 'Sydney DC', suburb: 'Sydney', postcode: '2000', state: 'NSW' };
    expect((await merchant.api('POST', '/locations', location)).status).toBe(201);
    for (let i = 0; i < count; i += 1) {
      const body = wooCart(i === 0 ? '3121' : '3000', `25.0${i}`);
      const response = await fetch(`${appUrl}/woocommerce/rates`, {
        method: 'POST',
        headers: pluginHeaders(key.id, secret, body),
        body,
      });
      expect([response.status, response.status === 200 ? '' : await response.text()]).toEqual([200, '']);
    }
  }

  it('serves Prometheus metrics behind the token after checkouts through both front ends', async () => {
    await shopifyCheckouts(3);
    const woo = await app.signIn(`woo:metrics-${randomBytes(3).toString('hex')}.example.com`);
    await wooCommerceCheckouts(woo, 4);

    const anonymous = await metrics();
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(((await anonymous.json()) as { error: { code: string } }).error.code).toBe(
      'RB_ERR_METRICS_UNAUTHORIZED',
    );
    const wrong = await metrics({ authorization: `Bearer ${METRICS_TOKEN.slice(0, -1)}x` });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).not.toContain(METRICS_TOKEN);

    const answer = await metrics({ authorization: `Bearer ${METRICS_TOKEN}` });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await answer.text();
    const count = (frontEnd: string) =>
      sample(text, 'ratebridge_checkout_duration_seconds_count', { front_end: frontEnd });
    expect(count('shopify')).toBe(3);
    expect(count('woocommerce')).toBe(4);
    // The histogram's buckets go up to Shopify's 3 s window (timings themselves depend on the machine).
    const bucket = (le: string) =>
      sample(text, 'ratebridge_checkout_duration_seconds_bucket', { front_end: 'shopify', le });
    expect(bucket('+Inf')).toBe(3);
    expect(bucket('3')).toBeLessThanOrEqual(3);
    expect(bucket('2.5')).toBeLessThanOrEqual(bucket('3') ?? 0);
    // The same cart again is served from the quote cache.
    expect(sample(text, 'ratebridge_checkouts_total', { front_end: 'shopify', outcome: 'live' })).toBe(1);
    expect(sample(text, 'ratebridge_checkouts_total', { front_end: 'shopify', outcome: 'cached' })).toBe(2);
    expect(sample(text, 'ratebridge_checkouts_total', { front_end: 'woocommerce', outcome: 'live' })).toBe(2);
    expect(sample(text, 'ratebridge_checkouts_total', { front_end: 'woocommerce', outcome: 'cached' })).toBe(
      2,
    );
    expect(sample(text, 'ratebridge_platform_calls_total', { platform: 'sandbox', outcome: 'ok' })).toBe(3);
    expect(text).toContain('# TYPE ratebridge_platform_failures_total counter');
    expect(sample(text, 'ratebridge_incidents_open', { kind: 'token_revoked' })).toBe(0);
    expect(text).toContain('process_cpu_user_seconds_total');
    // Labels are bounded: no tenant, no postcode.
    expect(text).not.toContain(SHOP);
    // (In label values only: a sample's number, e.g. a byte count, may contain the digits by chance.)
    const labelValues = [...text.matchAll(/="([^"]*)"/g)].map((match) => match[1]);
    expect(labelValues.filter((value) => value?.includes('3121'))).toEqual([]);

    const privateUrl = app.running.metricsUrl;
    expect(privateUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const privately = await metrics({}, privateUrl);
    expect(privately.status).toBe(200);
    expect(
      sample(await privately.text(), 'ratebridge_checkout_duration_seconds_count', { front_end: 'shopify' }),
    ).toBe(3);
  });

  it('a carrier service deleted in the shop opens one incident; going live again resolves it', async () => {
    const check = app.running.serverApp.shopify!.carrierServiceCheck;
    expect((await check.checkAll()).get(SHOP as ShopDomain)).toBe('present');
    fake.shop(SHOP).carrierServices.clear();
    expect((await check.checkAll()).get(SHOP as ShopDomain)).toBe('removed');
    expect((await check.checkAll()).get(SHOP as ShopDomain)).toBe('removed');

    const listed = incidentsResponseSchema.parse((await shopifyAdmin('GET', '/incidents')).body);
    expect(listed.incidents).toEqual([
      expect.objectContaining({ kind: 'carrier_service_removed', subject: 'shopify', resolvedAt: null }),
    ]);
    const scraped = await (await metrics({ authorization: `Bearer ${METRICS_TOKEN}` })).text();
    expect(sample(scraped, 'ratebridge_incidents_open', { kind: 'carrier_service_removed' })).toBe(1);

    expect((await shopifyAdmin('POST', '/carrier-service')).status).toBe(200);
    const after = incidentsResponseSchema.parse((await shopifyAdmin('GET', '/incidents')).body);
    expect(after.incidents).toEqual([
      expect.objectContaining({ id: listed.incidents[0]?.id, resolvedAt: expect.any(String) }),
    ]);
    expect((await check.checkAll()).get(SHOP as ShopDomain)).toBe('present');
  });
});

describe('metrics without METRICS_TOKEN', () => {
  let app: AppHarness;
  beforeAll(async () => {
    app = await startAppHarness();
  });
  afterAll(() => app?.close());

  it('answers 404 coded, whatever is sent', async () => {
    const attempts: Record<string, string>[] = [{}, { authorization: 'Bearer anything-at-all-long-enough' }];
    for (const headers of attempts) {
      const response = await fetch(`${app.url}/metrics`, { headers });
      expect(response.status).toBe(404);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('RB_ERR_METRICS_OFF');
    }
    expect(app.running.metricsUrl).toBeUndefined();
  });
});
