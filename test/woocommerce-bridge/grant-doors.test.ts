/**
 * The key grant as a stranger meets it: nobody who is not signed in can start one, write into a store's
 * record, make RateBridge call a host of their choosing or bounce a browser to another site; a signed-in
 * merchant can start one only for their own store, and every state is spent once, restarts included.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeWooCommerce, type FakeWooCommerce } from '../fakes/woocommerce/index.js';
import { startWooTestApp, type WooTestApp } from './woocommerce-test-app.js';
import type { ErrorBody } from '../../core/wire/admin-api-types.js';

const codeOf = async (response: Response) => ((await response.json()) as ErrorBody).error.code;
const junkKeys = {
  key_id: 7,
  consumer_key: `ck_${'j'.repeat(40)}`,
  consumer_secret: `cs_${'k'.repeat(40)}`,
  key_permissions: 'read_write',
};

describe('closed doors around the WooCommerce key grant', () => {
  let app: WooTestApp;
  let fake: FakeWooCommerce;
  let tenant: string;

  beforeAll(async () => {
    fake = await startFakeWooCommerce({ products: 2 });
    tenant = `woo:${new URL(fake.url).host}`;
    app = await startWooTestApp({ bridge: { connectedWaitMs: 3000 } });
  });
  afterAll(async () => {
    await app.close();
    await fake.close();
  });

  const connect = (storeUrl: string, cookie?: string) =>
    app.fetch(`/woocommerce/connect?store_url=${encodeURIComponent(storeUrl)}`, {
      headers: cookie === undefined ? {} : { cookie },
    });
  const callback = (body: unknown) =>
    app.fetch('/woocommerce/auth-callback', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const stateFrom = async (response: Response) => {
    const href = /id="continue" href="([^"]+)"/.exec(await response.text())?.[1] ?? '';
    return new URL(href.replaceAll('&amp;', '&')).searchParams.get('user_id') ?? '';
  };

  it('refuses to start a grant for anyone not signed in, and redirects nowhere', async () => {
    for (const target of [fake.url, 'https://evil.example/phish']) {
      const response = await connect(target);
      expect(response.status).toBe(401);
      expect(response.headers.get('location')).toBeNull();
      expect(response.headers.get('set-cookie')).toBeNull();
      expect(await codeOf(response)).toBe('RB_ERR_UNAUTHENTICATED');
    }
  });

  it("lets a store's merchant start a grant for that store only, and never answers with a redirect", async () => {
    const merchant = await app.signIn(tenant);
    const elsewhere = await connect('https://evil.example/phish', merchant.cookie);
    expect([elsewhere.status, await codeOf(elsewhere)]).toEqual([403, 'RB_ERR_OTHER_STORE']);
    expect(elsewhere.headers.get('location')).toBeNull();
    const own = await connect(fake.url, merchant.cookie);
    expect(own.status).toBe(200);
    expect(own.headers.get('location')).toBeNull();
    expect(own.headers.get('content-type')).toMatch(/text\/html/);
  });

  it('a merchant of another RateBridge store (the demo store) gets a page with a link, not a redirect', async () => {
    const demo = await app.signIn('demo-store');
    const response = await connect('https://evil.example/phish', demo.cookie);
    expect(response.status).toBe(200);
    expect(response.headers.get('location')).toBeNull();
    const html = await response.text();
    expect(html).toContain('You are about to leave RateBridge for <strong>evil.example</strong>');
  });

  it('writes nothing for a forged state, and a real state delivers keys once, restarts included', async () => {
    // No record appears for a store nobody connected.
    const forged = await callback({ ...junkKeys, user_id: 'rb1.k.AAAA.BBBB.CCCC' });
    expect([forged.status, await codeOf(forged)]).toEqual([401, 'RB_ERR_GRANT_EXPIRED']);
    const merchant = await app.signIn(tenant);
    expect((await merchant.api('GET', '/woocommerce/store')).body).toEqual({ store: null });

    const state = await stateFrom(await connect(fake.url, merchant.cookie));
    expect((await callback({ ...junkKeys, user_id: state })).status).toBe(200);
    await app.bridge.tasks.idle();
    await app.restart();
    const replayed = await callback({ ...junkKeys, user_id: state });
    expect([replayed.status, await codeOf(replayed)]).toEqual([401, 'RB_ERR_SIGNATURE_REPLAYED']);
  });

  it('binds the keys to the merchant who started the grant', async () => {
    const demo = await app.signIn('demo-store');
    const state = await stateFrom(await connect(fake.url, demo.cookie));
    const key = fake.issueKey();
    expect(
      (
        await callback({
          key_id: 11,
          user_id: state,
          consumer_key: key.consumerKey,
          consumer_secret: key.consumerSecret,
          key_permissions: 'read',
        })
      ).status,
    ).toBe(200);
    await app.bridge.tasks.idle();
    const view = (await demo.api('GET', '/woocommerce/store')).body as { store: { storeUrl: string } };
    expect(view.store.storeUrl).toBe(fake.url);
  });
});

describe('the SSRF guard on store addresses, outside production too', () => {
  let app: WooTestApp;
  beforeAll(async () => {
    app = await startWooTestApp({ env: { WOOCOMMERCE_ALLOW_LOCAL_STORES: 'false' } });
  });
  afterAll(async () => {
    await app.close();
  });

  it('refuses loopback and private stores unless configuration allows this machine', async () => {
    const merchant = await app.signIn('demo-store');
    for (const target of [
      'http://127.0.0.1:9',
      'http://localhost:8080',
      'http://10.0.0.8',
      'http://[::1]:443',
    ]) {
      const response = await app.fetch(`/woocommerce/connect?store_url=${encodeURIComponent(target)}`, {
        headers: { cookie: merchant.cookie },
      });
      expect([target, response.status, await codeOf(response)]).toEqual([
        target,
        400,
        'RB_ERR_STORE_NOT_PUBLIC',
      ]);
    }
    const pasted = await merchant.api('POST', '/woocommerce/store', {
      storeUrl: 'http://127.0.0.1:9',
      consumerKey: junkKeys.consumer_key,
      consumerSecret: junkKeys.consumer_secret,
    });
    expect(JSON.stringify(pasted.body)).toContain('not a public address');
  });
});

describe('store errors that do not tell open ports from closed ones', () => {
  let app: WooTestApp;
  let silent: net.Server;
  let silentPort: number;
  beforeAll(async () => {
    app = await startWooTestApp({ bridge: { timeoutMs: 500 } });
    // A port that accepts and never answers, beside one where nothing listens.
    silent = net.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    silentPort = (silent.address() as net.AddressInfo).port;
  });
  afterAll(async () => {
    await app.close();
    silent.close();
  });

  it('says the same thing for a closed port and a silent one', async () => {
    const merchant = await app.signIn('demo-store');
    const paste = async (storeUrl: string) =>
      (
        await merchant.api('POST', '/woocommerce/store', {
          storeUrl,
          consumerKey: junkKeys.consumer_key,
          consumerSecret: junkKeys.consumer_secret,
        })
      ).body as ErrorBody;
    const closed = await paste('http://127.0.0.1:9');
    const hanging = await paste(`http://127.0.0.1:${silentPort}`);
    expect(closed.error.code).toBe(hanging.error.code);
    expect(closed.error.message).toBe(hanging.error.message);
    expect(closed.error.message).not.toMatch(/refused|reset|ECONN/i);
  });
});
