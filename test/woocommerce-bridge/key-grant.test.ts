/**
 * WooCommerce's key grant against the fake store over real sockets, the ways it goes wrong: a denied
 * grant, a forged or replayed callback, keys the store does not accept, a return page opened in another
 * browser. Only a signed-in merchant starts one, and its return page leads on only once the store itself
 * accepted the keys the callback delivered.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeWooCommerce, type FakeWooCommerce } from '../fakes/woocommerce/index.js';
import { decodeEntities } from '../wordpress/browser-session.js';
import { startWooTestApp, type WooTestApp } from './woocommerce-test-app.js';
import type { ErrorBody } from '../../core/wire/admin-api-types.js';

describe('the WooCommerce key grant', () => {
  let app: WooTestApp;
  const fakes: FakeWooCommerce[] = [];

  const store = async (options: Parameters<typeof startFakeWooCommerce>[0] = {}) => {
    const fake = await startFakeWooCommerce({
      products: 5,
      trustedCa: app.frontCa,
      safePorts: app.safePorts,
      ...options,
    });
    fakes.push(fake);
    return fake;
  };
  /** The store's merchant, signed in, opens GET /woocommerce/connect: the authorize URL, its state and the grant cookie. */
  const begin = async (fake: FakeWooCommerce) => {
    const merchant = await app.signIn(`woo:${new URL(fake.url).host}`);
    const response = await app.fetch(`/woocommerce/connect?store_url=${encodeURIComponent(`${fake.url}/`)}`, {
      headers: { cookie: merchant.cookie },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('location')).toBeNull();
    const href = /id="continue" href="([^"]+)"/.exec(await response.text())?.[1] ?? '';
    const authorize = new URL(href.replaceAll('&amp;', '&'));
    return {
      merchant,
      authorize,
      state: authorize.searchParams.get('user_id') ?? '',
      cookie: (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '',
    };
  };
  /** The store admin, signed in to wp-admin, opens the authorize URL: the page's "Approve" or "Deny" link. */
  const grantLink = async (fake: FakeWooCommerce, authorize: URL, button: 'approve' | 'deny') => {
    const storeAdmin = fake.signIn();
    const page = await storeAdmin.fetch(authorize.href);
    expect(page.status).toBe(200);
    const link = new RegExp(`<a href="([^"]+)" class="button[a-z -]* wc-auth-${button}"`).exec(
      page.text,
    )?.[1];
    expect(link).toBeDefined();
    return { storeAdmin, link: decodeEntities(link ?? '') };
  };
  const approve = async (fake: FakeWooCommerce, authorize: URL) => {
    const { storeAdmin, link } = await grantLink(fake, authorize, 'approve');
    return storeAdmin.fetch(link);
  };
  const callback = (body: unknown) =>
    app.fetch('/woocommerce/auth-callback', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    app = await startWooTestApp({ bridge: { connectedWaitMs: 3000 }, httpsFront: true });
  });
  afterAll(async () => {
    await app.close();
    for (const fake of fakes) await fake.close();
  });

  it('connects a host that strips the Authorization header, on query-string auth', async () => {
    const fake = await store({ stripAuthorizationHeader: true });
    const { authorize, cookie, merchant } = await begin(fake);
    const granted = await approve(fake, authorize);
    expect(granted.status).toBe(302);
    const back = await app.fetch(String(granted.headers.location), { headers: { cookie } });
    expect(back.status).toBe(303);
    expect(back.headers.get('location')).toBe('/admin/');
    expect(
      ((await merchant.api('GET', '/woocommerce/store')).body as { store: { auth: string } }).store.auth,
    ).toBe('query');
  });

  it('leads nowhere when the store denied the grant', async () => {
    const fake = await store();
    const { authorize, cookie } = await begin(fake);
    // WooCommerce's Deny button is a plain link to the return_url with success=0.
    const { link } = await grantLink(fake, authorize, 'deny');
    expect(new URL(link).searchParams.get('success')).toBe('0');
    const back = await app.fetch(link, { headers: { cookie } });
    expect([back.status, ((await back.json()) as ErrorBody).error.code]).toEqual([
      403,
      'RB_ERR_GRANT_DENIED',
    ]);
  });

  it('refuses a callback with a forged or expired state, and a second callback for one state', async () => {
    const fake = await store();
    const { authorize, state } = await begin(fake);
    const keys = {
      key_id: 1,
      consumer_key: `ck_${'a'.repeat(40)}`,
      consumer_secret: `cs_${'b'.repeat(40)}`,
      key_permissions: 'read',
    };
    const forged = await callback({ ...keys, user_id: `${state.slice(0, -4)}AAAA` });
    expect([forged.status, ((await forged.json()) as ErrorBody).error.code]).toEqual([
      401,
      'RB_ERR_GRANT_EXPIRED',
    ]);
    expect((await approve(fake, authorize)).status).toBe(302);
    const replayed = await callback({ ...keys, user_id: state });
    expect([replayed.status, ((await replayed.json()) as ErrorBody).error.code]).toEqual([
      401,
      'RB_ERR_SIGNATURE_REPLAYED',
    ]);
    const malformed = await callback({ user_id: state });
    expect(malformed.status).toBe(400);
  });

  it('leads nowhere on keys the store does not accept, whoever posted them', async () => {
    const fake = await store();
    const { authorize, state, cookie, merchant } = await begin(fake);
    // Someone who saw the state posts made-up keys before the store does.
    const posted = await callback({
      key_id: 9,
      user_id: state,
      consumer_key: `ck_${'c'.repeat(40)}`,
      consumer_secret: `cs_${'d'.repeat(40)}`,
      key_permissions: 'read',
    });
    expect(posted.status).toBe(200);
    const returnUrl = authorize.searchParams.get('return_url') ?? '';
    const back = await app.fetch(`${returnUrl}&success=1&user_id=${state}`, { headers: { cookie } });
    expect([back.status, ((await back.json()) as ErrorBody).error.code]).toEqual([
      422,
      'RB_ERR_STORE_KEY_REJECTED',
    ]);
    expect(
      ((await merchant.api('GET', '/woocommerce/store')).body as { store: { status: string } }).store.status,
    ).toBe('failed');
  });

  it('keeps a working connection when a later grant delivers keys the store refuses', async () => {
    const fake = await store();
    const tenant = `woo:${new URL(fake.url).host}`;
    const admin = await app.signIn(tenant);
    const key = fake.issueKey();
    const pasted = await admin.api('POST', '/woocommerce/store', {
      storeUrl: fake.url,
      consumerKey: key.consumerKey,
      consumerSecret: key.consumerSecret,
    });
    expect(pasted.status).toBe(201);
    const { state } = await begin(fake);
    const posted = await callback({
      key_id: 3,
      user_id: state,
      consumer_key: `ck_${'e'.repeat(40)}`,
      consumer_secret: `cs_${'f'.repeat(40)}`,
      key_permissions: 'read',
    });
    expect(posted.status).toBe(200);
    await app.bridge.tasks.idle();
    const after = (await admin.api('GET', '/woocommerce/store')).body as {
      store: { status: string; keyHint: string; lastCheck: { outcome: string } };
    };
    expect(after.store).toMatchObject({
      status: 'connected',
      keyHint: `…${key.consumerKey.slice(-4)}`,
      lastCheck: { outcome: 'rejected' },
    });
  });

  it('returns only the browser that started the grant, and only once', async () => {
    const fake = await store();
    const { authorize, cookie } = await begin(fake);
    const granted = await approve(fake, authorize);
    const returnUrl = String(granted.headers.location);
    expect((await app.fetch(returnUrl, { headers: { cookie } })).status).toBe(303);
    expect((await app.fetch(returnUrl, { headers: { cookie } })).status).toBe(401);
  });

  it('spends the return when the approval comes back in another browser than the one that started it', async () => {
    // The approval page reached another browser: whoever holds the grant cookie must not learn its outcome.
    const fake = await store();
    const { authorize, cookie } = await begin(fake);
    const granted = await approve(fake, authorize);
    const returnUrl = String(granted.headers.location);
    const elsewhere = await app.fetch(returnUrl);
    expect([elsewhere.status, ((await elsewhere.json()) as ErrorBody).error.code]).toEqual([
      403,
      'RB_ERR_GRANT_OTHER_BROWSER',
    ]);
    const other = await app.fetch(returnUrl, { headers: { cookie: 'rb_woo_grant=someone-else' } });
    expect(other.status).toBe(403);
    expect((await app.fetch(returnUrl, { headers: { cookie } })).status).toBe(401);
  });

  it('refuses an address that is not a store', async () => {
    const merchant = await app.signIn('demo-store');
    for (const bad of [
      '',
      'ftp://shop.example.com',
      'https://user:pass@shop.example.com',
      'https://shop.example.com/wp-admin/',
    ]) {
      const response = await app.fetch(`/woocommerce/connect?store_url=${encodeURIComponent(bad)}`, {
        headers: { cookie: merchant.cookie },
      });
      expect([bad, response.status, ((await response.json()) as ErrorBody).error.code]).toEqual([
        bad,
        400,
        'RB_ERR_STORE_URL_INVALID',
      ]);
    }
    expect((await app.fetch('/woocommerce/connect', { headers: { cookie: merchant.cookie } })).status).toBe(
      400,
    );
  });
});
