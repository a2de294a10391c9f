/**
 * Against the fake Shopify over a real socket: Shopify's own library (token exchange and refresh) through
 * our fetch seam, and our GraphQL client: the exact requests they send, the sessions they build, and every
 * failure coming back as data of the right kind.
 */
import { randomBytes } from 'node:crypto';
import { RequestedTokenType, type Session } from '@shopify/shopify-api';
import type { SessionStorage } from '@shopify/shopify-app-session-storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  createCarrierService,
  deleteCarrierService,
  updateCarrierService,
} from '../../shopify-app/carrier-service-mutations.js';
import { shopVariants, type ShopVariant } from '../../shopify-app/product-variants-query.js';
import { createShopifyApi, type ShopifyApi, type ShopifyFailure } from '../../shopify-app/shopify-api.js';
import { createShopifyLibrary, type ShopifyLibrary } from '../../shopify-app/shopify-library.js';
import { HttpResponseError } from '../../shopify-app/shopify-runtime.js';
import { DEFAULT_SHOPIFY_API_VERSION, type ShopifySettings } from '../../shopify-app/shopify-config.js';
import type { ShopDomain } from '../../shopify-app/shop-domain.js';
import { startFakeShopify, type FakeProduct, type FakeShopify } from '../e2e/fake-shopify.js';
import { listen } from '../support/listen.js';
import { capturingLogger } from '../support/log-capture.js';

const apiKey = `api-test-key-${randomBytes(6).toString('hex')}`;
const apiSecret = `api-test-secret-${randomBytes(16).toString('hex')}`;
const noVariables = z.object({});
const anything = z.unknown();

/** The library needs somewhere to keep sessions; these tests read what it returns, not what it stores. */
function mapSessionStorage(): SessionStorage {
  const sessions = new Map<string, Session>();
  return {
    storeSession: async (session) => Boolean(sessions.set(session.id, session)),
    loadSession: async (id) => sessions.get(id),
    deleteSession: async (id) => sessions.delete(id),
    deleteSessions: async (ids) => ids.every((id) => sessions.delete(id)),
    findSessionsByShop: async (shop) => [...sessions.values()].filter((s) => s.shop === shop),
  };
}

describe('Shopify API client', () => {
  let fake: FakeShopify;
  let settings: ShopifySettings;
  let api: ShopifyApi;
  let library: ShopifyLibrary;
  const logs = capturingLogger();
  const failures: ShopifyFailure[] = [];
  let counter = 0;

  const newShop = (options?: Parameters<FakeShopify['addShop']>[1]) => {
    const shop = `client-${(counter += 1)}-${randomBytes(3).toString('hex')}.myshopify.com` as ShopDomain;
    fake.addShop(shop, options);
    return shop;
  };
  const exchange = (
    shop: ShopDomain,
    sessionToken: string,
    requestedTokenType = RequestedTokenType.OfflineAccessToken,
  ) => library.api.auth.tokenExchange({ shop, sessionToken, requestedTokenType, expiring: true });
  const offlineSession = async (shop: ShopDomain): Promise<Session> =>
    (await exchange(shop, fake.mintSessionToken(shop))).session;
  const refusal = async (promise: Promise<unknown>) => {
    const error: unknown = await promise.then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(HttpResponseError);
    const { code, body } = (error as InstanceType<typeof HttpResponseError>).response;
    return { code, body };
  };
  const failureOf = (result: { ok: boolean; failure?: ShopifyFailure }) => {
    expect(result.ok).toBe(false);
    failures.push(result.failure as ShopifyFailure);
    return result.failure as ShopifyFailure;
  };

  beforeAll(async () => {
    // Shopify's cost limits stay on; the bucket restores fast so back-to-back pages are not throttled here.
    fake = await startFakeShopify({
      apiKey,
      apiSecret,
      throttle: { maximumAvailable: 2000, restoreRate: 1e6 },
    });
    settings = {
      enabled: true,
      apiKey,
      apiSecret,
      appUrl: 'https://ratebridge.example.com',
      scopes: ['write_shipping', 'read_products'],
      apiVersion: DEFAULT_SHOPIFY_API_VERSION,
      hostOverride: fake.url,
    };
    api = createShopifyApi({ settings, timeoutMs: 300 });
    library = createShopifyLibrary({
      settings,
      sessionStorage: mapSessionStorage(),
      logger: logs.logger,
      timeoutMs: 300,
    });
  });
  afterAll(() => fake.close());

  describe('token exchange and refresh, by Shopify’s library through our fetch seam', () => {
    it('gets an expiring offline token with a refresh token', async () => {
      const shop = newShop();
      const session = await offlineSession(shop);
      expect(session).toMatchObject({
        id: `offline_${shop}`,
        shop,
        isOnline: false,
        scope: 'write_shipping,read_products',
      });
      expect(session.expires!.getTime() - Date.now()).toBeGreaterThan(3_590_000);
      expect(session.refreshTokenExpires!.getTime()).toBeGreaterThan(session.expires!.getTime());
      expect(fake.issuedSecrets()).toEqual(
        expect.arrayContaining([session.accessToken, session.refreshToken]),
      );
      const sent = fake.requests.at(-1)!;
      expect(sent.path).toBe(`/${shop}/admin/oauth/access_token`);
      expect(sent.headers['content-type']).toBe('application/json');
      expect(sent.body).toMatchObject({ expiring: '1', client_id: apiKey });
      expect(Object.keys(sent.body as object).sort()).toEqual(
        [
          'client_id',
          'client_secret',
          'expiring',
          'grant_type',
          'requested_token_type',
          'subject_token',
          'subject_token_type',
        ].sort(),
      );
    });

    it('gets an online token with its user when asked', async () => {
      const shop = newShop();
      const { session } = await exchange(
        shop,
        fake.mintSessionToken(shop, { sub: '555' }),
        RequestedTokenType.OnlineAccessToken,
      );
      expect(session).toMatchObject({
        id: `${shop}_555`,
        isOnline: true,
        onlineAccessInfo: { associated_user: { id: 555, email: 'staff@example.com' } },
      });
    });

    it('refreshes once per refresh token, and reports Shopify’s refusals with their status', async () => {
      const shop = newShop();
      const stale = fake.mintSessionToken(shop, { exp: Math.floor(Date.now() / 1000) - 1 });
      expect(await refusal(exchange(shop, stale))).toMatchObject({
        code: 400,
        body: { error: 'invalid_subject_token' },
      });
      fake.behave('token', { status: 401, body: { error: 'invalid_client' } }, 1);
      expect(await refusal(exchange(shop, fake.mintSessionToken(shop)))).toMatchObject({ code: 401 });

      const session = await offlineSession(shop);
      const refreshed = await library.api.auth.refreshToken({ shop, refreshToken: session.refreshToken! });
      expect(refreshed.session.accessToken).not.toBe(session.accessToken);
      expect(refreshed.session.refreshToken).not.toBe(session.refreshToken);
      expect(fake.requests.at(-1)!.body).toMatchObject({ grant_type: 'refresh_token' });
      const reused = library.api.auth.refreshToken({ shop, refreshToken: session.refreshToken! });
      expect(await refusal(reused)).toMatchObject({ code: 400, body: { error: 'invalid_grant' } });
    });

    it('gives up on a silent Shopify within the seam’s timeout', async () => {
      const shop = newShop();
      fake.behave('token', { hang: true }, 1);
      const started = Date.now();
      const error: unknown = await exchange(shop, fake.mintSessionToken(shop)).catch(
        (thrown: unknown) => thrown,
      );
      expect(Date.now() - started).toBeLessThan(1500);
      expect((error as Error).name).toBe('TimeoutError');
    });
  });

  describe('GraphQL', () => {
    it('registers, updates and deletes a carrier service, sending our documents to the versioned endpoint', async () => {
      const shop = newShop();
      const session = await offlineSession(shop);
      const created = await createCarrierService(api, session, {
        name: 'RateBridge',
        callbackUrl: 'https://ratebridge.example.com/shopify/carrier-service/key-1',
        active: true,
        supportsServiceDiscovery: true,
      });
      expect(created).toMatchObject({ ok: true, value: { name: 'RateBridge', active: true } });
      const id = created.ok ? created.value!.id : '';
      const request = fake.requests.at(-1)!;
      expect(request.path).toBe(`/${shop}/admin/api/${DEFAULT_SHOPIFY_API_VERSION}/graphql.json`);
      expect(request.headers['x-shopify-access-token']).toBe(session.accessToken);
      expect((request.body as { query: string }).query).toContain('carrierServiceCreate(input: $input)');

      const updated = await updateCarrierService(api, session, { id, active: false });
      expect(updated).toMatchObject({ ok: true, value: { id, active: false, name: 'RateBridge' } });
      expect(await deleteCarrierService(api, session, id)).toEqual({ ok: true, value: id });
      const again = await deleteCarrierService(api, session, id);
      expect(failureOf(again)).toMatchObject({ kind: 'user_errors', userErrors: [{ field: ['id'] }] });
    });

    it('surfaces userErrors as a failure, not as data', async () => {
      const shop = newShop({ carrierCalculatedShipping: false });
      const session = await offlineSession(shop);
      const result = await createCarrierService(api, session, {
        name: 'RateBridge',
        callbackUrl: 'https://ratebridge.example.com/cb',
        active: true,
        supportsServiceDiscovery: false,
      });
      expect(failureOf(result)).toMatchObject({
        kind: 'user_errors',
        message: expect.stringMatching(/^Carrier Calculated Shipping must be enabled/) as unknown,
        userErrors: [{ field: null, code: 'CARRIER_SERVICE_CREATE_FAILED' }],
      });
    });

    it('sends nothing when the variables do not match the document or the session names no shop', async () => {
      const shop = newShop();
      const session = await offlineSession(shop);
      const before = fake.requests.length;
      const result = await createCarrierService(api, session, {
        name: '',
        callbackUrl: 'not a url',
        active: true,
        supportsServiceDiscovery: true,
      });
      expect(failureOf(result).kind).toBe('invalid_variables');
      // A session naming a host that is not a shop never becomes a URL.
      const elsewhere = Object.assign(Object.create(Object.getPrototypeOf(session) as object) as Session, {
        ...session,
        shop: 'attacker.example.com',
      });
      const redirected = await api.graphql(
        elsewhere,
        { text: '{ shop { id } }', variables: noVariables, data: anything },
        {},
      );
      expect(failureOf(redirected).kind).toBe('no_session');
      expect(fake.requests.length).toBe(before);
    });

    it('reads every variant of a large catalogue, paging products and long variant lists', async () => {
      const products: FakeProduct[] = Array.from({ length: 120 }, (_, p) => ({
        id: 100 + p,
        title: `Product ${p}`,
        variants: Array.from({ length: p === 7 ? 600 : 2 }, (_, v) => ({
          id: 10_000 * (p + 1) + v,
          title: `Variant ${v}`,
          sku: v === 1 ? '' : `SKU-${p}-${v}`,
          requiresShipping: p !== 3,
          weight: p === 5 ? null : { unit: p % 2 === 0 ? 'KILOGRAMS' : 'GRAMS', value: p + v / 10 },
        })),
      }));
      const shop = newShop({ products });
      const session = await offlineSession(shop);
      const variants: ShopVariant[] = [];
      for await (const page of shopVariants(api, session)) {
        if (!page.ok) throw new Error(page.failure.message);
        variants.push(...page.variants);
      }
      expect(variants).toHaveLength(119 * 2 + 600);
      expect(new Set(variants.map((v) => v.variantId)).size).toBe(variants.length);
      expect(
        variants.find((v) => v.variantId === `gid://shopify/ProductVariant/${80_000 + 599}`),
      ).toMatchObject({
        productId: 'gid://shopify/Product/107',
        sku: 'SKU-7-599',
      });
      expect(variants.find((v) => v.variantId === 'gid://shopify/ProductVariant/10001')).toMatchObject({
        sku: null,
        weight: { unit: 'KILOGRAMS', value: 0.1 },
      });
      expect(variants.filter((v) => !v.requiresShipping)).toHaveLength(2);
      expect(variants.filter((v) => v.weight === null)).toHaveLength(2);
      const queries = fake.requests.filter((r) => r.shop === shop && r.endpoint === 'graphql');
      const followUps = queries.filter((r) =>
        (r.body as { query: string }).query.includes('product(id: $id)'),
      );
      // 50 products a page with 4 variants each, then 240 a page for the long one: 596 left = 3 pages (the
      // old 250-variant pages were refused by Shopify's cost limit: graphql-documents.test.ts).
      expect([queries.length - followUps.length, followUps.length]).toEqual([3, 3]);
    });

    it('reports a revoked token, a missing scope and throttling as their kinds', async () => {
      const shop = newShop({ scopes: 'read_products' });
      const session = await offlineSession(shop);
      const input = {
        name: 'RateBridge',
        callbackUrl: 'https://ratebridge.example.com/cb',
        active: true,
        supportsServiceDiscovery: true,
      };
      expect(failureOf(await createCarrierService(api, session, input))).toMatchObject({ kind: 'forbidden' });
      fake.throttle(1);
      expect(failureOf(await createCarrierService(api, session, input))).toMatchObject({ kind: 'throttled' });
      fake.revokeTokens(shop);
      expect(failureOf(await createCarrierService(api, session, input))).toMatchObject({
        kind: 'unauthorized',
        status: 401,
      });
    });

    it('reports HTTP errors, unreadable answers, silence and closed ports, each within the timeout', async () => {
      const shop = newShop();
      const session = await offlineSession(shop);
      const input = {
        name: 'RateBridge',
        callbackUrl: 'https://ratebridge.example.com/cb',
        active: true,
        supportsServiceDiscovery: true,
      };
      const cases: [Parameters<FakeShopify['behave']>[1], Partial<ShopifyFailure>][] = [
        [
          { status: 503, body: { errors: 'Service Unavailable' } },
          { kind: 'unavailable', status: 503 },
        ],
        [
          { status: 429, headers: { 'retry-after': '2' } },
          { kind: 'throttled', retryAfterSeconds: 2 },
        ],
        [
          { status: 402, body: { errors: 'Unavailable Shop' } },
          { kind: 'unavailable', status: 402 },
        ],
        [{ status: 200, rawBody: '<html>not json</html>' }, { kind: 'bad_response' }],
        [
          { status: 200, body: { data: { carrierServiceCreate: { unexpected: true } } } },
          { kind: 'bad_response' },
        ],
        [{ hang: true }, { kind: 'timeout' }],
      ];
      for (const [behaviour, expected] of cases) {
        fake.behave('graphql', behaviour, 1);
        const started = Date.now();
        expect(failureOf(await createCarrierService(api, session, input))).toMatchObject(expected);
        expect(Date.now() - started).toBeLessThan(1500);
      }
      const closed = await listen((_request, response) => response.end());
      await closed.close();
      const unreachable = createShopifyApi({
        settings: { ...settings, hostOverride: closed.url },
        timeoutMs: 300,
      });
      expect(
        failureOf(
          await unreachable.graphql(
            session,
            { text: '{ shop { id } }', variables: noVariables, data: anything },
            {},
          ),
        ),
      ).toMatchObject({
        kind: 'unreachable',
      });
    });

    it('honours the caller’s own deadline as well as its timeout', async () => {
      const shop = newShop();
      const session = await offlineSession(shop);
      fake.behave('graphql', { hang: true }, 1);
      const slow = createShopifyApi({ settings, timeoutMs: 5000 });
      const started = Date.now();
      const result = await slow.graphql(
        session,
        { text: '{ shop { id } }', variables: noVariables, data: anything },
        {},
        {
          signal: AbortSignal.timeout(100),
        },
      );
      expect(failureOf(result).kind).toBe('timeout');
      expect(Date.now() - started).toBeLessThan(1000);
    });
  });

  it('never puts a token or the client secret into a failure message or a log line', () => {
    expect(failures.length).toBeGreaterThan(10);
    const text = JSON.stringify(failures) + logs.text();
    for (const secret of [...fake.issuedSecrets(), apiSecret]) expect(text).not.toContain(secret);
  });
});
