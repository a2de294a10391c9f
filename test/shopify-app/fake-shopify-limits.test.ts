/**
 * The fake Shopify refuses what Shopify refuses, computed from the Admin schema in the shared reference and
 * Shopify's published cost rules: documents the schema does not allow, variables of the wrong type, a
 * document over 1,000 points (MAX_COST_EXCEEDED, before running it), bursts past the bucket (THROTTLED with
 * `extensions.cost`), counts past their limit (precision AT_LEAST) and cursor paging past 25,000 objects.
 * Our client reads the cost: a throttled call waits what the cost says and then succeeds.
 */
import '@shopify/shopify-api/adapters/node';
import { randomBytes } from 'node:crypto';
import { Session } from '@shopify/shopify-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { catalogueCounts } from '../../shopify-app/product-counts.js';
import {
  PRODUCTS_PAGE,
  PRODUCTS_PER_PAGE,
  VARIANTS_WITH_PRODUCT,
} from '../../shopify-app/product-variants-query.js';
import {
  createShopifyApi,
  withRetries,
  type ShopifyApi,
  type ShopifyResult,
} from '../../shopify-app/shopify-api.js';
import { DEFAULT_SHOPIFY_API_VERSION } from '../../shopify-app/shopify-config.js';
import {
  PAGINATION_LIMIT_MESSAGE,
  startFakeShopify,
  type FakeProduct,
  type FakeShopify,
} from '../e2e/fake-shopify.js';
import { shopifySchema } from '../support/shopify-schema.js';

const apiKey = `limits-key-${randomBytes(6).toString('hex')}`;
const apiSecret = `limits-secret-${randomBytes(16).toString('hex')}`;
/** A small, fast bucket: 1,000 points, restored at 2,000 a second. */
const BUCKET = { maximumAvailable: 1000, restoreRate: 2000 };

const products = (count: number): FakeProduct[] =>
  Array.from({ length: count }, (_, p) => ({
    id: 1 + p,
    title: `Product ${p}`,
    variants: [
      { id: 100_000 + p, title: 'Default Title', sku: `S-${p}`, requiresShipping: true, weight: null },
    ],
  }));

interface GraphqlAnswer {
  readonly data?: Record<string, unknown>;
  readonly errors?: { message: string; extensions?: Record<string, unknown> }[];
  readonly extensions?: { cost?: Record<string, unknown> };
}

describe.skipIf(!shopifySchema())('the fake Shopify’s limits', () => {
  let fake: FakeShopify;
  let api: ShopifyApi;
  let shopCount = 0;

  beforeAll(async () => {
    fake = await startFakeShopify({ apiKey, apiSecret, throttle: BUCKET });
    api = createShopifyApi({
      settings: {
        enabled: true,
        apiKey,
        apiSecret,
        appUrl: 'https://ratebridge.example.com',
        scopes: ['write_shipping', 'read_products'],
        apiVersion: DEFAULT_SHOPIFY_API_VERSION,
        hostOverride: fake.url,
      },
    });
  });
  afterAll(() => fake.close());

  /** A shop of its own (its own bucket) and an offline access token from the fake's token exchange. */
  const newShop = async (catalogue: FakeProduct[] = []) => {
    const shop = `limits-${(shopCount += 1)}.myshopify.com`;
    fake.addShop(shop, { products: catalogue });
    const response = await fetch(`${fake.url}/${shop}/admin/oauth/access_token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        client_id: apiKey,
        client_secret: apiSecret,
        grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
        subject_token: fake.mintSessionToken(shop),
        subject_token_type: 'urn:ietf:params:oauth:token-type:id_token',
        requested_token_type: 'urn:shopify:params:oauth:token-type:offline-access-token',
      }),
    });
    const { access_token: accessToken } = (await response.json()) as { access_token: string };
    const session = new Session({ id: `offline_${shop}`, shop, state: '', isOnline: false, accessToken });
    const raw = async (query: string, variables: Record<string, unknown> = {}): Promise<GraphqlAnswer> => {
      const answer = await fetch(
        `${fake.url}/${shop}/admin/api/${DEFAULT_SHOPIFY_API_VERSION}/graphql.json`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-shopify-access-token': accessToken },
          body: JSON.stringify({ query, variables }),
        },
      );
      expect(answer.status).toBe(200);
      return (await answer.json()) as GraphqlAnswer;
    };
    return { shop, session, raw };
  };
  const pageVariables = { first: PRODUCTS_PER_PAGE, after: null, variantsFirst: VARIANTS_WITH_PRODUCT };

  it('refuses a field the schema does not have and variables of the wrong type, running nothing', async () => {
    const { raw } = await newShop(products(3));
    const unknownField = await raw('{ products(first: 3) { nodes { id shippingWeight } } }');
    expect(unknownField.data).toBeUndefined();
    expect(unknownField.errors?.[0]?.message).toMatch(/shippingWeight/);
    const wrongType = await raw(PRODUCTS_PAGE.text, { ...pageVariables, first: 'fifty' });
    expect(wrongType.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_VARIABLE' });
    const noPageSize = await raw('{ products { nodes { id } } }');
    expect(noPageSize.data).toBeUndefined();
  });

  it('answers a document over 1,000 points MAX_COST_EXCEEDED before running it', async () => {
    const { raw, session, shop } = await newShop(products(3));
    const tooBig = PRODUCTS_PAGE.text;
    const refused = await raw(tooBig, { ...pageVariables, variantsFirst: 250 });
    expect(refused.data).toBeUndefined();
    expect(refused.errors?.[0]).toMatchObject({
      message: expect.stringContaining('exceeds the single query max cost limit (1000)') as string,
      extensions: { code: 'MAX_COST_EXCEEDED', cost: 2 + 50 * (1 + 2 + 250 * 4), maxCost: 1000 },
    });
    expect(fake.costs.filter((cost) => cost.shop === shop).at(-1)).toBeUndefined();
    // Our documents stay under it, so the same page at our sizes runs, and says what it cost.
    const page = await api.graphql(session, PRODUCTS_PAGE, pageVariables);
    expect(page.ok).toBe(true);
    expect(fake.costs.filter((cost) => cost.shop === shop)).toEqual([
      { shop, requested: 952, throttled: false },
    ]);
  });

  it('answers a burst THROTTLED with extensions.cost; the client waits what the cost says and retries', async () => {
    const { raw, session, shop } = await newShop(products(120));
    const burst = await Promise.all([1, 2, 3].map(() => raw(PRODUCTS_PAGE.text, pageVariables)));
    const throttled = burst.filter((answer) => answer.errors?.[0]?.extensions?.code === 'THROTTLED');
    expect(throttled.length).toBeGreaterThanOrEqual(1);
    const cost = throttled[0]!.extensions!.cost as {
      requestedQueryCost: number;
      actualQueryCost: number | null;
      throttleStatus: { maximumAvailable: number; currentlyAvailable: number; restoreRate: number };
    };
    expect(cost).toMatchObject({ requestedQueryCost: 952, actualQueryCost: null });
    expect(cost.throttleStatus).toMatchObject({ maximumAvailable: 1000, restoreRate: 2000 });
    expect(cost.throttleStatus.currentlyAvailable).toBeLessThan(952);
    // A successful answer carries the cost too: the actual cost is what came back (refunded to it).
    const served = burst.find((answer) => answer.data)!;
    expect(served.extensions?.cost).toMatchObject({ requestedQueryCost: 952 });
    expect((served.extensions?.cost as { actualQueryCost: number }).actualQueryCost).toBeLessThan(952);

    // Without waiting, the client reports how long the cost says to wait.
    fake.throttle(1);
    const refused = await api.graphql(session, PRODUCTS_PAGE, pageVariables);
    expect(refused).toMatchObject({ ok: false, failure: { kind: 'throttled', retryAfterSeconds: 0.476 } });
    // With retries, a burst all succeeds, each throttled call waiting for its points.
    const started = Date.now();
    const retried = await Promise.all(
      [1, 2, 3, 4].map(() =>
        withRetries(api, [1, 1, 1, 1, 1, 1]).graphql(session, PRODUCTS_PAGE, pageVariables),
      ),
    );
    expect(retried.every((result) => result.ok)).toBe(true);
    const mine = fake.costs.filter((entry) => entry.shop === shop);
    expect(mine.filter((entry) => entry.throttled).length).toBeGreaterThanOrEqual(3);
    // Four pages of 952 from an empty-ish 1,000-point bucket restoring 2,000 a second: at least ~1 s.
    expect(Date.now() - started).toBeGreaterThan(900);
  });

  it('paces calls by the bucket the last answer reported, so one after another none is throttled', async () => {
    const { session, shop } = await newShop(products(200));
    let after: string | null = null;
    for (let page = 0; page < 4; page += 1) {
      const result: ShopifyResult<z.output<typeof PRODUCTS_PAGE.data>> = await api.graphql(
        session,
        PRODUCTS_PAGE,
        { ...pageVariables, after },
      );
      expect(result.ok).toBe(true);
      if (result.ok) after = result.value.products.pageInfo.endCursor;
    }
    // Each page keeps ~352 points (its actual cost): the 1,000-point bucket cannot take the next 952-point
    // request at once, so without pacing the second would be THROTTLED.
    expect(fake.costs.filter((entry) => entry.shop === shop)).toEqual(
      Array.from({ length: 4 }, () => ({ shop, requested: 952, throttled: false })),
    );
  });

  it('counts up to 10,000 by default (AT_LEAST past it) and exactly with limit: null', async () => {
    const { raw, session } = await newShop(products(10_001));
    const capped = await raw('{ productsCount { count precision } }');
    expect(capped.data).toEqual({ productsCount: { count: 10_000, precision: 'AT_LEAST' } });
    expect(await catalogueCounts(api, session)).toEqual({
      ok: true,
      value: { products: 10_001, productsAtLeast: 10_001, variants: 10_001 },
    });
  });

  it('stops cursor paging at 25,000 objects', async () => {
    const { raw } = await newShop(products(25_001));
    const cursor = Buffer.from(String(24_999)).toString('base64url');
    const past = await raw(PRODUCTS_PAGE.text, { ...pageVariables, after: cursor });
    expect(past.errors?.[0]?.message).toBe(PAGINATION_LIMIT_MESSAGE);
  });
});
