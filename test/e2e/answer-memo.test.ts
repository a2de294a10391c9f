/**
 * The same cart asked again within a second gets the first answer (core/quoting/answer-memo.ts), and only
 * while that is as fresh as quoting again: each checkout keeps its own rate-log entry, a write through the
 * instance is seen by the very next checkout, a fallback answer is never reused, and a write through
 * another instance sharing Redis is seen once the second has passed (the window docs/performance.md states). Real server, sandbox platform over
 * its socket, both stores where Redis is available.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../core/ratebridge.js';
import { ANSWER_MEMO_MS } from '../../core/quoting/answer-memo.js';
import { capturingLogger } from '../support/log-capture.js';
import type { RedisStore } from '../../core/storage/redis-store.js';
import type { Store } from '../../core/storage/store.js';
import { probeRedis, testRedisStore } from '../support/redis.js';
import { startAppHarness, type AppHarness, type StoreKind } from '../support/app-harness.js';

const redis = await probeRedis();
const stores: StoreKind[] = redis.ok ? ['embedded', 'redis'] : ['embedded'];

describe.each(stores)('the same cart within a second (%s store)', (storeKind) => {
  let app: AppHarness;
  let core: Core;
  let tenant: string;
  let postcode = 3000;
  let reads = 0;

  beforeAll(async () => {
    // Counts the documents the core reads: a reused answer reads none.
    app = await startAppHarness({
      store: storeKind,
      wrapStore: (store) =>
        Object.assign(Object.create(store) as Store, {
          getDoc: (...args: Parameters<Store['getDoc']>) => (reads++, store.getDoc(...args)),
          getDocShared: (...args: Parameters<Store['getDoc']>) => (
            reads++,
            (store.getDocShared ?? store.getDoc).apply(store, args)
          ),
          listDocs: (...args: Parameters<Store['listDocs']>) => (reads++, store.listDocs(...args)),
        }),
    });
    core = app.running.serverApp.core;
    const merchant = await app.signIn(`memo-${randomBytes(3).toString('hex')}`);
    tenant = merchant.tenant;
    const token = await app.createSandboxToken('memo');
    const connect = { platform: 'sandbox', environment: 'test', label: 'Sandbox', token };
    expect((await merchant.api('POST', '/connections', connect)).status).toBe(201);
    const location = { name: 'Sydney DC', suburb: 'Sydney', postcode: '2000', state: 'NSW' };
    expect((await merchant.api('POST', '/locations', location)).status).toBe(201);
    const packaging = {
      packages: [{ type: 'carton', lengthCm: 40, widthCm: 30, heightCm: 20, weightKg: 2 }],
    };
    expect((await merchant.api('PUT', '/packaging/sku%3AMEMO-1', packaging)).status).toBe(200);
  });
  afterAll(async () => {
    await app.close();
  });

  // A new destination per test: each starts with nothing kept.
  const cart = () => ({
    destination: { country: 'AU', postcode: String(++postcode) },
    currency: 'AUD',
    lines: [{ sku: 'MEMO-1', quantity: 1, grams: 2000, priceCents: 5000, requiresShipping: true }],
  });
  const behave = (behaviour: Record<string, unknown>) =>
    fetch(`${app.sandbox.url}/behaviour`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(behaviour),
    });
  const hideService = async (code: string | undefined, through: Core = core) => {
    const settings = await through.quoteSettings.get(tenant);
    await through.quoteSettings.put(tenant, { ...settings, hideServices: code ? [code] : [] });
  };

  it('answers the second checkout with the first one-s rates, each in the rate log as its own', async () => {
    const asked = cart();
    // The connection's first use is written to its document as the quote ends (once a minute at most), and
    // a write ends what was kept: the checkout after it is quoted afresh, and kept.
    await core.quotes.quote(tenant, asked, { frontEnd: 'woocommerce' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const first = await core.quotes.quote(tenant, asked, { frontEnd: 'woocommerce' });
    const readsBefore = reads;
    const second = await core.quotes.quote(tenant, asked, { frontEnd: 'woocommerce' });
    expect(reads - readsBefore).toBe(0);
    expect(first.fallbackReason).toBeUndefined();
    expect(first.source).toBe('live');
    expect(second.rates).toEqual(first.rates);
    expect(second.log.id).not.toBe(first.log.id);
    expect(second.log.outcome).toBe('cached');
    expect(second.log.upstream.length).toBeGreaterThan(0);
    for (const call of second.log.upstream) expect(call).toMatchObject({ cache: 'hit', latencyMs: 0 });
    const ids = (await core.rateLog.page(tenant, 0, 10)).entries.map((entry) => entry.id);
    expect(ids).toEqual(expect.arrayContaining([first.log.id, second.log.id]));
  });

  it('sees a settings change made through this instance at the very next checkout', async () => {
    const asked = cart();
    await core.quotes.quote(tenant, asked, { frontEnd: 'shopify' });
    await new Promise((resolve) => setTimeout(resolve, 50)); // a connection's first use is written as it ends
    await core.quotes.quote(tenant, asked, { frontEnd: 'shopify' });
    // Kept: the same cart again is answered from it (so the change below has something to end).
    const before = await core.quotes.quote(tenant, asked, { frontEnd: 'shopify' });
    expect(before.log.outcome).toBe('cached');
    const readsBefore = reads;
    expect((await core.quotes.quote(tenant, asked, { frontEnd: 'shopify' })).rates).toEqual(before.rates);
    expect(reads - readsBefore).toBe(0);
    const hidden = before.rates[0]?.code;
    expect(hidden).toBeDefined();
    await hideService(hidden);
    try {
      const after = await core.quotes.quote(tenant, asked, { frontEnd: 'shopify' });
      expect(after.rates.map((rate) => rate.code)).not.toContain(hidden);
      expect(after.rates.length).toBe(before.rates.length - 1);
    } finally {
      await hideService(undefined);
    }
  });

  it('never reuses fallback rates: the same cart again is quoted again', async () => {
    const asked = cart();
    await behave({ status: 500 });
    try {
      const first = await core.quotes.quote(tenant, asked, { frontEnd: 'woocommerce' });
      const second = await core.quotes.quote(tenant, asked, { frontEnd: 'woocommerce' });
      expect(first.source).toBe('fallback');
      // Reused, it would say `cached`; quoted again, it falls back again on its own account.
      expect(second.log).toMatchObject({ source: 'fallback', outcome: 'fallback' });
      expect(second.fallbackReason).toBeDefined();
    } finally {
      await behave({});
    }
  });

  // Two instances share only Redis; the embedded store is one instance's own.
  if (storeKind === 'redis')
    it('sees a change made through another instance once its second has passed', async () => {
      // Another instance: its own core and its own connection to the same Redis keys.
      const { keyPrefix } = (app.store as RedisStore).limiterConnection();
      const other = await createCore({
        config: app.config,
        logger: capturingLogger().logger,
        store: testRedisStore(keyPrefix),
      });
      try {
        const asked = cart();
        const before = await core.quotes.quote(tenant, asked, { frontEnd: 'shopify' });
        const hidden = before.rates[0]?.code as string;
        await hideService(hidden, other);
        await new Promise((resolve) => setTimeout(resolve, ANSWER_MEMO_MS + 50));
        const after = await core.quotes.quote(tenant, asked, { frontEnd: 'shopify' });
        expect(after.rates.map((rate) => rate.code)).not.toContain(hidden);
      } finally {
        await hideService(undefined, other);
        await other.close();
      }
    });
});
