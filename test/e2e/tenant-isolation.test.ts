/**
 * Tenant isolation, route by route: store A is set up with something of every kind (a freight connection, a
 * location, packaging, rules, a default box, a connector key, a rate log entry, a WooCommerce store, an
 * incident), then store B calls every route of the standalone admin API with A's ids and names. B never
 * sees anything of A's, gets 404 for each of A's records, and A's whole state reads back exactly as before.
 *
 * The routes come from walking the routers server.ts mounts at /admin/api (Express's router stacks), so a
 * route added without an entry in PROBES below fails this test until someone says how B attacks it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { standaloneAdminRouters } from '../../server.js';
import { startAppHarness, type AppHarness, type TenantClient } from '../support/app-harness.js';
import { startFakeWooCommerce, type FakeWooCommerce } from '../fakes/woocommerce/index.js';
import { signInWithLink } from '../support/sign-in.js';
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
  type Probe as CoreProbe,
} from './admin-isolation-probes.js';

/** A's ids, filled in once A is set up; a probe's path uses them in place of `:id` / `:key`. */
interface Ids extends CoreIds {
  connectorKey: string;
  person: string;
  invitation: string;
}
type Probe = CoreProbe<Ids>;

/** How B attacks each route. Keyed `METHOD /path` exactly as the routers declare it. */
const PROBES: Record<string, Probe> = {
  ...CORE_PROBES,
  // The same file for every store: nothing of a tenant's in it.
  'GET /woocommerce/plugin.zip': { expect: 'own' },
  'GET /woocommerce/store': { expect: 'own' },
  'POST /woocommerce/store': { expect: 'own', body: () => undefined },
  // B names A's store (set below once the fake store runs): refused, as it is not B's store.
  'GET /woocommerce/grant-check': { expect: 'own' },
  'GET /woocommerce/sync': { expect: 'own' },
  'POST /woocommerce/sync': { expect: 'own' },
  'GET /connector-keys': { expect: 'own' },
  'POST /connector-keys': { expect: 'own', body: () => ({ name: CANARIES.key }) },
  'POST /connector-keys/:id/revoke': {
    expect: 'not-found',
    path: (ids) => `/connector-keys/${ids.connectorKey}/revoke`,
  },
  // A's people and invitations: B lists its own (none of A's addresses), and cannot touch A's.
  'GET /people': { expect: 'own' },
  'POST /people/invitations': {
    expect: 'own',
    body: () => ({ email: CANARIES.person, role: 'viewer', delivery: 'copy' }),
  },
  'DELETE /people/invitations/:id': {
    expect: 'not-found',
    path: (ids) => `/people/invitations/${ids.invitation}`,
  },
  'PUT /people/:id/role': {
    expect: 'not-found',
    path: (ids) => `/people/${ids.person}/role`,
    body: () => ({ role: 'viewer' }),
  },
  'DELETE /people/:id': { expect: 'not-found', path: (ids) => `/people/${ids.person}` },
};

describe('tenant isolation on every admin route', () => {
  let app: AppHarness;
  let fakeWoo: FakeWooCommerce;
  let a: TenantClient;
  let b: TenantClient;
  let ids: Ids;
  let routes: string[];

  beforeAll(async () => {
    app = await startAppHarness({
      core: { tokens: { attemptLimit: { attempts: 1000, windowMs: 60_000 } } },
    });
    const safePorts = [Number(new URL(app.url).port)];
    fakeWoo = await startFakeWooCommerce({ protocol: 'http', products: 3, safePorts });
    routes = routesOf(standaloneAdminRouters(app.running.serverApp.core, app.running.serverApp.woocommerce));
    a = await app.signIn(`woo:${new URL(fakeWoo.url).host}`);
    b = await app.signIn(`woo:b-${mark}.example.com`);
    ids = await setUpA();
    // B's own connection token, so POST /connections can succeed as B's.
    const tokenB = await app.createSandboxToken(`b-${mark}`);
    PROBES['POST /connections'] = {
      expect: 'own',
      body: () => ({ platform: 'sandbox', environment: 'test', label: CANARIES.connection, token: tokenB }),
    };
    // B asks whether A's store could be connected: an answer about the store's address, nothing of A's.
    PROBES['GET /woocommerce/grant-check'] = {
      expect: 'own',
      path: () => `/woocommerce/grant-check?storeUrl=${encodeURIComponent(fakeWoo.url)}`,
    };
    const keyB = fakeWoo.issueKey();
    PROBES['POST /woocommerce/store'] = {
      expect: 'own',
      body: () => ({
        storeUrl: fakeWoo.url,
        consumerKey: keyB.consumerKey,
        consumerSecret: keyB.consumerSecret,
      }),
    };
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await fakeWoo?.close();
  });

  async function setUpA(): Promise<Ids> {
    const origin = new URL(app.config.publicUrl).origin;
    const ok = async (method: string, path: string, body: unknown, status = 200) => {
      const response = await a.api(method, path, body);
      expect(response.status, `${method} ${path}: ${JSON.stringify(response.body)}`).toBe(status);
      return response.body as Record<string, { id: string }>;
    };
    const token = await app.createSandboxToken(`a-${mark}`);
    const connection = { platform: 'sandbox', environment: 'test', label: CANARIES.connection, token };
    const connected = await ok('POST', '/connections', connection, 201);
    await app.running.serverApp.core.alerts.open(a.tenant, {
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
    const rules = ((await a.api('GET', '/rules')).body as { rules: Record<string, unknown> }).rules;
    const fallbackRates = [{ code: 'a-flat', name: CANARIES.rate, priceCents: 1234 }];
    await ok('PUT', '/rules', { ...rules, fallbackRates });
    await ok('POST', '/quotes/test', cart);
    const log = (await a.api('GET', '/rate-log')).body as { entries: { id: string }[] };
    const key = await ok('POST', '/connector-keys', { name: CANARIES.key }, 201);
    const store = fakeWoo.issueKey();
    const storeBody = {
      storeUrl: fakeWoo.url,
      consumerKey: store.consumerKey,
      consumerSecret: store.consumerSecret,
    };
    await ok('POST', '/woocommerce/store', storeBody, 201);
    // The product sync the connection started must be over, or A's state would move under the test.
    for (let tries = 0; tries < 100; tries++) {
      const sync = (await a.api('GET', '/woocommerce/sync')).body as { sync: { status: string } | null };
      if (sync.sync?.status === 'completed') break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const joined = await ok(
      'POST',
      '/people/invitations',
      { email: CANARIES.person, role: 'admin', delivery: 'copy' },
      201,
    );
    await signInWithLink(
      (joined as unknown as { link: string }).link.replace(app.config.publicUrl, app.url),
      origin,
    );
    const people = (await a.api('GET', '/people')).body as { people: { id: string }[] };
    const open = await ok(
      'POST',
      '/people/invitations',
      { email: CANARIES.invited, role: 'viewer', delivery: 'copy' },
      201,
    );
    return {
      person: people.people[0]?.id ?? '',
      invitation: (open as unknown as { invitation: { id: string } }).invitation.id,
      connection: connected.connection?.id ?? '',
      location: location.location?.id ?? '',
      packaging,
      box: packed.box?.id ?? '',
      rateLog: log.entries[0]?.id ?? '',
      connectorKey: key.key?.id ?? '',
    };
  }

  /** Everything A can read, as A reads it. */
  async function stateOfA(): Promise<string> {
    const reads = routes.filter((route) => route.startsWith('GET '));
    const parts: unknown[] = [];
    for (const route of reads) {
      const probe = PROBES[route];
      const path = probe?.path?.(ids) ?? route.slice(4);
      const response = await call(a, 'GET', path);
      parts.push([route, response.status, response.text]);
    }
    return JSON.stringify(parts);
  }

  it('knows how B attacks every route the routers declare (a new route needs an entry here)', () => {
    expect(routes.length).toBeGreaterThan(30);
    expect(routes.filter((route) => !(route in PROBES))).toEqual([]);
    expect(Object.keys(PROBES).filter((route) => !routes.includes(route))).toEqual([]);
  });

  it("never shows B anything of A's, answers 404 for A's records, and leaves A's state as it was", async () => {
    for (const id of Object.values(ids)) expect(id).not.toBe('');
    const before = await stateOfA();
    for (const canary of Object.values(CANARIES)) expect(before).toContain(canary);

    // Reads first, then writes, deletes last: a delete must not hide what a later read would have leaked.
    const order = (route: string) => (route.startsWith('GET') ? 0 : route.startsWith('DELETE') ? 2 : 1);
    for (const route of [...routes].sort((x, y) => order(x) - order(y))) {
      const probe = PROBES[route];
      if (!probe) continue; // reported by the test above
      const method = route.split(' ')[0] as string;
      const path = probe.path?.(ids) ?? route.slice(method.length + 1);
      const response = await call(b, method, path, probe);
      const text = response.text;
      expect(response.status, `${route}: ${text}`).toBeLessThan(500);
      if (probe.expect === 'not-found') {
        expect(response.status, `${route}: ${text}`).toBe(404);
        expect(text, route).toContain('RB_ERR_NOT_FOUND');
      }
      for (const id of [
        ids.connection,
        ids.location,
        ids.rateLog,
        ids.connectorKey,
        ids.person,
        ids.invitation,
      ])
        expect(text.includes(id) && probe.expect === 'own', `${route} shows B the id ${id}`).toBe(false);
      // B's writes name B's things like A's on purpose (and may echo them); its reads come first.
      if (method === 'GET') expectNoCanaryOfA(route, text);
    }

    expect(await stateOfA()).toBe(before);
  }, 60_000);

  /** B's reads run before B has created anything, so no name of A's may be in them at all. */
  function expectNoCanaryOfA(route: string, text: string): void {
    for (const [kind, canary] of Object.entries(CANARIES)) {
      expect(text, `${route} shows B A's ${kind}`).not.toContain(canary);
    }
  }

  /** One admin call as `client`; the answer as text (JSON, or the CSV export). */
  async function call(client: TenantClient, method: string, path: string, probe?: Probe) {
    const body = probe?.csv ?? (probe?.body ? JSON.stringify(probe.body(ids)) : undefined);
    const type = probe?.csv ? 'text/csv' : 'application/json';
    const raw = await fetch(`${app.url}/admin/api${path}`, {
      method,
      headers: {
        cookie: client.cookie,
        origin: new URL(app.config.publicUrl).origin,
        ...(body === undefined ? {} : { 'content-type': type }),
      },
      ...(body === undefined ? {} : { body }),
    });
    return { status: raw.status, text: await raw.text() };
  }
});
