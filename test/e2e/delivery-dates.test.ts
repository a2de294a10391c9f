/**
 * Delivery dates end to end over real sockets, with the quote engine's clock pinned (core option
 * `quoting.now`): a Melbourne location, an order on Friday 6 March 2026 at 15:00 local time (after its
 * 14:00 cut-off), Monday 9 March Labour Day in Victoria. The goods leave on Tuesday 10 March; the
 * sandbox's Road Express takes 1-2 business days Melbourne -> Sydney, so they arrive Wed 11 - Thu 12 March.
 * Shopify's carrier-service callback answers min/max_delivery_date in the reference's format, the
 * WooCommerce plugin endpoint "Arrives Wed 11 Mar – Thu 12 Mar". Later, from the same cache, a Christmas
 * shutdown and the destination's Christmas holidays move the Shopify dates.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppHarness, type AppHarness } from '../support/app-harness.js';
import { probeRedis } from '../support/redis.js';
import { shopifyAdminClient, shopifyAgainstFake } from '../support/shopify-admin-client.js';
import { pluginHeaders } from '../woocommerce-bridge/plugin-signing.js';
import { sandboxToken } from '../woocommerce-bridge/sandbox-store.js';
import {
  startWooTestApp,
  type AdminClient,
  type WooTestApp,
} from '../woocommerce-bridge/woocommerce-test-app.js';
import { rateRequest, startFakeShopify, type FakeShopify } from './fake-shopify.js';
import { freePort } from '../support/listen.js';

const redis = await probeRedis();
/** Fri 6 Mar 2026, 15:00 in Melbourne (AEDT, UTC+11). */
const FRIDAY_AFTER_CUTOFF = Date.parse('2026-03-06T04:00:00Z');
/** Wed 23 Dec 2026, 10:00 in Melbourne: before the cut-off, the day before the shutdown starts. */
const BEFORE_CHRISTMAS = Date.parse('2026-12-22T23:00:00Z');
/** The same day at 15:00 there: after the cut-off. */
const AFTER_CUTOFF_BEFORE_CHRISTMAS = Date.parse('2026-12-23T04:00:00Z');

/** A clock that starts at `at` and then runs: deadlines and durations still pass as they do. */
function clockFrom(at: () => number) {
  const started = Date.now();
  let base = at();
  return {
    now: () => base + (Date.now() - started),
    set: (next: () => number) => {
      base = next() - (Date.now() - started);
    },
  };
}

const MELBOURNE_DC = { name: 'Melbourne DC', suburb: 'Melbourne', postcode: '3000', state: 'VIC' };
const SHUTDOWN = {
  handlingDays: 0,
  cutoff: '14:00',
  weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'],
  closedDates: [{ from: '2026-12-24', to: '2027-01-04', note: 'Christmas shutdown' }],
};

describe(`delivery dates on a Shopify checkout (${redis.ok ? 'redis' : 'embedded'} store)`, () => {
  const SHOP = `dates-${randomBytes(3).toString('hex')}.myshopify.com`;
  const API = { apiKey: 'test-api-key-not-real', apiSecret: 'test-api-secret-not-real' };
  const clock = clockFrom(() => FRIDAY_AFTER_CUTOFF);
  let fake: FakeShopify;
  let app: AppHarness;
  let appUrl: string;
  const admin = shopifyAdminClient(
    () => fake,
    SHOP,
    () => appUrl,
  );

  beforeAll(async () => {
    fake = await startFakeShopify(API);
    fake.addShop(SHOP, { products: [] });
    const port = await freePort();
    appUrl = `http://127.0.0.1:${port}`;
    app = await startAppHarness({
      store: redis.ok ? 'redis' : 'embedded',
      env: { PORT: String(port), PUBLIC_URL: appUrl },
      core: { quoting: { now: clock.now } },
      shopify: shopifyAgainstFake({ ...API, appUrl, fakeUrl: fake.url }),
    });
  });
  afterAll(async () => {
    await app?.store.deleteTenant(SHOP);
    await app?.close();
    await fake?.close();
  });

  it('answers min/max_delivery_date past the cut-off and the Victorian holiday', async () => {
    const token = await app.createSandboxToken(`dates-${SHOP}`);
    const connection = { platform: 'sandbox', environment: 'test', label: 'Sandbox', token };
    expect((await admin('POST', '/connections', connection)).status).toBe(201);
    const created = await admin('POST', '/locations', MELBOURNE_DC);
    expect(created.status).toBe(201);
    const packaging = {
      packages: [{ type: 'carton', lengthCm: 160, widthCm: 90, heightCm: 15, weightKg: 34 }],
    };
    expect((await admin('PUT', `/packaging/${encodeURIComponent('sku:TABLE-L')}`, packaging)).status).toBe(
      200,
    );
    expect((await admin('POST', '/carrier-service')).status).toBe(200);
    const callbackUrl = [...fake.shop(SHOP).carrierServices.values()][0]?.callbackUrl ?? '';

    const checkout = await fake.callCarrierService(callbackUrl, rateRequest(), { shop: SHOP, signed: true });
    expect(checkout.status).toBe(200);
    const { rates } = checkout.body as {
      rates: {
        service_name: string;
        description: string;
        min_delivery_date?: string;
        max_delivery_date?: string;
      }[];
    };
    const express = rates.find((rate) => rate.service_name.includes('Road Express'));
    // Sydney is on daylight time in March: midday there is +1100.
    expect(express).toMatchObject({
      description: 'Arrives Wed 11 Mar – Thu 12 Mar',
      min_delivery_date: '2026-03-11 12:00:00 +1100',
      max_delivery_date: '2026-03-12 12:00:00 +1100',
    });
    for (const rate of rates) {
      expect(rate.min_delivery_date).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} [+-]\d{4}$/);
      // Nothing leaves before Tuesday: no rate arrives before Wednesday.
      expect((rate.min_delivery_date ?? '') >= '2026-03-11').toBe(true);
    }

    // A quote served from the cache on a later day is dated from that day, not from when it was cached.
    clock.set(() => BEFORE_CHRISTMAS);
    const location = (created.body as { location: { id: string } }).location;
    expect((await admin('PUT', `/locations/${location.id}`, { despatch: SHUTDOWN })).status).toBe(200);
    const later = await fake.callCarrierService(callbackUrl, rateRequest(), { shop: SHOP, signed: true });
    const again = (later.body as { rates: typeof rates }).rates.find((rate) =>
      rate.service_name.includes('Road Express'),
    );
    // Before the cut-off on Wed 23 Dec the goods leave that day, ahead of the shutdown; 1-2 business days
    // in NSW step over Christmas Day and the Boxing Day substitute (Mon 28 Dec).
    expect(again).toMatchObject({
      min_delivery_date: '2026-12-24 12:00:00 +1100',
      max_delivery_date: '2026-12-29 12:00:00 +1100',
    });
    // That answer was the cached one (same cart, within the cache's 10 minutes): only the dates moved.
    const log = (await admin('GET', '/rate-log?limit=1')).body as {
      entries: { at: string; upstream: { cache: string }[] }[];
    };
    expect(log.entries[0]?.at.slice(0, 10)).toBe('2026-12-22');
    expect(log.entries[0]?.upstream.map((call) => call.cache)).toEqual(['hit']);
    // After the cut-off the order meets the shutdown: it leaves on Tue 5 Jan 2027.
    clock.set(() => AFTER_CUTOFF_BEFORE_CHRISTMAS);
    const closed = await fake.callCarrierService(callbackUrl, rateRequest(), { shop: SHOP, signed: true });
    const shut = (closed.body as { rates: typeof rates }).rates.find((rate) =>
      rate.service_name.includes('Road Express'),
    );
    expect(shut).toMatchObject({
      description: 'Arrives Wed 6 Jan – Thu 7 Jan',
      min_delivery_date: '2027-01-06 12:00:00 +1100',
      max_delivery_date: '2027-01-07 12:00:00 +1100',
    });
  });
  it('gives a cart from two locations the later window of the two, at each end', async () => {
    clock.set(() => FRIDAY_AFTER_CUTOFF);
    // Perth: 12:00 there, before its cut-off, with a handling day: it leaves Monday, three time zones west.
    const perth = await admin('POST', '/locations', {
      name: 'Perth DC',
      suburb: 'Perth',
      postcode: '6000',
      state: 'WA',
      despatch: {
        handlingDays: 1,
        cutoff: '14:00',
        weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'],
        closedDates: [],
      },
    });
    expect(perth.status).toBe(201);
    const perthId = (perth.body as { location: { id: string } }).location.id;
    const lamp = {
      packages: [{ type: 'carton', lengthCm: 30, widthCm: 30, heightCm: 50, weightKg: 2 }],
      locationIds: [perthId],
    };
    expect((await admin('PUT', `/packaging/${encodeURIComponent('sku:LAMP')}`, lamp)).status).toBe(200);
    type Dated = { rates: { code: string; minDate?: string; maxDate?: string }[] };
    const quote = async (skus: string[]) => {
      const response = await admin('POST', '/quotes/test', {
        destination: { country: 'AU', postcode: '2000', state: 'NSW', suburb: 'Sydney' },
        lines: skus.map((sku) => ({ sku, quantity: 1 })),
      });
      expect(response.status).toBe(200);
      const { rates } = response.body as Dated;
      // Live and dated (the first test connected the sandbox and set up Melbourne's table).
      expect(rates.length).toBeGreaterThan(0);
      for (const rate of rates) expect(rate.minDate, rate.code).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      return rates;
    };
    const [fromMelbourne, fromPerth, fromBoth] = [
      await quote(['TABLE-L']),
      await quote(['LAMP']),
      await quote(['TABLE-L', 'LAMP']),
    ];
    const latest = (a: string | undefined, b: string | undefined) => ((a ?? '') > (b ?? '') ? a : b);
    let compared = 0;
    for (const rate of fromBoth) {
      const melbourne = fromMelbourne.find((r) => r.code === rate.code);
      const west = fromPerth.find((r) => r.code === rate.code);
      if (!melbourne || !west) continue;
      compared += 1;
      expect(rate.minDate).toBe(latest(melbourne.minDate, west.minDate));
      expect(rate.maxDate).toBe(latest(melbourne.maxDate, west.maxDate));
    }
    expect(compared).toBeGreaterThan(0);
    // Road Express: Melbourne's goods arrive Wed 11 - Thu 12; Perth's (4-5 business days) Fri 13 - Mon 16.
    expect(fromBoth.find((rate) => rate.code === 'sandbox:SRF:RX')).toMatchObject({
      minDate: '2026-03-13',
      maxDate: '2026-03-16',
    });
    // Perth's goods leave on Monday 9 March (a handling day after Friday), Melbourne's on Tuesday 10th.
    expect(fromPerth.every((rate) => (rate.minDate ?? '') >= '2026-03-09')).toBe(true);
    expect(fromMelbourne.every((rate) => (rate.minDate ?? '') >= '2026-03-10')).toBe(true);
  });
});

describe('delivery dates on a WooCommerce checkout (the plugin endpoint)', () => {
  const clock = clockFrom(() => FRIDAY_AFTER_CUTOFF);
  let app: WooTestApp;
  let merchant: AdminClient;
  let keyId: string;
  let secret: string;

  beforeAll(async () => {
    app = await startWooTestApp({ core: { quoting: { now: clock.now } } });
    merchant = await app.signIn(`woo:dates-${randomBytes(3).toString('hex')}.example.com`);
    ({
      key: { id: keyId },
      secret,
    } = (await merchant.api('POST', '/connector-keys', { name: 'Plugin' })).body as {
      key: { id: string };
      secret: string;
    });
    const token = await sandboxToken(app, `dates-${randomBytes(3).toString('hex')}`);
    const connection = { platform: 'sandbox', environment: 'test', label: 'Sandbox', token };
    expect((await merchant.api('POST', '/connections', connection)).status).toBe(201);
    expect((await merchant.api('POST', '/locations', MELBOURNE_DC)).status).toBe(201);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('sends "Arrives …" with the dates kept as the order\'s meta data', async () => {
    const body = JSON.stringify({
      currency: 'AUD',
      units: { weight: 'kg', dimension: 'cm' },
      package: {
        destination: {
          country: 'AU',
          state: 'NSW',
          postcode: '2000',
          city: 'Sydney',
          address_1: '',
          address_2: '',
        },
        contents: [
          {
            product_id: 11,
            variation_id: 0,
            sku: 'BOX',
            quantity: 1,
            line_total: '25.00',
            weight: '12',
            length: '60',
            width: '40',
            height: '40',
          },
        ],
      },
    });
    const response = await app.fetch('/woocommerce/rates', {
      method: 'POST',
      headers: pluginHeaders(keyId, secret, body),
      body,
    });
    expect(response.status).toBe(200);
    const { rates } = (await response.json()) as {
      rates: { label: string; delivery_time: string; meta_data: Record<string, string | number> }[];
    };
    const express = rates.find((rate) => rate.label.includes('Road Express'));
    expect(express).toMatchObject({
      delivery_time: 'Arrives Wed 11 Mar – Thu 12 Mar',
      meta_data: { ratebridge_min_date: '2026-03-11', ratebridge_max_date: '2026-03-12' },
    });
    for (const rate of rates)
      expect(rate.delivery_time).toMatch(/^Arrives (Mon|Tue|Wed|Thu|Fri) \d{1,2} [A-Z][a-z]{2}/);
  });
});
