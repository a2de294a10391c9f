/**
 * Tenant isolation on the embedded Shopify admin (/shopify/api), route by route: shop A is installed on the
 * fake Shopify and given something of every kind (a freight connection, a location, packaging, rules, a
 * default box, a rate log entry, an incident, a live carrier service, a finished product sync), then shop
 * B, with its own valid session token, calls every route with A's ids, naming A in the shop header and
 * query as well. B never sees anything of A's, gets 404 for each of A's records, and A's whole state (as A
 * reads it, and A's carrier service in Shopify) reads back exactly as before.
 *
 * The routes come from walking the Shopify front end's adminRouters (what server.ts mounts at /shopify/api),
 * so a route added without an entry in PROBES below fails this test until someone says how B attacks it.
 * With Redis when it is available (the production store), else the embedded store.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shopifyAgainstFake } from '../support/shopify-admin-client.js';
import { startAppHarness, type AppHarness } from '../support/app-harness.js';
import { probeRedis } from '../support/redis.js';
import {
  CANARIES,
  CORE_PROBES,
  box,
  cart,
  defaultBox,
  packingBox,
  depot,
  mark,
  routesOf,
  type CoreIds,
  type Probe,
} from './admin-isolation-probes.js';
import { startFakeShopify, type FakeShopify } from './fake-shopify.js';
import { freePort } from '../support/listen.js';

const redis = await probeRedis();
const SHOP_A = `iso-a-${mark}.myshopify.com`;
const SHOP_B = `iso-b-${mark}.myshopify.com`;
const API_KEY = 'test-api-key-not-real';
const API_SECRET = 'test-api-secret-not-real';
const PRODUCT_A = `A-product-${mark}`;

/** How B attacks each route. Keyed `METHOD /path` exactly as the routers declare it. */
const PROBES: Record<string, Probe> = {
  ...CORE_PROBES,
  // The tenant is the session token's shop; the shop B names in the header and query must not count.
  'GET /context': { expect: 'own' },
  'GET /carrier-service': { expect: 'own' },
  // B going live registers (or refuses) B's carrier service; A's in Shopify stays as it was.
  'POST /carrier-service': { expect: 'own' },
  'GET /products/sync': { expect: 'own' },
  'POST /products/sync': { expect: 'own' },
  'GET /access-policy': { expect: 'own' },
  // B's staff are admins (no read_users here): refused, and A's choice stays as it was.
  'PUT /access-policy': { expect: 'own', body: () => ({ tokenManagers: 'account_owner' }) },
};

/** What B's first reads of the Shopify routes must answer: B's own (empty) state, never A's. */
const B_FIRST_READS: Record<string, object> = {
  'GET /context': { host: 'shopify', tenant: SHOP_B },
  'GET /carrier-service': { carrierService: null },
  'GET /products/sync': { state: 'idle', done: 0, startedAt: null },
};

describe(`tenant isolation on every Shopify admin route (${redis.ok ? 'redis' : 'embedded'} store)`, () => {
  let fake: FakeShopify;
  let app: AppHarness;
  let appUrl: string;
  let ids: CoreIds;
  let routes: string[];

  beforeAll(async () => {
    fake = await startFakeShopify({ apiKey: API_KEY, apiSecret: API_SECRET });
    const product = (id: number, title: string, sku: string) => ({
      id,
      title,
      variants: [{ id: id + 1, title: 'Default Title', sku, requiresShipping: true, weight: null }],
    });
    fake.addShop(SHOP_A, { products: [product(7000, PRODUCT_A, CANARIES.sku)] });
    fake.addShop(SHOP_B, { products: [product(7100, `B-product-${mark}`, `B-SKU-${mark}`)] });
    const port = await freePort();
    appUrl = `http://127.0.0.1:${port}`;
    app = await startAppHarness({
      store: redis.ok ? 'redis' : 'embedded',
      env: { PORT: String(port), PUBLIC_URL: appUrl },
      core: { tokens: { attemptLimit: { attempts: 1000, windowMs: 60_000 } } },
      shopify: shopifyAgainstFake({ apiKey: API_KEY, apiSecret: API_SECRET, appUrl, fakeUrl: fake.url }),
    });
    const shopify = app.running.serverApp.shopify;
    if (!shopify) throw new Error('The Shopify front end is not mounted.');
    routes = routesOf(shopify.adminRouters);
    ids = await setUpA();
    // B's own connection token, so POST /connections can succeed as B's.
    const tokenB = await app.createSandboxToken(`b-${mark}`);
    PROBES['POST /connections'] = {
      expect: 'own',
      body: () => ({ platform: 'sandbox', environment: 'test', label: CANARIES.connection, token: tokenB }),
    };
  }, 60_000);

  afterAll(async () => {
    await app?.store.deleteTenant(SHOP_A);
    await app?.store.deleteTenant(SHOP_B);
    await app?.close();
    await fake?.close();
  });

  async function setUpA(): Promise<CoreIds> {
    const ok = async (method: string, path: string, body: unknown, status = 200) => {
      const response = await call(
        SHOP_A,
        method,
        path,
        body === undefined ? undefined : JSON.stringify(body),
      );
      expect(response.status, `${method} ${path}: ${response.text}`).toBe(status);
      return JSON.parse(response.text) as Record<string, { id: string }>;
    };
    const token = await app.createSandboxToken(`a-${mark}`);
    const connection = { platform: 'sandbox', environment: 'test', label: CANARIES.connection, token };
    const connected = await ok('POST', '/connections', connection, 201);
    // An incident of A's, naming A's connection (a canary).
    await app.running.serverApp.core.alerts.open(SHOP_A, {
      kind: 'token_revoked',
      connectionId: connected.connection?.id ?? '',
      label: CANARIES.connection,
      platform: 'RateBridge Sandbox',
    });
    const location = await ok('POST', '/locations', depot(CANARIES.location), 201);
    const packaging = encodeURIComponent(`sku:${CANARIES.sku}`);
    await ok('PUT', `/packaging/${packaging}`, { packages: [box] });
    await ok('PUT', '/packaging-settings/default-box', defaultBox);
    const packed = await ok('POST', '/packaging/boxes', packingBox(CANARIES.box), 201);
    const rules = (JSON.parse((await call(SHOP_A, 'GET', '/rules')).text) as { rules: object }).rules;
    const fallbackRates = [{ code: 'a-flat', name: CANARIES.rate, priceCents: 1234 }];
    await ok('PUT', '/rules', { ...rules, fallbackRates });
    await ok('POST', '/quotes/test', cart);
    await ok('POST', '/carrier-service', undefined);
    expect(fake.shop(SHOP_A).carrierServices.size).toBe(1);
    await ok('POST', '/products/sync', undefined, 202);
    await waitForSync(SHOP_A);
    const log = JSON.parse((await call(SHOP_A, 'GET', '/rate-log')).text) as { entries: { id: string }[] };
    return {
      connection: connected.connection?.id ?? '',
      location: location.location?.id ?? '',
      packaging,
      box: packed.box?.id ?? '',
      rateLog: log.entries[0]?.id ?? '',
    };
  }

  /** A sync still running would move a shop's state under the test. */
  async function waitForSync(shop: string): Promise<void> {
    let state = 'running';
    for (let tries = 0; tries < 200 && state === 'running'; tries++) {
      state = (JSON.parse((await call(shop, 'GET', '/products/sync')).text) as { state: string }).state;
      if (state === 'running') await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(state, `${shop}'s product sync`).toBe('done');
  }

  /** Everything A can read, as A reads it, and A's carrier service as Shopify holds it. */
  async function stateOfA(): Promise<string> {
    const parts: unknown[] = [[...fake.shop(SHOP_A).carrierServices.values()]];
    for (const route of routes.filter((candidate) => candidate.startsWith('GET '))) {
      const path = PROBES[route]?.path?.(ids) ?? route.slice(4);
      const response = await call(SHOP_A, 'GET', path);
      parts.push([route, response.status, response.text]);
    }
    return JSON.stringify(parts);
  }

  it('knows how B attacks every route the Shopify admin serves (a new route needs an entry here)', () => {
    for (const route of ['GET /context', 'GET /carrier-service', 'POST /products/sync', 'GET /rules'])
      expect(routes).toContain(route);
    expect(routes.filter((route) => !(route in PROBES))).toEqual([]);
    expect(Object.keys(PROBES).filter((route) => !routes.includes(route))).toEqual([]);
  });

  it("never shows B anything of A's, answers 404 for A's records, and leaves A's state as it was", async () => {
    for (const id of Object.values(ids)) expect(id).not.toBe('');
    const carrierServiceIdsOfA = [...fake.shop(SHOP_A).carrierServices.keys()];
    expect(carrierServiceIdsOfA).toHaveLength(1);
    const before = await stateOfA();
    expect(before).toContain(carrierServiceIdsOfA[0]);
    // Connector keys and people are the standalone admin's; Shopify's staff are Shopify's.
    const standaloneOnly: string[] = [CANARIES.key, CANARIES.person, CANARIES.invited];
    for (const canary of [...Object.values(CANARIES).filter((c) => !standaloneOnly.includes(c)), SHOP_A])
      expect(before).toContain(canary);

    // Reads first, then writes, deletes last: a delete must not hide what a later read would have leaked.
    const order = (route: string) => (route.startsWith('GET') ? 0 : route.startsWith('DELETE') ? 2 : 1);
    for (const route of [...routes].sort((x, y) => order(x) - order(y))) {
      const probe = PROBES[route];
      if (!probe) continue; // reported by the test above
      const method = route.split(' ')[0] as string;
      const path = probe.path?.(ids) ?? route.slice(method.length + 1);
      const body = probe.csv ?? (probe.body ? JSON.stringify(probe.body(ids)) : undefined);
      const response = await call(SHOP_B, method, path, body, probe.csv ? 'text/csv' : undefined);
      const text = response.text;
      expect(response.status, `${route}: ${text}`).toBeLessThan(500);
      if (probe.expect === 'not-found') {
        expect(response.status, `${route}: ${text}`).toBe(404);
        expect(text, route).toContain('RB_ERR_NOT_FOUND');
      }
      for (const id of [...Object.values(ids), ...carrierServiceIdsOfA])
        expect(text, `${route} shows B the id ${id}`).not.toContain(id);
      const first = B_FIRST_READS[route];
      if (first) expect(JSON.parse(text), route).toMatchObject(first);
      // B's writes name B's things like A's on purpose (and may echo them); its reads come first.
      if (method === 'GET') {
        for (const canary of [...Object.values(CANARIES), SHOP_A, PRODUCT_A])
          expect(text, `${route} shows B something of A's`).not.toContain(canary);
      }
    }
    await waitForSync(SHOP_B);

    expect(await stateOfA()).toBe(before);
  }, 60_000);

  /**
   * One embedded-admin call as `shop` (its own valid session token); the answer as text. Every call also
   * names shop A in the headers and query Shopify's own requests carry, which must not pick the tenant.
   */
  async function call(shop: string, method: string, path: string, body?: string, type = 'application/json') {
    const decoy = `shop=${SHOP_A}`;
    const raw = await fetch(`${appUrl}/shopify/api${path}${path.includes('?') ? '&' : '?'}${decoy}`, {
      method,
      headers: {
        authorization: `Bearer ${fake.mintSessionToken(shop)}`,
        'x-shopify-shop-domain': SHOP_A,
        ...(body === undefined ? {} : { 'content-type': type }),
      },
      ...(body === undefined ? {} : { body }),
    });
    return { status: raw.status, text: await raw.text() };
  }
});
