/**
 * The embedded admin's authentication over real sockets: App Bridge session tokens minted by the fake
 * Shopify, our gate, Shopify's own middleware (validateAuthenticatedSession with token exchange) against
 * the fake, the tenant context the admin routes see, and the refresh used for background work.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCarrierCalculatedShippingUnavailable } from '../../shopify-app/carrier-service-mutations.js';
import { RETRY_INVALID_SESSION_HEADER } from '../../shopify-app/session-token-auth.js';
import type { ShopifyResult } from '../../shopify-app/shopify-api.js';
import { startShopifyTestApp, type ShopifyTestApp } from './shopify-test-app.js';
import type { ErrorBody } from '../../core/wire/admin-api-types.js';

const seconds = () => Math.floor(Date.now() / 1000);

describe('Shopify session token authentication', () => {
  let app: ShopifyTestApp;
  const responseTexts: string[] = [];
  const sessionTokens: string[] = [];

  const call = async (path: string, token: string | undefined, init?: RequestInit) => {
    if (token !== undefined) sessionTokens.push(token);
    const response = await app.admin(path, token, init);
    const text = await response.text();
    responseTexts.push(text);
    return { status: response.status, headers: response.headers, body: JSON.parse(text) as unknown };
  };
  const tokenRequests = (shop: string) =>
    app.fake.requests
      .filter((r) => r.endpoint === 'token' && r.shop === shop)
      .map((r) => r.body as Record<string, string>);

  beforeAll(async () => {
    app = await startShopifyTestApp({ app: { timeoutMs: 400 } });
  });
  afterAll(() => app.close());

  it('sets tenant and actor from a valid token, exchanging it for an offline token only once', async () => {
    const shop = app.addShop('auth');
    const first = await call('/whoami', app.fake.mintSessionToken(shop, { sub: '7001' }));
    expect(first).toMatchObject({ status: 200, body: { tenant: shop, actor: 'shopify-user:7001' } });

    const exchanges = tokenRequests(shop);
    expect(exchanges).toHaveLength(1);
    expect(exchanges[0]).toMatchObject({
      client_id: app.settings.apiKey,
      grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
      subject_token_type: 'urn:ietf:params:oauth:token-type:id_token',
      requested_token_type: 'urn:shopify:params:oauth:token-type:offline-access-token',
      expiring: '1',
    });
    const stored = await app.shopify.storage.loadSession(`offline_${shop}`);
    expect(app.fake.issuedSecrets()).toContain(stored?.accessToken);
    expect(stored?.refreshToken).toBeDefined();
    expect(stored?.expires?.getTime()).toBeGreaterThan(Date.now() + 3_000_000);

    // Another staff member of the same shop: same tenant, their own actor, no second exchange.
    const second = await call('/whoami', app.fake.mintSessionToken(shop, { sub: '7002' }));
    expect(second.body).toEqual({
      tenant: shop,
      actor: 'shopify-user:7002',
      role: 'admin',
      frontEnd: 'shopify',
    });
    expect(tokenRequests(shop)).toHaveLength(1);
  });

  it('exchanges once for a burst of parallel calls, and takes the header in any case and spacing', async () => {
    const shop = app.addShop('burst');
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, index) =>
        call('/whoami', undefined, {
          headers: {
            authorization: `${index % 2 === 0 ? 'bearer' : 'Bearer'}  ${app.fake.mintSessionToken(shop, { sub: `${800 + index}` })}`,
          },
        }),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(answers.map((answer) => answer.headers.get('content-type'))).toEqual(
      Array(6).fill('application/json; charset=utf-8'),
    );
    expect(tokenRequests(shop)).toHaveLength(1);
  });

  it('refuses calls without a token, or with a token that is not this app’s for a real shop', async () => {
    const shop = app.addShop('refused');
    const other = { secret: 'the-client-secret-of-another-app' };
    const cases: [string, string | undefined, RequestInit?][] = [
      ['no Authorization header', undefined],
      ['basic auth', undefined, { headers: { authorization: 'Basic dXNlcjpwYXNz' } }],
      ['not a JWT', 'not-a-jwt'],
      ['signed by another app', app.fake.mintSessionToken(shop, other)],
      ['alg none', app.fake.mintSessionToken(shop, { alg: 'none' })],
      ['for another client id', app.fake.mintSessionToken(shop, { aud: 'another-client-id' })],
      ['for a shop off myshopify.com', app.fake.mintSessionToken('evil.example.com')],
      [
        'issued by another shop',
        app.fake.mintSessionToken(shop, { iss: 'https://other.myshopify.com/admin' }),
      ],
    ];
    for (const [label, token, init] of cases) {
      const response = await call('/whoami', token, init);
      expect([label, response.status, (response.body as ErrorBody).error.code]).toEqual([
        label,
        401,
        'RB_ERR_UNAUTHENTICATED',
      ]);
      expect(response.headers.get(RETRY_INVALID_SESSION_HEADER), label).toBeNull();
    }
    expect(tokenRequests(shop)).toHaveLength(0);
  });

  it('asks App Bridge to retry with a fresh token when the token has expired', async () => {
    const shop = app.addShop('expired');
    const response = await call('/whoami', app.fake.mintSessionToken(shop, { exp: seconds() - 60 }));
    expect(response.status).toBe(401);
    expect(response.headers.get(RETRY_INVALID_SESSION_HEADER)).toBe('1');
    expect(tokenRequests(shop)).toHaveLength(0);
  });

  it('asks for a retry when Shopify refuses the token at exchange (invalid_subject_token)', async () => {
    const shop = app.addShop('subject');
    // Inside our ten seconds of leeway, past Shopify's own check.
    const response = await call('/whoami', app.fake.mintSessionToken(shop, { exp: seconds() - 3 }));
    expect(response.status).toBe(401);
    expect((response.body as ErrorBody).error.code).toBe('RB_ERR_UNAUTHENTICATED');
    expect(response.headers.get(RETRY_INVALID_SESSION_HEADER)).toBe('1');
    expect(tokenRequests(shop)).toHaveLength(1);
    expect(await app.shopify.storage.loadSession(`offline_${shop}`)).toBeUndefined();
  });

  it('exchanges again when the offline token is about to expire; background work refreshes it instead', async () => {
    // Two minutes is inside the five-minute margin of both the middleware and offline-sessions.ts.
    const shop = app.addShop('refresh', { accessTokenTtlSeconds: 120 });
    const whoami = async () => (await call('/whoami', app.fake.mintSessionToken(shop))).status;
    const grants = () => tokenRequests(shop).map((body) => body.grant_type);
    const stored = () => app.shopify.storage.loadSession(`offline_${shop}`);

    expect(await whoami()).toBe(200);
    const first = await stored();
    expect(await whoami()).toBe(200);
    const exchanged = await stored();
    expect(exchanged?.accessToken).not.toBe(first?.accessToken);

    const background = await app.shopify.offlineSessions.forShop(shop as never);
    expect(background.ok).toBe(true);
    const refreshed = await stored();
    expect(refreshed?.accessToken).not.toBe(exchanged?.accessToken);
    expect(refreshed?.refreshToken).not.toBe(exchanged?.refreshToken);
    expect(app.fake.requests.at(-1)?.body).toMatchObject({
      grant_type: 'refresh_token',
      refresh_token: exchanged?.refreshToken,
    });
    expect(grants()).toEqual([
      'urn:ietf:params:oauth:grant-type:token-exchange',
      'urn:ietf:params:oauth:grant-type:token-exchange',
      'refresh_token',
    ]);

    // Without a merchant's request there is nothing to exchange: forShop says the merchant must come back.
    app.fake.revokeTokens(shop);
    const refused = await app.shopify.offlineSessions.forShop(shop as never);
    expect(refused).toMatchObject({ ok: false, failure: { kind: 'no_session' } });
    // A merchant's request still gets in: the middleware exchanges a fresh session token.
    expect(await whoami()).toBe(200);
  });

  it('answers 502 quickly when Shopify does not answer the exchange', async () => {
    const shop = app.addShop('hang');
    app.fake.behave('token', { hang: true }, 1);
    const started = Date.now();
    const response = await call('/whoami', app.fake.mintSessionToken(shop));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(response.status).toBe(502);
    expect((response.body as ErrorBody).error.code).toBe('RB_ERR_SHOPIFY_UNREACHABLE');
    // Not the App Bridge bounce page or a bare 500 of the library: our JSON error.
    expect(response.headers.get('content-type')).toContain('application/json');
  });

  it('answers 401 without a retry, and says why in the log, when Shopify refuses the exchange itself', async () => {
    const shop = app.addShop('creds');
    app.fake.behave('token', { status: 401, body: { error: 'invalid_client' } }, 1);
    const response = await call('/whoami', app.fake.mintSessionToken(shop));
    expect(response.status).toBe(401);
    expect((response.body as ErrorBody).error.code).toBe('RB_ERR_UNAUTHENTICATED');
    expect(response.headers.get(RETRY_INVALID_SESSION_HEADER)).toBeNull();
    expect(app.logs()).toContain('SHOPIFY_API_KEY and SHOPIFY_API_SECRET do not match the app');
  });

  it('lets a route behind it call Shopify with the offline session', async () => {
    const shop = app.addShop('carrier');
    const created = await call('/carrier-service', app.fake.mintSessionToken(shop), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ callbackUrl: 'https://ratebridge.example.com/shopify/carrier-service/abc' }),
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ok: true, value: { name: 'RateBridge', active: true } });
    expect([...app.fake.shop(shop).carrierServices.values()]).toMatchObject([
      {
        callbackUrl: 'https://ratebridge.example.com/shopify/carrier-service/abc',
        supportsServiceDiscovery: true,
      },
    ]);
    const graphql = app.fake.requests.find((r) => r.endpoint === 'graphql' && r.shop === shop);
    const stored = await app.shopify.storage.loadSession(`offline_${shop}`);
    expect(graphql?.path).toBe(`/${shop}/admin/api/${app.settings.apiVersion}/graphql.json`);
    expect(graphql?.headers['x-shopify-access-token']).toBe(stored?.accessToken);
  });

  it('surfaces the plan error when the shop cannot use carrier-calculated shipping', async () => {
    const shop = app.addShop('basic-plan', { carrierCalculatedShipping: false });
    const refused = await call('/carrier-service', app.fake.mintSessionToken(shop), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ callbackUrl: 'https://ratebridge.example.com/shopify/carrier-service/abc' }),
    });
    expect(refused.status).toBe(422);
    const result = refused.body as ShopifyResult<unknown>;
    expect(result.ok).toBe(false);
    if (!result.ok) expect(isCarrierCalculatedShippingUnavailable(result.failure)).toBe(true);
  });

  it('never lets a token, refresh token or secret reach a response or a log line (canary)', () => {
    const logs = app.logs();
    expect(logs.length).toBeGreaterThan(0);
    const secrets = [...app.fake.issuedSecrets(), app.settings.apiSecret, ...sessionTokens];
    expect(secrets.length).toBeGreaterThan(5);
    for (const secret of secrets) {
      expect(logs).not.toContain(secret);
      for (const text of responseTexts) expect(text).not.toContain(secret);
    }
  });
});
