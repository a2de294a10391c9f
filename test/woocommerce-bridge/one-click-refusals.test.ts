/**
 * What one-click connect refuses, over real sockets: links that would send the merchant off the store,
 * approvals from another site or another sign-in, and exchanges with the wrong verifier or store (which
 * must not spend the merchant's code), each with its coded error.
 */
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExchangeCodes } from '../../woocommerce-bridge/one-click/exchange-codes.js';
import { startWooTestApp, type AdminClient, type WooTestApp } from './woocommerce-test-app.js';

// A loopback store address: tests allow local stores, and nothing here calls it.
const STORE = 'https://127.0.0.1:9';
const STORE_TENANT = 'woo:127.0.0.1:9';
const verifier = () => randomBytes(32).toString('base64url');
const challengeOf = (text: string) => createHash('sha256').update(text).digest('base64url');

function connectQuery(overrides: Record<string, string> = {}): string {
  return new URLSearchParams({
    store_url: STORE,
    return_url: `${STORE}/wp-admin/admin-post.php?action=ratebridge_connect_return`,
    state: 'plugin-state-0123456789',
    code_challenge: challengeOf(verifier()),
    code_challenge_method: 'S256',
    ...overrides,
  }).toString();
}

describe('one-click connect refusals', () => {
  let app: WooTestApp;
  let merchant: AdminClient;

  beforeAll(async () => {
    app = await startWooTestApp();
    merchant = await app.signIn(STORE_TENANT);
  });
  afterAll(async () => {
    await app?.close();
  });

  const errorCode = async (response: Response) =>
    ((await response.json()) as { error: { code: string } }).error.code;
  const page = (query: string, cookie = merchant.cookie) =>
    app.fetch(`/woocommerce/one-click?${query}`, { headers: { cookie } });
  const approve = (approval: string, headers: Record<string, string>) =>
    app.fetch('/woocommerce/one-click/approve', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams({ approval }).toString(),
    });
  const exchange = (body: unknown) =>
    app.fetch('/woocommerce/one-click/exchange', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('refuses a return address off the store and a link without a code challenge', async () => {
    const elsewhere = await page(connectQuery({ return_url: 'https://evil.example/wp-admin/x' }));
    expect(elsewhere.status).toBe(400);
    expect(await errorCode(elsewhere)).toBe('RB_ERR_ONE_CLICK_REQUEST_INVALID');
    const userinfo = await page(connectQuery({ return_url: 'https://x@127.0.0.1:9/wp-admin/' }));
    expect(await errorCode(userinfo)).toBe('RB_ERR_ONE_CLICK_REQUEST_INVALID');
    const plain = await page(connectQuery({ code_challenge_method: 'plain' }));
    expect(plain.status).toBe(400);
    expect(await errorCode(plain)).toBe('RB_ERR_VALIDATION');
  });

  it("refuses a store admin's session for another store", async () => {
    const other = await app.signIn('woo:other.example.com');
    const refused = await page(connectQuery(), other.cookie);
    expect(refused.status).toBe(403);
    expect(await errorCode(refused)).toBe('RB_ERR_OTHER_STORE');
  });

  it('approves only from our own origin, for the sign-in that saw the page, once', async () => {
    const html = await (await page(connectQuery())).text();
    // The test app's port is not one WordPress calls back on: the page says so before the merchant goes.
    expect(html).toContain('WooCommerce will not deliver the keys to RateBridge');
    const approval = /name="approval" value="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(approval).not.toBe('');

    const crossSite = await approve(approval, { cookie: merchant.cookie, origin: 'https://evil.example' });
    expect(crossSite.status).toBe(403);
    expect(await errorCode(crossSite)).toBe('RB_ERR_CROSS_SITE');
    const otherSession = await app.signIn('demo');
    const stolen = await approve(approval, { cookie: otherSession.cookie, origin: app.url });
    expect(stolen.status).toBe(401);
    expect(await errorCode(stolen)).toBe('RB_ERR_ONE_CLICK_APPROVAL_INVALID');

    const first = await approve(approval, { cookie: merchant.cookie, origin: app.url });
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toMatch(/^https:\/\/127\.0\.0\.1:9\/wc-auth\/v1\/authorize\?/);
    const second = await approve(approval, { cookie: merchant.cookie, origin: app.url });
    expect(second.status).toBe(401);
  });

  it("refuses an admin's session at every step, naming the owner role: a key signs its maker in", async () => {
    const html = await (await page(connectQuery())).text();
    const approval = /name="approval" value="([^"]+)"/.exec(html)?.[1] ?? '';
    const link = app.core.sessions.loginLink(STORE_TENANT, 'merchant', { role: 'admin' });
    const admin = await app.followLoginLink(link, STORE_TENANT);
    const steps = [
      await page(connectQuery(), admin.cookie),
      await approve(approval, { cookie: admin.cookie, origin: app.url }),
      await app.fetch(`/woocommerce/one-click/finish?approval=${approval}`, {
        headers: { cookie: admin.cookie },
      }),
    ];
    for (const refused of steps) {
      const body = (await refused.json()) as { error: { code: string; message: string } };
      expect([refused.status, body.error.code]).toEqual([403, 'RB_ERR_ROLE_REQUIRED']);
      expect(body.error.message).toContain('the owner role');
    }
    // Refused before it was spent: the owner who saw the page can still approve it.
    expect((await approve(approval, { cookie: merchant.cookie, origin: app.url })).status).toBe(303);
  });

  it('a wrong verifier or store does not spend the code; the right ones redeem it once', async () => {
    const secretVerifier = verifier();
    const code = await createExchangeCodes(app.core).issue(STORE_TENANT, STORE, challengeOf(secretVerifier), {
      actor: 'merchant',
    });

    const wrongVerifier = await exchange({ code, code_verifier: verifier(), store_url: STORE });
    expect(wrongVerifier.status).toBe(401);
    expect(await errorCode(wrongVerifier)).toBe('RB_ERR_ONE_CLICK_CODE_INVALID');
    const wrongStore = await exchange({
      code,
      code_verifier: secretVerifier,
      store_url: 'https://x.example',
    });
    expect(await errorCode(wrongStore)).toBe('RB_ERR_ONE_CLICK_CODE_INVALID');
    const extra = await exchange({ code, code_verifier: secretVerifier, store_url: STORE, tenant: 'demo' });
    expect(await errorCode(extra)).toBe('RB_ERR_VALIDATION');

    const redeemed = await exchange({ code, code_verifier: secretVerifier, store_url: `${STORE}/` });
    expect(redeemed.status).toBe(200);
    expect(redeemed.headers.get('cache-control')).toBe('no-store');
    const key = (await redeemed.json()) as { bridge_url: string; key_id: string; key_secret: string };
    expect(key).toMatchObject({ bridge_url: app.url, key_id: expect.stringMatching(/^rbk_/) });
    const again = await exchange({ code, code_verifier: secretVerifier, store_url: STORE });
    expect(await errorCode(again)).toBe('RB_ERR_ONE_CLICK_CODE_INVALID');
    const listed = (await merchant.api('GET', '/connector-keys')).body as { keys: { id: string }[] };
    expect(listed.keys.map((entry) => entry.id)).toContain(key.key_id);
    expect(app.logs()).not.toContain(key.key_secret);
    expect(app.logs()).not.toContain(secretVerifier);
  });
});
