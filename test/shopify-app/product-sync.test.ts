/**
 * The Shopify product read over real sockets against the fake Shopify (which holds every document to the
 * Admin schema and Shopify's cost limits): it outlasts Shopify's rate limit, runs once per shop at a time,
 * takes over a sync whose runner stopped once that runner's lease ran out and goes on from where it stood,
 * reads a 10,000-product shop with long variant lists within the limits, and reads a catalogue past the
 * pagination ceiling by a bulk operation.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProductSyncOptions } from '../../shopify-app/product-sync.js';
import { createProductSync } from '../../shopify-app/product-sync/create-product-sync.js';
import type { ShopDomain } from '../../shopify-app/shop-domain.js';
import type { FakeProduct } from '../e2e/fake-shopify.js';
import { SINGLE_QUERY_MAX_COST } from '../support/shopify-query-cost.js';
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
  const finished = async (shop: ShopDomain, timeout = 10_000) => {
    await expect
      .poll(async () => (await app.shopify.products.progress(shop)).state, { timeout })
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

  /** Another runner on the same store (another instance), with its own options. */
  const anotherSync = (overrides: Partial<ProductSyncOptions> = {}) =>
    createProductSync({
      core: app.core,
      api: app.shopify.api,
      offlineSessions: app.shopify.offlineSessions,
      retryDelaysMs: [20, 40, 80],
      bulkDownload: (url, signal) => fetch(url, signal ? { signal } : {}),
      ...overrides,
    });
  const productPages = (shop: string) =>
    app.fake.requests.filter(
      (r) => r.shop === shop && String((r.body as { query?: string }).query).includes('RateBridgeProducts('),
    );
  const recordedVariants = async (shop: string) => (await app.store.listDocs(shop, 'products')).size;

  it('reads a 10,000-product shop with 100-variant products within the limits, visibly, and resumes after a kill', async () => {
    // Every 100th product has 100 variants: 100 × 100 + 9,900 × 1 = 19,900 variants.
    const catalogue: FakeProduct[] = Array.from({ length: 10_000 }, (_, p) => ({
      id: 1_000_000 + p,
      title: `Product ${p}`,
      variants: Array.from({ length: p % 100 === 0 ? 100 : 1 }, (_, v) => ({
        id: 10_000_000 + p * 100 + v,
        title: v === 0 && p % 100 !== 0 ? 'Default Title' : `Size ${v}`,
        sku: `BIG-${p}-${v}`,
        requiresShipping: true,
        weight: { unit: 'KILOGRAMS' as const, value: 1 + v / 100 },
      })),
    }));
    const shop = await installedShop('big', catalogue);
    const stop = new AbortController();
    const first = anotherSync({ leaseMs: 300, signal: stop.signal });
    await first.start(shop);
    const seen: number[] = [];
    await expect
      .poll(
        async () => {
          const { done, total } = await first.progress(shop);
          seen.push(done);
          expect(total).toBe(19_900);
          return done;
        },
        { timeout: 20_000, interval: 20 },
      )
      .toBeGreaterThan(6_000);
    // Killed mid-read: the runner stops where it stands and writes nothing more.
    stop.abort();
    const left = await first.progress(shop);
    expect(left.state).toBe('running');
    // Another instance starts it once the dead runner's lease ran out, and goes on from its last page.
    await sleep(400);
    const second = anotherSync({ leaseMs: 300 });
    expect(await second.start(shop)).toMatchObject({ state: 'running', done: left.done, total: 19_900 });
    expect(app.logs()).toContain('Shopify product sync resumed');
    expect(await finished(shop, 30_000)).toMatchObject({
      state: 'done',
      done: 19_900,
      total: 19_900,
      error: null,
    });
    // Progress was visible on the way, and the second runner went on rather than reading it all again.
    expect(new Set(seen.filter((done) => done > 0 && done < 19_900)).size).toBeGreaterThan(3);
    expect(
      productPages(shop).filter(
        (r) => (r.body as { variables: { after: unknown } }).variables.after === null,
      ),
    ).toHaveLength(1);
    expect(productPages(shop).length).toBeLessThanOrEqual(200 + 2);
    expect(await recordedVariants(shop)).toBe(19_900);
    const costs = app.fake.costs.filter((cost) => cost.shop === shop);
    expect(Math.max(...costs.map((cost) => cost.requested))).toBeLessThanOrEqual(SINGLE_QUERY_MAX_COST);
  }, 60_000);

  it('reads a catalogue past the pagination ceiling by a bulk operation', async () => {
    const shop = await installedShop('bulk', catalogue(150));
    const sync = anotherSync({ bulkThreshold: 100, bulkPollMs: 10 });
    await sync.start(shop);
    await expect.poll(async () => (await sync.progress(shop)).state, { timeout: 10_000 }).toBe('done');
    expect(await sync.progress(shop)).toMatchObject({ done: 450, total: 450, error: null });
    expect(await recordedVariants(shop)).toBe(450);
    const sent = app.fake.requests
      .filter((r) => r.shop === shop && r.endpoint === 'graphql')
      .map((r) => /(query|mutation) (\w+)/.exec(String((r.body as { query: string }).query))?.[2]);
    expect(sent[0]).toBe('RateBridgeCatalogueCounts');
    expect(sent).toContain('RateBridgeBulkProducts');
    expect(sent.filter((name) => name === 'RateBridgeBulkOperation').length).toBeGreaterThanOrEqual(2);
    expect(sent).not.toContain('RateBridgeProducts');
  });

  it('resumes a bulk read by polling the same operation, without starting another', async () => {
    const shop = await installedShop('bulk-resume', catalogue(150));
    const stop = new AbortController();
    const first = anotherSync({ bulkThreshold: 100, bulkPollMs: 2_000, leaseMs: 300, signal: stop.signal });
    await first.start(shop);
    const sentNames = () =>
      app.fake.requests
        .filter((r) => r.shop === shop && r.endpoint === 'graphql')
        .map((r) => /(query|mutation) (\w+)/.exec(String((r.body as { query: string }).query))?.[2]);
    await expect.poll(() => sentNames().includes('RateBridgeBulkOperation'), { timeout: 5_000 }).toBe(true);
    stop.abort();
    await sleep(400);
    const second = anotherSync({ bulkThreshold: 100, bulkPollMs: 10, leaseMs: 300 });
    expect(await second.start(shop)).toMatchObject({ state: 'running', done: 0, total: 450 });
    await expect.poll(async () => (await second.progress(shop)).state, { timeout: 10_000 }).toBe('done');
    expect(await second.progress(shop)).toMatchObject({ done: 450, total: 450, error: null });
    expect(sentNames().filter((name) => name === 'RateBridgeBulkProducts')).toHaveLength(1);
    expect(sentNames().filter((name) => name === 'RateBridgeCatalogueCounts')).toHaveLength(1);
  });

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
