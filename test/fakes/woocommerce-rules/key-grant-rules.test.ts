/**
 * The fake store's key grant against class-wc-auth.php (WooCommerce 9.9.5) and wp_http_validate_url()
 * (WordPress 6.8.8): for each rule, the request a real store accepts is accepted and the one it refuses is
 * refused, the way it refuses it (WooCommerce's "Access denied" page, never a way back to return_url).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeWooCommerce, type FakeWooCommerce, type FakeWooOptions } from '../woocommerce/index.js';
import { decodeEntities } from '../../wordpress/browser-session.js';
import { startReceiver, type Receiver } from './receiver.js';

describe('the fake WooCommerce key grant', () => {
  let callback: Receiver;
  let unsafe: Receiver;
  const fakes: FakeWooCommerce[] = [];

  beforeAll(async () => {
    [callback, unsafe] = await Promise.all([startReceiver('https'), startReceiver('https')]);
  });
  afterAll(async () => {
    for (const fake of fakes) await fake.close();
    await callback.close();
    await unsafe.close();
  });

  const store = async (options: FakeWooOptions = {}) => {
    const fake = await startFakeWooCommerce({
      trustedCa: [callback.ca!, unsafe.ca!],
      safePorts: [callback.port],
      ...options,
    });
    fakes.push(fake);
    return fake;
  };
  const grantUrl = (fake: FakeWooCommerce, overrides: Record<string, string | undefined> = {}) => {
    const params: Record<string, string | undefined> = {
      app_name: 'RateBridge',
      scope: 'read',
      user_id: 'state-123',
      return_url: 'https://app.example/woocommerce/connected?state=abc',
      callback_url: `${callback.url}/woocommerce/auth-callback`,
      ...overrides,
    };
    const query = Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== undefined);
    return `${fake.url}/wc-auth/v1/authorize?${new URLSearchParams(query)}`;
  };
  const link = (html: string, button: 'approve' | 'deny') =>
    decodeEntities(
      new RegExp(`<a href="([^"]+)" class="button[a-z -]* wc-auth-${button}"`).exec(html)?.[1] ?? '',
    );
  const deniedPage = (answer: { status: number; text: string; headers: Record<string, unknown> }) => {
    expect(answer.status).toBe(401);
    expect(answer.text).toContain('<title>Access denied</title>');
    expect(answer.headers.location).toBeUndefined();
    return decodeEntities(answer.text);
  };

  it('approves for a signed-in store admin and POSTs exactly the key body to an https callback', async () => {
    const fake = await store();
    const admin = fake.signIn();
    const page = await admin.fetch(grantUrl(fake));
    expect(page.status).toBe(200);
    expect(link(page.text, 'deny')).toBe(
      'https://app.example/woocommerce/connected?state=abc&success=0&user_id=state-123',
    );
    const before = callback.received.length;
    const granted = await admin.fetch(link(page.text, 'approve'));
    expect(granted.status).toBe(302);
    expect(granted.headers.location).toBe(
      'https://app.example/woocommerce/connected?state=abc&success=1&user_id=state-123',
    );
    const posted = callback.received.slice(before);
    expect(posted).toHaveLength(1);
    expect(posted[0]!.headers['content-type']).toBe('application/json;charset=UTF-8');
    const key = fake.keys.at(-1)!;
    expect(JSON.parse(posted[0]!.body)).toEqual({
      key_id: key.keyId,
      user_id: 'state-123',
      consumer_key: key.consumerKey,
      consumer_secret: key.consumerSecret,
      key_permissions: 'read',
    });
    expect(Object.keys(JSON.parse(posted[0]!.body) as object)).toEqual([
      'key_id',
      'user_id',
      'consumer_key',
      'consumer_secret',
      'key_permissions',
    ]);
    expect(key).toMatchObject({ revoked: false, permissions: 'read', userId: admin.userId });
  });

  it('refuses a callback that is not https before anyone approves', async () => {
    const fake = await store();
    const answer = await fake.signIn().fetch(grantUrl(fake, { callback_url: 'http://127.0.0.1:8080/cb' }));
    expect(deniedPage(answer)).toContain('Error: The callback_url needs to be over SSL.');
    // Without a scheme, WooCommerce puts https:// in front, and that passes.
    const bare = await fake.signIn().fetch(grantUrl(fake, { callback_url: `${callback.url.slice(8)}/cb` }));
    expect(bare.status).toBe(200);
  });

  it('validates every parameter as make_validation() does, on every route', async () => {
    const fake = await store();
    const admin = fake.signIn();
    for (const name of ['app_name', 'scope', 'user_id', 'return_url', 'callback_url']) {
      for (const value of [undefined, '']) {
        const answer = await admin.fetch(grantUrl(fake, { [name]: value }));
        expect(deniedPage(answer)).toContain(`Error: Missing parameter ${name}.`);
      }
    }
    expect(deniedPage(await admin.fetch(grantUrl(fake, { scope: 'admin' })))).toContain(
      'Invalid scope admin',
    );
    expect(deniedPage(await admin.fetch(grantUrl(fake, { return_url: 'https://exa mple.com/' })))).toContain(
      'is not a valid URL',
    );
    for (const scope of ['read', 'write', 'read_write']) {
      expect((await admin.fetch(grantUrl(fake, { scope }))).status).toBe(200);
    }
  });

  it('sends a visitor to log in, and refuses a user without manage_woocommerce', async () => {
    const fake = await store();
    const visitor = await fake.fetch(grantUrl(fake));
    expect(visitor.status).toBe(302);
    expect(String(visitor.headers.location)).toMatch(new RegExp(`^${fake.url}/wc-auth/v1/login/\\?`));
    const login = await fake.fetch(String(visitor.headers.location));
    expect([login.status, login.text]).toEqual([200, expect.stringContaining('you need to be logged in')]);
    const manager = fake.signIn({ manageWooCommerce: false });
    expect(deniedPage(await manager.fetch(grantUrl(fake)))).toContain(
      'Error: You do not have permission to access this page.',
    );
    // WooCommerce has no access_denied route: Deny is a link to return_url.
    const admin = fake.signIn();
    const denied = await admin.fetch(grantUrl(fake).replace('/authorize?', '/access_denied?'));
    expect(deniedPage(denied)).toContain('You do not have permission to access this page');
  });

  it('grants only with the nonce of the signed-in session', async () => {
    const fake = await store();
    const admin = fake.signIn();
    const approve = link((await admin.fetch(grantUrl(fake))).text, 'approve');
    const keysBefore = fake.keys.length;
    for (const forged of [
      approve.replace(/wc_auth_nonce=[^&]+/, 'wc_auth_nonce=0123456789'),
      approve.replace(/&?wc_auth_nonce=[^&]+/, ''),
    ]) {
      expect(deniedPage(await admin.fetch(forged))).toContain('Error: Invalid nonce verification.');
    }
    // The same link opened in another admin's session: a nonce is tied to its session.
    expect(deniedPage(await fake.signIn().fetch(approve))).toContain('Invalid nonce verification');
    // A visitor cannot use it at all.
    expect(deniedPage(await fake.fetch(approve))).toContain('You do not have permission');
    expect(fake.keys.length).toBe(keysBefore);
    expect((await admin.fetch(approve)).status).toBe(302);
  });

  it('strands the admin on the error page and deletes the key when the callback cannot take it', async () => {
    const fake = await store();
    const admin = fake.signIn();
    const cases: [string, RegExp, () => void][] = [
      [`${unsafe.url}/cb`, /Error: A valid URL was not provided\.\./, () => undefined],
      [`https://localhost:${callback.port}/cb`, /A valid URL was not provided/, () => undefined],
      [`${callback.url}/cb`, /unable to send the consumer data/, () => (callback.status = 201)],
    ];
    for (const [callbackUrl, reason, arrange] of cases) {
      arrange();
      const before = [callback.received.length, unsafe.received.length];
      const approve = link(
        (await admin.fetch(grantUrl(fake, { callback_url: callbackUrl }))).text,
        'approve',
      );
      expect(deniedPage(await admin.fetch(approve))).toMatch(reason);
      expect(fake.keys.at(-1)?.revoked).toBe(true);
      if (!callbackUrl.startsWith(callback.url)) {
        expect([callback.received.length, unsafe.received.length]).toEqual(before);
      }
    }
    callback.status = 200;
  });

  it("refuses a callback whose certificate is not in WordPress's bundle", async () => {
    const fake = await store({ trustedCa: [unsafe.ca!] });
    const admin = fake.signIn();
    const approve = link((await admin.fetch(grantUrl(fake))).text, 'approve');
    expect(deniedPage(await admin.fetch(approve))).toContain('SSL certificate problem');
    expect(fake.keys.at(-1)?.revoked).toBe(true);
  });

  it('cannot finish a grant under plain permalinks', async () => {
    const fake = await store({ permalinks: 'plain' });
    const admin = fake.signIn();
    expect((await admin.fetch(grantUrl(fake))).status).toBe(404);
    const query = new URL(grantUrl(fake)).searchParams;
    query.set('wc-auth-version', '1');
    query.set('wc-auth-route', 'authorize');
    const page = await admin.fetch(`${fake.url}/?${query}`);
    expect(page.status).toBe(200);
    // wc_get_endpoint_url() builds ?wc-auth/v1=access_granted, which WordPress serves as the home page.
    const approve = link(page.text, 'approve');
    expect(approve).toMatch(new RegExp(`^${fake.url}/\\?wc-auth/v1=access_granted&`));
    const landed = await admin.fetch(approve);
    expect([landed.status, landed.text]).toEqual([200, expect.stringContaining('class="home"')]);
    expect(fake.keys).toEqual([]);
  });
});
