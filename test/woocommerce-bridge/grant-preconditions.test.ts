/**
 * What the key grant needs, told before the merchant leaves for their store (GET
 * /admin/api/woocommerce/grant-check): an https PUBLIC_URL on a port WordPress calls, a public address
 * (or the store's own host), a certificate WordPress trusts, and a REST API at /wp-json/ (pretty
 * permalinks). Real sockets: the app, and the fake WooCommerce standing in for the store.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantCheckSchema, type GrantCheck } from '../../core/wire/store-link-schema.js';
import { startFakeWooCommerce, type FakeWooCommerce } from '../fakes/woocommerce/index.js';
import { startWooTestApp, type WooTestApp } from './woocommerce-test-app.js';

describe('the key grant preconditions', () => {
  let fake: FakeWooCommerce;
  const apps: WooTestApp[] = [];

  beforeAll(async () => {
    fake = await startFakeWooCommerce({ products: 1 });
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await fake.close();
  });

  const check = async (app: WooTestApp, storeUrl = fake.url) => {
    const merchant = await app.signIn(`grant-${randomBytes(4).toString('hex')}`);
    const response = await merchant.api(
      'GET',
      `/woocommerce/grant-check?storeUrl=${encodeURIComponent(storeUrl)}`,
    );
    expect(response.status).toBe(200);
    const body = grantCheckSchema.parse(response.body);
    return { body, byId: (id: GrantCheck['checks'][number]['id']) => body.checks.find((c) => c.id === id) };
  };

  it('says a plain-http PUBLIC_URL on another port cannot receive the keys', async () => {
    const app = await startWooTestApp();
    apps.push(app);
    const { body, byId } = await check(app);
    expect(body.ready).toBe(false);
    expect(byId('callback_https')).toMatchObject({
      ok: false,
      detail: expect.stringMatching(/only to an https address/),
    });
    expect(byId('callback_port')).toMatchObject({
      ok: false,
      detail: expect.stringMatching(/ports 80, 443 and 8080/),
    });
    // The same host as the store: WordPress lets that through.
    expect(byId('callback_public')?.ok).toBe(true);
    expect(byId('callback_certificate')?.ok).toBeNull();
    expect(byId('store_rest')).toMatchObject({ ok: true });
  });

  it('checks the certificate of an https PUBLIC_URL against what WordPress trusts', async () => {
    // The fake store's own https address stands for RateBridge's front: a certificate only the test CA signs.
    const trusted = await startWooTestApp({ publicUrl: fake.url, bridge: { callbackCa: fake.ca } });
    const untrusted = await startWooTestApp({ publicUrl: fake.url });
    apps.push(trusted, untrusted);
    expect((await check(trusted)).byId('callback_certificate')?.ok).toBe(true);
    const refused = (await check(untrusted)).byId('callback_certificate');
    expect(refused).toMatchObject({ ok: false, detail: expect.stringMatching(/not one WordPress trusts/) });
  });

  it('says when the store has no REST API at /wp-json/ (plain permalinks)', async () => {
    const app = apps[0]!;
    fake.behaviour.permalinks = 'plain';
    try {
      const { body, byId } = await check(app);
      expect(body.ready).toBe(false);
      expect(byId('store_rest')).toMatchObject({
        ok: false,
        detail: expect.stringMatching(/pretty permalinks/),
      });
    } finally {
      fake.behaviour.permalinks = 'pretty';
    }
  });

  it('refuses what is not a store address', async () => {
    const app = apps[0]!;
    const merchant = await app.signIn(`grant-${randomBytes(4).toString('hex')}`);
    const response = await merchant.api('GET', '/woocommerce/grant-check?storeUrl=ftp%3A%2F%2Fx');
    expect(response.status).toBe(400);
    expect((response.body as { error: { code: string } }).error.code).toBe('RB_ERR_STORE_URL_INVALID');
  });
});
