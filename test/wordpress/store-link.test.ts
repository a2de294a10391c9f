/**
 * The store link against a real WordPress 6.8 + WooCommerce 9.9: RateBridge behind an https front whose
 * certificate a local CA signed (the CA added to WordPress's own bundle, as a public one already is) connects
 * the store through WooCommerce's real key grant (the authorize page, approval by a signed-in admin, keys
 * posted to the callback over TLS by WordPress's safe HTTP), syncs its products over the REST API (OAuth 1.0a,
 * the store being on http), has the plugin register the product webhooks when the merchant saves its
 * settings (the granted key is read-only), and receives a product edit once Action Scheduler runs the delivery.
 *
 * It also holds the real store to the rules the fake WooCommerce (test/fakes/woocommerce/) keeps, where that
 * is cheap here: over plain http only OAuth 1.0a counts (Basic and query-string keys, and any key under
 * ?rest_route=, meet a visitor's 401), per_page stops at 100, a page past the last is an empty 200, a nonce
 * works once; two edits before Action Scheduler runs give one delivery, a trashed product sends
 * product.deleted with only its id, and a product deleted for good before its delivery sends REST's 404 body.
 *
 * One test-only concession, said where it is made: WordPress's safe HTTP reaches only ports 80, 443 and 8080,
 * and the test's RateBridge listens on a port of its own, so that port is allowed (php/ratebridge-test-site.php).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startWooTestApp,
  type AdminClient,
  type WooTestApp,
} from '../woocommerce-bridge/woocommerce-test-app.js';
import { signedUrl } from '../fakes/woocommerce-rules/oauth-signer.js';
import { decodeEntities } from './browser-session.js';
import { makeLocalCa } from './local-ca.js';
import { startRecordingBridge, type RecordingBridge } from './recording-bridge.js';
import { probeWordPress } from './wordpress-probe.js';
import { startWordPressSite, type WordPressSite } from './wordpress-site.js';
import { WpAdmin } from './wp-admin.js';

const wordpress = await probeWordPress();

const PRODUCTS = [
  {
    name: 'Dining chair',
    sku: 'CHAIR-01',
    price: '120.00',
    weight: '7.5',
    length: '60',
    width: '55',
    height: '90',
  },
  {
    name: 'Desk lamp',
    sku: 'LAMP-02',
    price: '45.00',
    weight: '1.2',
    length: '30',
    width: '30',
    height: '50',
  },
];
const SAVED = 'Your settings have been saved.';

interface StoreView {
  store: {
    status: string;
    auth: string | null;
    units: { weight: string; dimension: string } | null;
    webhooks: { status: string } | null;
  };
}
interface SyncView {
  sync: { status: string; done: number; total: number | null; counts: Record<string, number> } | null;
}
interface ProfileView {
  profile: {
    packages: { type: string; lengthCm: number; widthCm: number; heightCm: number; weightKg: number }[];
  };
}

/** A RateBridge behind its own https front (PUBLIC_URL names the front). */
async function frontedRateBridge(tls: {
  cert: string;
  key: string;
}): Promise<{ front: RecordingBridge; app: WooTestApp }> {
  const front = await startRecordingBridge({ tls });
  const app = await startWooTestApp({ publicUrl: front.url });
  front.forwardTo(app.url);
  return { front, app };
}

/**
 * The store's merchant, signed in to `app`, starts the key grant there and follows its link to the store,
 * where the signed-in store admin approves; returns WooCommerce's answer and the merchant's admin.
 */
async function approveGrant(app: WooTestApp, site: WordPressSite, admin: WpAdmin) {
  const merchant = await app.signIn(`woo:${new URL(site.url).host}`);
  const connect = await app.fetch(`/woocommerce/connect?store_url=${encodeURIComponent(site.url)}`, {
    headers: { cookie: merchant.cookie },
  });
  expect(connect.status).toBe(200);
  const continueTo = /id="continue" href="([^"]+)"/.exec(await connect.text())?.[1] ?? '';
  const authorize = decodeEntities(continueTo);
  expect(authorize.startsWith(`${site.url}/wc-auth/v1/authorize?`)).toBe(true);
  const page = await admin.session.request(authorize);
  expect(page.status).toBe(200);
  expect(page.text).toContain('RateBridge');
  const approve = /<a href="([^"]+)" class="button button-primary wc-auth-approve"/.exec(page.text)?.[1];
  expect(approve).toBeDefined();
  const granted = await admin.session.request(decodeEntities(approve!));
  return { granted, merchant, grantCookie: (connect.headers.get('set-cookie') ?? '').split(';')[0] ?? '' };
}

describe.skipIf(!wordpress.ok)('the store link with a real WordPress + WooCommerce', () => {
  let front: RecordingBridge;
  let bridge: WooTestApp;
  let site: WordPressSite;
  let admin: WpAdmin;
  let merchant: AdminClient;
  // Two RateBridges WooCommerce will not deliver keys to: one whose certificate is not in WordPress's
  // bundle (on a port it may reach), one on a port its safe HTTP does not reach (with a trusted certificate).
  let untrusted: Awaited<ReturnType<typeof frontedRateBridge>>;
  let unsafePort: Awaited<ReturnType<typeof frontedRateBridge>>;

  beforeAll(async () => {
    const [ca, strangerCa] = await Promise.all([makeLocalCa(), makeLocalCa()]);
    const tls = { cert: ca.cert, key: ca.key };
    let fronted: Awaited<ReturnType<typeof frontedRateBridge>>;
    [fronted, untrusted, unsafePort] = await Promise.all([
      frontedRateBridge(tls),
      frontedRateBridge({ cert: strangerCa.cert, key: strangerCa.key }),
      frontedRateBridge(tls),
    ]);
    ({ front, app: bridge } = fronted);
    site = await startWordPressSite({
      hpos: true,
      fallbackLabel: 'Standard freight',
      fallbackCost: '19.95',
      products: PRODUCTS,
      trustCa: ca.ca,
      safePorts: [front, untrusted.front].map((door) => Number(new URL(door.url).port)),
    });
    admin = await WpAdmin.signIn(site);
  }, 180_000);
  afterAll(async () => {
    await site?.close();
    for (const rateBridge of [{ front, app: bridge }, untrusted, unsafePort]) {
      await rateBridge?.app?.close();
      await rateBridge?.front?.close();
    }
  }, 60_000);

  it("strands the merchant on WooCommerce's own error page when the callback is not on a safe port or its certificate is not trusted", async () => {
    for (const [refused, reason] of [
      [untrusted, /SSL certificate problem/],
      [unsafePort, /A valid URL was not provided/],
    ] as const) {
      const { granted } = await approveGrant(refused.app, site, admin);
      expect(granted.status).toBe(401);
      expect(granted.text).toContain('Access denied');
      expect(decodeEntities(granted.text)).toMatch(reason);
      // No way back to RateBridge, and no keys reached it.
      expect(granted.headers.get('location')).toBeNull();
      expect(refused.front.callsTo('/woocommerce/auth-callback')).toEqual([]);
    }
  }, 120_000);

  it("connects through WooCommerce's own key grant and syncs the store's products", async () => {
    // The signed-in store admin sees WooCommerce's approval page and approves.
    const approval = await approveGrant(bridge, site, admin);
    const { granted, grantCookie } = approval;
    expect(granted.status).toBe(302);
    const returnUrl = granted.headers.get('location') ?? '';
    expect(returnUrl.startsWith(`${front.url}/woocommerce/connected?`)).toBe(true);
    expect(new URL(returnUrl).searchParams.get('success')).toBe('1');
    // WooCommerce posted the keys to the callback over TLS, verified against its own CA bundle.
    const callbacks = front.callsTo('/woocommerce/auth-callback');
    expect(callbacks).toHaveLength(1);
    expect(JSON.parse(callbacks[0]!.body)).toMatchObject({ key_permissions: 'read' });

    const back = await bridge.fetch(returnUrl.replace(front.url, bridge.url), {
      headers: { cookie: grantCookie },
    });
    expect(back.status).toBe(303);
    expect(back.headers.get('location')).toBe('/admin/');
    merchant = approval.merchant;

    const view = (await merchant.api('GET', '/woocommerce/store')).body as StoreView;
    expect(view.store).toMatchObject({
      status: 'connected',
      auth: 'oauth1',
      units: { weight: 'kg', dimension: 'cm' },
    });

    const sync = await eventually(async () => {
      const state = ((await merchant.api('GET', '/woocommerce/sync')).body as SyncView).sync;
      return state && state.status !== 'running' ? state : undefined;
    }, 60_000);
    expect(sync).toMatchObject({ status: 'completed', total: 2, done: 2 });
    const chair = await profile(merchant, site.products['CHAIR-01']!);
    expect(chair.packages).toEqual([
      expect.objectContaining({ type: 'carton', lengthCm: 60, widthCm: 55, heightCm: 90, weightKg: 7.5 }),
    ]);
  }, 120_000);

  it('saving the plugin settings registers the product webhooks; an edit arrives once Action Scheduler runs', async () => {
    const created = (await merchant.api('POST', '/connector-keys', { name: 'WordPress' })).body as {
      key: { id: string };
      secret: string;
    };
    const saved = await admin.saveConnection({
      bridgeUrl: front.url,
      keyId: created.key.id,
      keySecret: created.secret,
      timeout: '3',
    });
    expect(saved.notices).toContain(SAVED);
    expect(saved.notices.filter((notice) => notice.startsWith('RateBridge:'))).toEqual([]);
    const view = (await merchant.api('GET', '/woocommerce/store')).body as StoreView;
    expect(view.store.webhooks?.status).toBe('plugin');
    // WooCommerce pinged each new webhook (unsigned, `webhook_id=N`), through the https front.
    const pings = front.calls.filter((call) => call.path.startsWith('/woocommerce/webhooks/'));
    expect(pings.map((call) => call.body)).toEqual([
      expect.stringMatching(/^webhook_id=\d+$/),
      expect.stringMatching(/^webhook_id=\d+$/),
      expect.stringMatching(/^webhook_id=\d+$/),
    ]);

    const chairId = site.products['CHAIR-01']!;
    const edit = await site.run<{ pending_deliveries: number }>('edit-product', {
      id: chairId,
      weight: '8.25',
    });
    expect(edit.pending_deliveries).toBeGreaterThanOrEqual(1);
    // Nothing is delivered until Action Scheduler runs.
    expect((await profile(merchant, chairId)).packages[0]?.weightKg).toBe(7.5);

    const queue = await site.run<{ ran: number }>('queue');
    expect(queue.ran).toBeGreaterThanOrEqual(1);
    const deliveries = front.calls.filter(
      (call) =>
        call.path.startsWith('/woocommerce/webhooks/') &&
        call.headers['x-wc-webhook-topic'] === 'product.updated',
    );
    expect(deliveries.length).toBeGreaterThanOrEqual(1);
    expect(deliveries[0]!.headers['user-agent']).toMatch(
      /^WooCommerce\/9\.9\.5 Hookshot \(WordPress\/6\.8\.8\)$/,
    );
    expect(deliveries[0]!.headers['x-wc-webhook-signature']).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect((await profile(merchant, chairId)).packages[0]?.weightKg).toBe(8.25);
  }, 120_000);

  it("reads units switched in WooCommerce at the next sync, with WooCommerce's own factors", async () => {
    await site.run('set-units', { weight: 'lbs', dimension: 'in' });
    expect((await merchant.api('POST', '/woocommerce/sync')).status).toBe(202);
    await eventually(async () => {
      const state = ((await merchant.api('GET', '/woocommerce/sync')).body as SyncView).sync;
      return state?.status === 'completed' ? state : undefined;
    }, 60_000);
    const view = (await merchant.api('GET', '/woocommerce/store')).body as StoreView;
    expect(view.store.units).toEqual({ weight: 'lbs', dimension: 'in' });
    // The chair's 8.25 and 60 now mean lbs and inches: 8.25 × 0.453592 kg and 60 × 2.54 cm.
    const chair = await profile(merchant, site.products['CHAIR-01']!);
    expect(chair.packages[0]).toMatchObject({ lengthCm: 152.4, weightKg: 3.742134 });
  }, 120_000);

  it('over plain http honours keys only by OAuth 1.0a under /wp-json/wc/, and pages as the fake does', async () => {
    const granted = JSON.parse(front.callsTo('/woocommerce/auth-callback')[0]!.body) as {
      consumer_key: string;
      consumer_secret: string;
    };
    const products = `${site.url}/wp-json/wc/v3/products`;
    const get = async (url: string, headers: Record<string, string> = {}) => {
      const response = await fetch(url, { headers, redirect: 'manual' });
      return { status: response.status, headers: response.headers, body: (await response.json()) as unknown };
    };
    const basic = `Basic ${Buffer.from(`${granted.consumer_key}:${granted.consumer_secret}`).toString('base64')}`;
    const visitor = { status: 401, body: expect.objectContaining({ code: 'woocommerce_rest_cannot_view' }) };
    expect(await get(products, { authorization: basic })).toMatchObject(visitor);
    expect(
      await get(
        `${products}?consumer_key=${granted.consumer_key}&consumer_secret=${granted.consumer_secret}`,
      ),
    ).toMatchObject(visitor);
    const signed = (url: string) =>
      signedUrl(url, { consumerKey: granted.consumer_key, consumerSecret: granted.consumer_secret });
    const tooMany = await get(signed(`${products}?per_page=101`));
    expect(tooMany).toMatchObject({
      status: 400,
      body: { code: 'rest_invalid_param', data: { status: 400, params: { per_page: expect.any(String) } } },
    });
    const once = signed(`${products}?per_page=10&page=9`);
    const past = await get(once);
    expect([past.status, past.body, past.headers.get('x-wp-total')]).toEqual([200, [], '2']);
    expect((await get(once)).body).toMatchObject({ message: 'Invalid nonce - nonce has already been used.' });
    // ?rest_route= never meets WooCommerce's key authentication.
    expect(await get(signed(`${site.url}/?rest_route=/wc/v3/products`))).toMatchObject(visitor);
  }, 60_000);

  it('queues one delivery per product, builds it when it runs, and sends product.deleted on trash only', async () => {
    const [chairId, lampId] = [site.products['CHAIR-01']!, site.products['LAMP-02']!];
    const sent = () => front.calls.filter((call) => call.headers['x-wc-webhook-topic'] !== undefined);
    const before = sent().length;
    await site.run('edit-product', { id: lampId, weight: '1.3' });
    const twice = await site.run<{ pending_deliveries: number }>('edit-product', {
      id: lampId,
      weight: '1.4',
    });
    expect(twice.pending_deliveries).toBe(1);
    // Deleted for good before Action Scheduler runs: the delivery carries REST's answer for a missing product.
    expect(
      (await site.run<{ pending_deliveries: number }>('delete-product', { id: lampId })).pending_deliveries,
    ).toBe(1);
    await site.run('trash-product', { id: chairId });
    await site.run('queue');
    // One product.updated (the two edits), built after the deletion; the trash sends product.deleted alone;
    // the deletion for good sends nothing.
    expect(
      sent()
        .slice(before)
        .map((call) => [call.headers['x-wc-webhook-topic'], JSON.parse(call.body) as unknown]),
    ).toEqual([
      [
        'product.updated',
        { code: 'woocommerce_rest_product_invalid_id', message: 'Invalid ID.', data: { status: 404 } },
      ],
      ['product.deleted', { id: chairId }],
    ]);
  }, 120_000);

  it('answers those deliveries 200 (WooCommerce counts no failure) and forgets both products', async () => {
    const [chairId, lampId] = [site.products['CHAIR-01']!, site.products['LAMP-02']!];
    const { webhooks } = await site.run<{
      webhooks: { topic: string; status: string; failure_count: number }[];
    }>('webhooks');
    for (const webhook of webhooks) expect(webhook).toMatchObject({ status: 'active', failure_count: 0 });
    // The trashed chair at once; the lamp, deleted before delivery, by the sync that delivery started.
    await eventually(async () => {
      const gone = await Promise.all(
        [chairId, lampId].map(
          async (id) =>
            (await merchant.api('GET', `/packaging/${encodeURIComponent(`variant:${id}`)}`)).status === 404,
        ),
      );
      return gone.every(Boolean) ? true : undefined;
    }, 60_000);
    const report = (await merchant.api('GET', '/packaging/missing-dimensions')).body as { total: number };
    expect(report.total).toBe(0);
  }, 120_000);

  it('wrote no PHP warning, notice or deprecation from the plugin to debug.log', async () => {
    const entries = await site.debugLog();
    expect(entries.filter((entry) => /ratebridge-shipping|RateBridge_|PHP Fatal error/i.test(entry))).toEqual(
      [],
    );
  });
});

async function profile(merchant: AdminClient, productId: number): Promise<ProfileView['profile']> {
  const answer = await merchant.api('GET', `/packaging/${encodeURIComponent(`variant:${productId}`)}`);
  expect(answer.status).toBe(200);
  return (answer.body as ProfileView).profile;
}

async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
