/**
 * The Shopify product read over real sockets against the fake Shopify: it outlasts Shopify's rate limit,
 * runs once per shop at a time, and takes over a sync whose runner stopped once that runner's lease ran out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ShopDomain } from '../../shopify-app/shop-domain.js';
import type { FakeProduct } from '../e2e/fake-shopify.js';
import { startShopifyTestApp, type ShopifyTestApp } from './shopify-test-app.js';

const catalogue = (count: number): FakeProduct[] =>
  Array.from({ length: count }, (_, p) => ({
    id: 500 + p,
    title: `Product ${p}`,
    variants: Array.from({ length: 3 }, (_, v) => ({
      id: 9000 + p * 10 + v,
      title: `Size ${v}`,
      sku: `SKU-${p}-${v}`,
      requiresShipping: true,
      weight: { unit: 'GRAMS' as const, value: 250 + v },
    })),
  }));

describe('the Shopify product read', () => {
  let app: ShopifyTestApp;

  beforeAll(async () => {
    app = await startShopifyTestApp({
      // A fast-restoring bucket: a throttled read waits what Shopify's cost says, a few ms here.
      fake: { throttle: { maximumAvailable: 2000, restoreRate: 50_000 } },
      app: { productSync: { retryDelaysMs: [20, 40, 80], leaseMs: 5_000 } },
    });
  });
  afterAll(() => app.close());

  /** A shop with products whose offline session exists (the merchant opened the app once). */
  const installedShop = async (label: string, products: FakeProduct[]) => {
    const shop = app.addShop(label, { products });
    expect((await app.admin('/whoami', app.fake.mintSessionToken(shop))).status).toBe(200);
    return shop as ShopDomain;
  };
  const finished = async (shop: ShopDomain) => {
    await expect
      .poll(async () => (await app.shopify.products.progress(shop)).state, { timeout: 10_000 })
      .not.toBe('running');
    return app.shopify.products.progress(shop);
  };
  const countQueries = (shop: string) =>
    app.fake.requests.filter(
      (r) =>
        r.shop === shop &&
        r.endpoint === 'graphql' &&
        String((r.body as { query?: string }).query).includes('productVariantsCount'),
    ).length;

  it('waits out Shopify’s rate limit instead of failing', async () => {
    const shop = await installedShop('throttled', catalogue(60));
    app.fake.throttle(3);
    await app.shopify.products.start(shop);
    expect(await finished(shop)).toMatchObject({ state: 'done', done: 180, total: 180, error: null });
  });

  it('runs one sync per shop at a time', async () => {
    const shop = await installedShop('once', catalogue(30));
    const [first, second] = await Promise.all([
      app.shopify.products.start(shop),
      app.shopify.products.start(shop),
    ]);
    expect([first.state, second.state]).toEqual(['running', 'running']);
    expect(await finished(shop)).toMatchObject({ state: 'done', done: 90 });
    expect(countQueries(shop)).toBe(1);
    // The lease is never shown.
    expect(Object.keys(await app.shopify.products.progress(shop)).sort()).toEqual(
      ['done', 'error', 'finishedAt', 'startedAt', 'state', 'total'].sort(),
    );
  });

  it('leaves a live sync alone and takes over one whose runner stopped', async () => {
    const shop = await installedShop('takeover', catalogue(10));
    const ref = { tenant: shop, kind: 'shopify', id: 'product-sync' };
    const stopped = {
      state: 'running',
      done: 3,
      total: 30,
      startedAt: new Date().toISOString(),
      finishedAt: null,
      error: null,
      runner: 'a-runner-that-stopped',
    };
    await app.store.putDoc(ref, { ...stopped, leaseUntil: Date.now() + 60_000 });
    expect(await app.shopify.products.start(shop)).toMatchObject({ state: 'running', done: 3 });
    expect(countQueries(shop)).toBe(0);

    await app.store.putDoc(ref, { ...stopped, leaseUntil: Date.now() - 1 });
    expect(await app.shopify.products.start(shop)).toMatchObject({ state: 'running', done: 0 });
    expect(await finished(shop)).toMatchObject({ state: 'done', done: 30, total: 30 });
  });
});
