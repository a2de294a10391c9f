/**
 * Our Shopify client against the fake Shopify: the exact requests it sends, the sessions it builds, and
 * every failure coming back as data of the right kind.
 */
import { randomBytes } from 'node:crypto';
import type { Session } from '@shopify/shopify-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  createCarrierService,
  deleteCarrierService,
  updateCarrierService,
} from '../../shopify-app/carrier-service-mutations.js';
import { shopVariants, type ShopVariant } from '../../shopify-app/product-variants-query.js';
import { createShopifyApi, type ShopifyApi, type ShopifyFailure } from '../../shopify-app/shopify-api.js';
import { DEFAULT_SHOPIFY_API_VERSION, type ShopifySettings } from '../../shopify-app/shopify-config.js';
import type { ShopDomain } from '../../shopify-app/shop-domain.js';
import { startFakeShopify, type FakeProduct, type FakeShopify } from '../e2e/fake-shopify.js';
import { listen } from '../support/listen.js';

const apiKey = `api-test-key-${randomBytes(6).toString('hex')}`;
const apiSecret = `api-test-secret-${randomBytes(16).toString('hex')}`;
const noVariables = z.object({});
const anything = z.unknown();

describe('Shopify API client', () => {
  let fake: FakeShopify;
  let settings: ShopifySettings;
  let api: ShopifyApi;
  const failures: ShopifyFailure[] = [];
  let counter = 0;

  const newShop = (options?: Parameters<FakeShopify['addShop']>[1]) => {
    const shop = `client-${(counter += 1)}-${randomBytes(3).toString('hex')}.myshopify.com` as ShopDomain;
    fake.addShop(shop, options);
    return shop;
  };
  const offlineSession = async (shop: ShopDomain, client = api): Promise<Session> => {
    const exchanged = await client.exchangeToken(shop, fake.mintSessionToken(shop));
    if (!exchanged.ok) throw new Error(exchanged.failure.message);
    return exchanged.value;
  };
  const failureOf = (result: { ok: boolean; failure?: ShopifyFailure }) => {
    expect(result.ok).toBe(false);
    failures.push(result.failure as ShopifyFailure);
    return result.failure as ShopifyFailure;
  };

  beforeAll(async () => {
    fake = await startFakeShopify({ apiKey, apiSecret });
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
  });
  afterAll(() => fake.close());

  describe('token exchange', () => {
    it('gets an expiring offline token with a refresh token by default', async () => {
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

    it('gets a non-expiring offline token when asked, and an online token with its user', async () => {
      const shop = newShop();
      const permanent = await offlineSession(
        shop,
        createShopifyApi({ settings, expiringOfflineTokens: false }),
      );
      expect([permanent.expires, permanent.refreshToken]).toEqual([undefined, undefined]);
      expect((fake.requests.at(-1)!.body as { expiring: string }).expiring).toBe('0');

      const online = await api.exchangeToken(shop, fake.mintSessionToken(shop, { sub: '555' }), {
        online: true,
      });
      expect(online.ok && online.value).toMatchObject({
        id: `${shop}_555`,
        isOnline: true,
        onlineAccessInfo: { associated_user: { id: 555, email: 'staff@example.com' } },
      });
    });

    it('reports a refused session token, bad client credentials and a used refresh token as their kinds', async () => {
      const shop = newShop();
      const stale = await api.exchangeToken(
        shop,
        fake.mintSessionToken(shop, { exp: Math.floor(Date.now() / 1000) - 1 }),
      );
      expect(failureOf(stale)).toMatchObject({ kind: 'invalid_session_token', status: 400 });

      const wrongSecret = createShopifyApi({
        settings: { ...settings, apiSecret: 'not-the-client-secret-at-all' },
      });
      const refused = await wrongSecret.exchangeToken(shop, fake.mintSessionToken(shop));
      expect(failureOf(refused)).toMatchObject({ kind: 'unauthorized', status: 401 });

      const session = await offlineSession(shop);
      expect((await api.refreshAccessToken(shop, session.refreshToken!)).ok).toBe(true);
      const reused = await api.refreshAccessToken(shop, session.refreshToken!);
      expect(failureOf(reused)).toMatchObject({ kind: 'unauthorized', status: 400 });
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
      expect([queries.length - followUps.length, followUps.length]).toEqual([3, 2]);
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

  it('never puts a token or the client secret into a failure message', () => {
    expect(failures.length).toBeGreaterThan(10);
    const text = JSON.stringify(failures);
    for (const secret of [...fake.issuedSecrets(), apiSecret]) expect(text).not.toContain(secret);
  });
});
