/**
 * The full product sync against the fake WooCommerce over real sockets: what lands in the catalog, the
 * merchant's own profiles left alone, implausible sizes skipped, transient page failures retried, and a
 * sync interrupted by a restart resumed where it stopped.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startFakeWooCommerce,
  type FakeWooCommerce,
  type FakeWooOptions,
} from '../fakes/woocommerce/index.js';
import { startWooTestApp, type AdminClient, type WooTestApp } from './woocommerce-test-app.js';
import type { SyncView, PackagingProfile as Profile } from '../../core/wire/admin-api-types.js';

describe('the product sync', () => {
  let app: WooTestApp;
  const fakes: FakeWooCommerce[] = [];

  const setUp = async (options: FakeWooOptions) => {
    const fake = await startFakeWooCommerce({ safePorts: app.safePorts, ...options });
    fakes.push(fake);
    const merchant = await app.signIn(`sync-${randomBytes(4).toString('hex')}`);
    return { fake, merchant };
  };
  const connect = async (merchant: AdminClient, fake: FakeWooCommerce) => {
    const key = fake.issueKey();
    const response = await merchant.api('POST', '/woocommerce/store', {
      storeUrl: fake.url,
      consumerKey: key.consumerKey,
      consumerSecret: key.consumerSecret,
    });
    expect(response.status).toBe(201);
  };
  const finished = async (merchant: AdminClient): Promise<SyncView> => {
    await app.bridge.tasks.idle();
    await app.bridge.sync.idle();
    return ((await merchant.api('GET', '/woocommerce/sync')).body as { sync: SyncView }).sync;
  };
  const profile = async (merchant: AdminClient, id: number) => {
    const response = await merchant.api('GET', `/packaging/${encodeURIComponent(`variant:${id}`)}`);
    return response.status === 200 ? (response.body as { profile: Profile }).profile : undefined;
  };

  beforeAll(async () => {
    app = await startWooTestApp({ bridge: { sync: { retryDelaysMs: [20, 20, 20], leaseMs: 300 } } });
  });
  afterAll(async () => {
    await app.close();
    for (const fake of fakes) await fake.close();
  });

  it('records every shippable product and variation, and profiles those with a weight and a size', async () => {
    const { fake, merchant } = await setUp({ products: 120, weightUnit: 'oz', dimensionUnit: 'mm' });
    await connect(merchant, fake);
    const sync = await finished(merchant);
    // 120 products: 12 variable (3 variations each), 2 virtual, 106 simple.
    expect(sync).toMatchObject({
      status: 'completed',
      done: 120,
      total: 120,
      percent: 100,
      variations: 36,
      error: null,
    });
    expect(sync.counts.recorded).toBe(106 + 36);

    const simple = [...fake.products.values()].find(
      (p) => p.type === 'simple' && !p.virtual && p.dimensions.length !== '',
    )!;
    expect((await profile(merchant, simple.id))?.packages).toEqual([
      {
        type: 'carton',
        lengthCm: Number(simple.dimensions.length) / 10,
        widthCm: Number(simple.dimensions.width) / 10,
        heightCm: Number(simple.dimensions.height) / 10,
        // WooCommerce's own ounce (wc_get_weight), 0.0283495 kg.
        weightKg: expect.closeTo(Number(simple.weight) * 0.0283495, 12),
        quantity: 1,
      },
    ]);
    const noSize = [...fake.products.values()].find(
      (p) => p.type === 'simple' && p.dimensions.length === '',
    )!;
    expect(await profile(merchant, noSize.id)).toBeUndefined();
    const virtual = [...fake.products.values()].find((p) => p.virtual)!;
    const variable = [...fake.products.values()].find(
      (p) => p.type === 'variable' && p.dimensions.length !== '',
    )!;
    expect(await profile(merchant, virtual.id)).toBeUndefined();
    expect(await profile(merchant, variable.id)).toBeUndefined();
    // A variation without its own size ships in its parent's.
    const inherited = await profile(merchant, variable.variationIds[1] as number);
    expect(inherited?.packages[0]?.lengthCm).toBe(Number(variable.dimensions.length) / 10);

    const missing = (await merchant.api('GET', '/packaging/missing-dimensions?limit=500')).body as {
      total: number;
    };
    expect(missing.total).toBeGreaterThan(0);
  });

  it("keeps the merchant's own profiles, refreshes its own, and skips sizes no carrier takes", async () => {
    const { fake, merchant } = await setUp({ products: 20 });
    const [mine, theirs, odd] = [...fake.products.values()].filter(
      (p) => p.type === 'simple' && p.dimensions.length !== '' && !p.virtual,
    );
    await merchant.api('PUT', `/packaging/${encodeURIComponent(`variant:${mine!.id}`)}`, {
      packages: [{ type: 'pallet', lengthCm: 120, widthCm: 100, heightCm: 80, weightKg: 40 }],
      locationIds: [],
      consolidatable: false,
    });
    odd!.weight = '5000';
    await connect(merchant, fake);
    const first = await finished(merchant);
    expect(first.counts.kept).toBe(1);
    expect(first.counts.implausible).toBe(1);
    expect((await profile(merchant, mine!.id))?.packages[0]?.type).toBe('pallet');
    expect(await profile(merchant, odd!.id)).toBeUndefined();

    // The store changes a size; a second sync refreshes the bridge's profile and still keeps the merchant's.
    theirs!.dimensions = { length: '99', width: '45', height: '12' };
    mine!.dimensions = { length: '11', width: '11', height: '11' };
    expect((await merchant.api('POST', '/woocommerce/sync')).status).toBe(202);
    const second = await finished(merchant);
    expect(second.counts).toMatchObject({ updated: 1, kept: 1, created: 0 });
    expect(second.counts.unchanged).toBe(first.counts.created - 1);
    expect((await profile(merchant, theirs!.id))?.packages[0]).toMatchObject({
      lengthCm: 99,
      widthCm: 45,
      heightCm: 12,
    });
    expect((await profile(merchant, mine!.id))?.packages[0]?.type).toBe('pallet');

    // Once the merchant edits a profile the bridge wrote, it is theirs.
    await merchant.api('PUT', `/packaging/${encodeURIComponent(`variant:${theirs!.id}`)}`, {
      packages: [{ type: 'crate', lengthCm: 100, widthCm: 50, heightCm: 20, weightKg: 10 }],
    });
    theirs!.dimensions = { length: '98', width: '45', height: '12' };
    await merchant.api('POST', '/woocommerce/sync');
    expect((await finished(merchant)).counts.kept).toBe(2);
    expect((await profile(merchant, theirs!.id))?.packages[0]?.type).toBe('crate');
  });

  it('retries a page the store fails transiently', async () => {
    const { fake, merchant } = await setUp({ products: 250 });
    fake.behaviour.failPages = new Map([[2, 2]]);
    await connect(merchant, fake);
    expect(await finished(merchant)).toMatchObject({ status: 'completed', done: 250, total: 250 });
    expect(fake.requests.filter((r) => r.route === 'products' && r.page === 2).map((r) => r.status)).toEqual([
      503, 503, 200,
    ]);
  });

  it('gives up on a page that keeps failing and says so', async () => {
    const { fake, merchant } = await setUp({ products: 150 });
    fake.behaviour.failPages = new Map([[2, 99]]);
    await connect(merchant, fake);
    const sync = await finished(merchant);
    expect(sync.status).toBe('failed');
    expect(sync.error).toMatch(/temporarily unavailable \(HTTP 503\)/);
  });

  it('resumes a sync interrupted by a restart, without reading the pages already done again', async () => {
    const { fake, merchant } = await setUp({ products: 800, latencyMs: 25 });
    await connect(merchant, fake);
    const tenant = merchant.tenant;
    const state = () =>
      app.store.getDoc({ tenant, kind: 'woocommerce-sync', id: 'current' }) as Promise<{
        pagesDone: number[];
        done: number;
      }>;
    const deadline = Date.now() + 20_000;
    while (((await state())?.pagesDone?.length ?? 0) < 2) {
      if (Date.now() > deadline) throw new Error('the sync did not get going');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await app.restart();
    const before = await state();
    expect(before.pagesDone.length).toBeGreaterThanOrEqual(2);
    expect(before.pagesDone.length).toBeLessThan(8);
    const admin = await app.signIn(tenant);
    const sync = await (async () => {
      for (;;) {
        const view = ((await admin.api('GET', '/woocommerce/sync')).body as { sync: SyncView }).sync;
        if (view.status !== 'running') return view;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    expect(sync).toMatchObject({ status: 'completed', done: 800, total: 800, resumed: 1 });
    const reads = fake.pageRequests();
    for (const page of before.pagesDone) expect([page, reads.get(page)]).toEqual([page, 1]);
    for (let page = 1; page <= 8; page += 1) expect(reads.get(page)).toBeGreaterThanOrEqual(1);
  });

  it('takes over a sync whose runner died, once its lease has run out', async () => {
    const { fake, merchant } = await setUp({ products: 150 });
    await connect(merchant, fake);
    const first = await finished(merchant);
    expect(first.status).toBe('completed');
    // What a crashed instance leaves behind: a running sync, page 1 done, a lease nobody renews.
    await app.store.putDoc(
      { tenant: merchant.tenant, kind: 'woocommerce-sync', id: 'current' },
      {
        id: 'sync_crashed',
        status: 'running',
        trigger: 'manual',
        startedAt: new Date().toISOString(),
        updatedAt: new Date().toISOString(),
        finishedAt: null,
        pageSize: 100,
        total: 150,
        totalPages: 2,
        pagesDone: [1],
        done: 100,
        variations: 0,
        counts: { recorded: 0, created: 0, updated: 0, unchanged: 0, kept: 0, implausible: 0 },
        resumed: 0,
        error: null,
        lease: { owner: 'sync-runner-crashed', until: Date.now() + 200 },
      },
    );
    await app.store.putDoc(
      { tenant: '_global', kind: 'woocommerce-sync-index', id: merchant.tenant },
      { since: 'now' },
    );
    fake.requests.length = 0;
    const deadline = Date.now() + 5000;
    let view: SyncView;
    do {
      await new Promise((resolve) => setTimeout(resolve, 50));
      view = ((await merchant.api('GET', '/woocommerce/sync')).body as { sync: SyncView }).sync;
    } while (view.status === 'running' && Date.now() < deadline);
    expect(view).toMatchObject({ status: 'completed', done: 150, resumed: 1 });
    expect([...fake.pageRequests()]).toEqual([[2, 1]]);
  });
});
