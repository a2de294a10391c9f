/**
 * A WooCommerce merchant's story end to end, over real sockets, on Redis: connect the store through
 * WooCommerce's key grant (a read-only key), watch 1,000 products sync, let the plugin register the product
 * webhooks in WordPress and see a product edit arrive through them, get live rates for a cart through a
 * request signed exactly as the plugin signs it, then revoke the connector key and see the bridge refuse it with a coded
 * 401 (the plugin's fallback rate on that answer is tested on the PHP side).
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeRedis } from '../support/redis.js';
import { pluginHeaders } from '../woocommerce-bridge/plugin-signing.js';
import {
  startWooTestApp,
  type AdminClient,
  type WooTestApp,
} from '../woocommerce-bridge/woocommerce-test-app.js';
import type { SyncResponse as SyncBody } from '../../core/wire/admin-api-types.js';
import { decodeEntities } from '../wordpress/browser-session.js';
import { startFakeWooCommerce, type FakeWooCommerce } from '../fakes/woocommerce/index.js';

const redis = await probeRedis();
const CONSUMER_SECRET_CANARY = `cs_canary${'7'.repeat(32)}`;

describe.skipIf(!redis.ok)('WooCommerce merchant story (Redis store)', () => {
  let fake: FakeWooCommerce;
  let app: WooTestApp;

  beforeAll(async () => {
    // RateBridge behind an https front, as WooCommerce posts granted keys to https callbacks only.
    app = await startWooTestApp({ store: 'redis', httpsFront: true });
    fake = await startFakeWooCommerce({
      products: 1000,
      weightUnit: 'lbs',
      dimensionUnit: 'in',
      latencyMs: 10,
      consumerSecret: () => CONSUMER_SECRET_CANARY,
      trustedCa: app.frontCa,
      safePorts: app.safePorts,
    });
  });
  afterAll(async () => {
    await app?.close();
    await fake?.close();
  });

  it('connects through the key grant, syncs 1,000 products, quotes live for the plugin and refuses a revoked key', async () => {
    // 1. The merchant, signed in to RateBridge, starts there and is shown the way to their store's key grant.
    const merchant = await app.signIn(`woo:${new URL(fake.url).host}`);
    const connect = await app.fetch(`/woocommerce/connect?store_url=${encodeURIComponent(fake.url)}`, {
      headers: { cookie: merchant.cookie },
    });
    expect(connect.status).toBe(200);
    const continueTo = /id="continue" href="([^"]+)"/.exec(await connect.text())?.[1] ?? '';
    const authorize = new URL(continueTo.replaceAll('&amp;', '&'));
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${fake.url}/wc-auth/v1/authorize`);
    expect(authorize.searchParams.get('app_name')).toBe('RateBridge');
    expect(authorize.searchParams.get('scope')).toBe('read');
    expect(authorize.searchParams.get('callback_url')).toBe(
      `${app.config.publicUrl}/woocommerce/auth-callback`,
    );
    expect(authorize.searchParams.get('return_url')).toMatch(
      new RegExp(`^${app.config.publicUrl}/woocommerce/connected\\?state=`),
    );
    const grantCookie = (connect.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(grantCookie).toMatch(/^rb_woo_grant=/);

    // 2. The store admin, signed in to wp-admin, approves: WooCommerce posts the keys to the callback, then
    // sends the browser back.
    const storeAdmin = fake.signIn();
    const page = await storeAdmin.fetch(authorize.href);
    expect(page.status).toBe(200);
    const approve =
      /<a href="([^"]+)" class="button button-primary wc-auth-approve"/.exec(page.text)?.[1] ?? '';
    const granted = await storeAdmin.fetch(decodeEntities(approve));
    expect(granted.status).toBe(302);
    const returnUrl = String(granted.headers.location);
    expect(returnUrl).toContain('success=1');

    // 3. The return page leads back to the admin, once the store accepted the keys.
    const back = await app.fetch(returnUrl, { headers: { cookie: grantCookie } });
    expect(back.status).toBe(303);
    expect(back.headers.get('location')).toBe('/admin/');
    const again = await app.fetch(returnUrl, { headers: { cookie: grantCookie } });
    expect(again.status).toBe(401);

    const storeView = (await merchant.api('GET', '/woocommerce/store')).body as {
      store: {
        status: string;
        auth: string;
        units: unknown;
        keyHint: string;
        webhooks: { status: string } | null;
      };
    };
    expect(storeView.store).toMatchObject({
      status: 'connected',
      auth: 'header',
      units: { weight: 'lbs', dimension: 'in' },
    });

    // 4. The first full sync starts by itself; its progress is visible while it runs.
    const seen = await watchSync(merchant);
    const final = seen.at(-1);
    expect(final?.status).toBe('completed');
    expect(final?.total).toBe(1000);
    expect(final?.done).toBe(1000);
    expect(seen.some((state) => state.done > 0 && state.done < 1000)).toBe(true);
    const expected = expectedCatalog(fake);
    expect(final?.variations).toBe(expected.variations);
    expect(final?.counts.recorded).toBe(expected.shippable);
    expect(final?.counts.created).toBe(expected.boxed);

    // Exact conversion with WooCommerce's factors: 5.5 in is 13.97 cm and 2.5 lbs is 1.13398 kg (0.453592 a lb), no float noise.
    const sample = [...fake.products.values()].find(
      (product) =>
        product.type === 'simple' && product.weight === '2.5' && product.dimensions.length === '5.5',
    );
    expect(sample).toBeDefined();
    const profile = (await merchant.api('GET', `/packaging/${encodeURIComponent(`variant:${sample!.id}`)}`))
      .body as {
      profile: { packages: { type: string; lengthCm: number; weightKg: number }[] };
    };
    expect(profile.profile.packages[0]).toMatchObject({
      type: 'carton',
      lengthCm: 13.97,
      weightKg: 1.13398,
    });
    // The granted key is read-only, so WooCommerce would refuse us the webhooks: the plugin registers them.
    const awaiting = await eventually(async () => {
      const view = (await merchant.api('GET', '/woocommerce/store')).body as typeof storeView;
      return view.store.webhooks?.status === 'awaiting_plugin' ? view.store.webhooks : undefined;
    });
    expect(awaiting).toMatchObject({ status: 'awaiting_plugin', topics: [] });
    expect(fake.keys.at(-1)?.permissions).toBe('read');
    expect(fake.requests.filter((r) => r.method === 'POST' && r.route === 'webhooks')).toEqual([]);

    // 5. Freight: a sandbox platform token and a pickup location, through the admin API.
    const token = await sandboxToken(app, 'woo-story');
    expect(
      (
        await merchant.api('POST', '/connections', {
          platform: 'sandbox',
          environment: 'test',
          label: 'Sandbox',
          token,
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await merchant.api('POST', '/locations', {
          name: 'Sydney DC',
          suburb: 'Sydney',
          postcode: '2000',
          state: 'NSW',
        })
      ).status,
    ).toBe(201);

    // 6. A connector key for the plugin, and a checkout's signed rate request.
    const created = (await merchant.api('POST', '/connector-keys', { name: 'Main store' })).body as {
      key: { id: string };
      secret: string;
    };
    // The plugin's settings are saved: it sends the secret it generated and saves the three webhooks in
    // WordPress with the delivery URL it is given; WooCommerce pings each one.
    /** A POST signed with the connector key, exactly as the plugin signs it. */
    const asPlugin = (path: string, body: string) =>
      app.fetch(path, { method: 'POST', headers: pluginHeaders(created.key.id, created.secret, body), body });
    const webhookSecret = randomBytes(32).toString('base64url');
    const offer = JSON.stringify({
      action: 'register_webhooks',
      secret: webhookSecret,
      request_id: 'a1b2c3d4e5f60718',
    });
    const setup = await asPlugin('/woocommerce/webhook-setup', offer);
    expect(setup.status).toBe(200);
    const setupText = await setup.text();
    expect(setupText).not.toContain(webhookSecret);
    const where = JSON.parse(setupText) as { registered_by: string; delivery_url: string; topics: string[] };
    expect(where).toMatchObject({
      registered_by: 'plugin',
      delivery_url: expect.stringMatching(new RegExp(`^${app.config.publicUrl}/woocommerce/webhooks/wh_`)),
      topics: ['product.created', 'product.updated', 'product.deleted'],
    });
    for (const topic of where.topics) {
      const saved = await fake.addWordPressWebhook({
        name: `RateBridge ${topic}`,
        topic,
        deliveryUrl: where.delivery_url,
        secret: webhookSecret,
      });
      expect(saved.pingStatus).toBe(200);
    }
    const registered = (await merchant.api('GET', '/woocommerce/store')).body as typeof storeView;
    expect(registered.store.webhooks?.status).toBe('plugin');
    // A product edited in WooCommerce reaches the catalog through those webhooks, signed with that secret.
    fake.updateProduct(sample!.id, { weight: '4' });
    const [delivery] = await fake.runScheduledActions();
    expect(delivery).toMatchObject({ status: 200, body: { result: 'applied' } });
    const reweighed = (await merchant.api('GET', `/packaging/${encodeURIComponent(`variant:${sample!.id}`)}`))
      .body as { profile: { packages: { weightKg: number }[] } };
    // 4 lbs at WooCommerce's 0.453592 kg a lb.
    expect(reweighed.profile.packages[0]?.weightKg).toBe(1.814368);

    const variation = [...fake.products.values()].find((product) => product.type === 'variation')!;
    const cart = JSON.stringify({
      currency: 'AUD',
      units: { weight: 'lbs', dimension: 'in' },
      package: {
        destination: {
          country: 'AU',
          state: 'VIC',
          postcode: '3000',
          city: 'Melbourne',
          address_1: '1 Collins St',
          address_2: null,
        },
        contents: [
          {
            product_id: sample!.id,
            variation_id: 0,
            sku: sample!.sku,
            quantity: '2',
            line_total: '79.90',
            weight: '2.5',
            length: sample!.dimensions.length,
            width: sample!.dimensions.width,
            height: sample!.dimensions.height,
          },
          {
            product_id: variation.parentId,
            variation_id: variation.id,
            sku: null,
            quantity: 1,
            line_total: 19.95,
            weight: '3',
            length: '',
            width: '',
            height: '',
          },
        ],
      },
    });
    const rates = await asPlugin('/woocommerce/rates', cart);
    expect(rates.status).toBe(200);
    const answer = (await rates.json()) as {
      rates: { id: string; label: string; cost: string; meta_data: { ratebridge_source: string } }[];
    };
    expect(answer.rates.length).toBeGreaterThan(0);
    for (const rate of answer.rates) {
      expect(rate.cost).toMatch(/^\d+\.\d{2}$/);
      expect(rate.meta_data.ratebridge_source).toBe('live');
    }

    // 7. The merchant revokes the key: the next request is refused at once, with a coded 401.
    expect((await merchant.api('POST', `/connector-keys/${created.key.id}/revoke`)).status).toBe(200);
    const refused = await asPlugin('/woocommerce/rates', cart);
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('RB_ERR_UNAUTHENTICATED');

    // Secrets stayed secret: the store's consumer secret and the connector secret are in no log line.
    expect(app.logs()).not.toContain(CONSUMER_SECRET_CANARY);
    expect(app.logs()).not.toContain(created.secret);
    expect(app.logs()).not.toContain(webhookSecret);
  });
});

async function watchSync(merchant: AdminClient): Promise<NonNullable<SyncBody['sync']>[]> {
  const seen: NonNullable<SyncBody['sync']>[] = [];
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const { sync } = (await merchant.api('GET', '/woocommerce/sync')).body as SyncBody;
    if (sync) {
      seen.push(sync);
      if (sync.status !== 'running') return seen;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('the sync did not finish within a minute');
}

async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** What the catalog should hold after a full sync of the fake store. */
function expectedCatalog(fake: FakeWooCommerce): { shippable: number; variations: number; boxed: number } {
  let shippable = 0;
  let variations = 0;
  let boxed = 0;
  for (const product of fake.products.values()) {
    if (product.type === 'variable' || product.virtual) continue;
    const parent = product.parentId ? fake.products.get(product.parentId) : undefined;
    if (product.type === 'variation') variations += 1;
    shippable += 1;
    const weight = product.weight || parent?.weight || '';
    const length = product.dimensions.length || parent?.dimensions.length || '';
    if (weight !== '' && Number(weight) > 0 && length !== '') boxed += 1;
  }
  return { shippable, variations, boxed };
}

async function sandboxToken(app: WooTestApp, name: string): Promise<string> {
  const response = await fetch(`${app.sandbox.url}/api-tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, environment: 'test' }),
  });
  if (response.status !== 201) throw new Error(`sandbox token: ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}
