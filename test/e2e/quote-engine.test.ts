/**
 * The quote engine end to end, over real sockets against the sandbox platform: packaging, groups per
 * warehouse, concurrency, the cache and single-flight (counted by the sandbox's own stats), the deadline,
 * the breaker, a revoked token, and the fallbacks. On both stores where Redis is available.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { probeRedis } from '../support/redis.js';
import {
  startAppHarness,
  type AppHarness,
  type StoreKind,
  type TenantClient,
} from '../support/app-harness.js';
import type { TestQuoteResult as TestQuote } from '../../core/wire/admin-api-types.js';

const redis = await probeRedis();
const stores: StoreKind[] = redis.ok ? ['embedded', 'redis'] : ['embedded'];

const WAREHOUSES = [
  { name: 'Sydney DC', suburb: 'Sydney', postcode: '2000', state: 'NSW' },
  { name: 'Melbourne DC', suburb: 'Melbourne', postcode: '3000', state: 'VIC' },
  { name: 'Brisbane DC', suburb: 'Brisbane City', postcode: '4000', state: 'QLD' },
];

describe.each(stores)('quote engine against the sandbox (%s store)', (storeKind) => {
  let app: AppHarness;
  let merchant: TenantClient;
  const locationIds: string[] = [];

  async function sandbox(path: string, init: RequestInit = {}): Promise<unknown> {
    const response = await fetch(`${app.sandbox.url}${path}`, {
      ...init,
      headers: { 'content-type': 'application/json', ...(init.headers as Record<string, string>) },
    });
    return response.json();
  }
  const quoteCalls = async () => ((await sandbox('/stats')) as { calls: { quotes: number } }).calls.quotes;
  const behave = (behaviour: Record<string, unknown>) =>
    sandbox('/behaviour', { method: 'PUT', body: JSON.stringify(behaviour) });

  const cart = (postcode: string, lines: { sku: string; quantity?: number; grams?: number }[]) => ({
    destination: { country: 'AU', postcode, state: postcode.startsWith('2') ? 'NSW' : 'VIC' },
    currency: 'AUD',
    lines: lines.map((line) => ({ quantity: 1, priceCents: 5000, ...line })),
  });
  const testQuote = async (body: unknown): Promise<TestQuote> => {
    const response = await merchant.api('POST', '/quotes/test', body);
    expect(response.status).toBe(200);
    return response.body as TestQuote;
  };

  beforeAll(async () => {
    app = await startAppHarness({
      store: storeKind,
      env: { PLATFORM_TIMEOUT_MS: '600' },
      core: {
        tokens: { attemptLimit: { attempts: 100, windowMs: 60_000 } },
        upstream: { breakerThreshold: 3, breakerHalfOpenAfterMs: 60_000 },
      },
    });
    merchant = await app.signIn(`quotes-${randomBytes(3).toString('hex')}`);
    const token = await app.createSandboxToken('checkout');
    const connected = await merchant.api('POST', '/connections', {
      platform: 'sandbox',
      environment: 'test',
      label: 'Sandbox',
      token,
    });
    expect(connected.status).toBe(201);
    for (const warehouse of WAREHOUSES) {
      const created = await merchant.api('POST', '/locations', warehouse);
      expect(created.status).toBe(201);
      locationIds.push((created.body as { location: { id: string } }).location.id);
    }
    // One SKU per warehouse, and one that ships from two (the first listed wins).
    for (const [index, id] of locationIds.entries()) {
      const saved = await merchant.api('PUT', `/packaging/${encodeURIComponent(`sku:CHAIR-${index}`)}`, {
        packages: [{ type: 'carton', lengthCm: 60, widthCm: 50, heightCm: 90, weightKg: 12 }],
        locationIds: [id],
        consolidatable: false,
      });
      expect(saved.status).toBe(200);
    }
    await merchant.api('PUT', '/packaging-settings/default-box', {
      type: 'carton',
      lengthCm: 40,
      widthCm: 30,
      heightCm: 20,
      tareWeightKg: 0.5,
    });
  });
  afterAll(() => app.close());
  afterEach(() => behave({}));

  it('quotes a one-warehouse cart: live rates, integer cents, sorted by price, logged', async () => {
    const quote = await testQuote(cart('3000', [{ sku: 'CHAIR-0', quantity: 2 }]));
    expect(quote.source).toBe('live');
    expect(quote.rates.length).toBeGreaterThan(0);
    for (const rate of quote.rates) {
      expect(Number.isInteger(rate.totalCents)).toBe(true);
      expect(rate.totalCents).toBeGreaterThan(0);
      expect(rate.currency).toBe('AUD');
    }
    const prices = quote.rates.map((r) => r.totalCents);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
    expect(quote.diagnostics.groups).toEqual([
      { locationId: locationIds[0], estimated: false, packages: expect.any(Array) },
    ]);

    const log = (await merchant.api('GET', '/rate-log?limit=5')).body as {
      entries: { id: string; rates: unknown[] }[];
    };
    expect(log.entries[0]?.rates).toEqual(quote.rates);
    const entry = await merchant.api('GET', `/rate-log/${log.entries[0]?.id}`);
    expect(entry.status).toBe(200);
  });

  it('quotes three warehouses concurrently and combines them into options covering all three', async () => {
    await behave({ latencyMs: 300 });
    const quote = await testQuote(cart('2000', [{ sku: 'CHAIR-0' }, { sku: 'CHAIR-1' }, { sku: 'CHAIR-2' }]));
    expect(quote.source).toBe('live');
    expect(new Set(quote.diagnostics.upstream.map((u) => u.locationId))).toEqual(new Set(locationIds));
    // Concurrent, not sequential: the whole quote took less than its upstream calls added up.
    const upstreamTotal = quote.diagnostics.upstream.reduce((sum, u) => sum + u.latencyMs, 0);
    expect(upstreamTotal).toBeGreaterThanOrEqual(3 * 300);
    expect(quote.diagnostics.durationMs).toBeLessThan(upstreamTotal);
    const single = await testQuote(cart('2000', [{ sku: 'CHAIR-0' }]));
    for (const rate of quote.rates) {
      const same = single.rates.find((r) => r.code === rate.code);
      if (same) expect(rate.totalCents).toBeGreaterThan(same.totalCents);
    }
  });

  it('makes exactly one upstream call for N identical concurrent quotes, then serves the cache', async () => {
    await behave({ latencyMs: 200 });
    const before = await quoteCalls();
    const body = cart('3121', [{ sku: 'CHAIR-1', quantity: 3 }]);
    const quotes = await Promise.all(Array.from({ length: 12 }, () => testQuote(body)));
    expect(await quoteCalls()).toBe(before + 1);
    expect(new Set(quotes.map((q) => JSON.stringify(q.rates))).size).toBe(1);
    const caches = quotes.flatMap((q) => q.diagnostics.upstream.map((u) => u.cache)).sort();
    expect(caches.filter((c) => c === 'miss')).toHaveLength(1);
    const again = await testQuote(body);
    expect(again.diagnostics.upstream[0]?.cache).toBe('hit');
    expect(await quoteCalls()).toBe(before + 1);
  });

  it('answers with fallback rates at the deadline when the platform hangs', async () => {
    await behave({ hang: true });
    const started = Date.now();
    const quote = await testQuote({ ...cart('2150', [{ sku: 'CHAIR-0' }]), deadlineMs: 400 });
    const elapsed = Date.now() - started;
    expect(quote.source).toBe('fallback');
    expect(quote.fallbackReason).toMatch(/deadline/);
    expect(quote.rates).toEqual([
      // GST-inclusive, one eleventh of it GST (docs/prices-and-gst.md).
      {
        code: 'fallback-standard',
        name: 'Standard shipping',
        totalCents: 1500,
        gstCents: 136,
        gstIncluded: true,
        currency: 'AUD',
      },
    ]);
    expect(elapsed).toBeLessThan(400 + 600);
  });

  /** A tenant of its own (connection, one warehouse, a default box), so breaker state stays with it. */
  async function freshTenant(label: string): Promise<{ client: TenantClient; connectionId: string }> {
    const client = await app.signIn(`${label}-${randomBytes(3).toString('hex')}`);
    const tokenName = `${label}-${storeKind}-${randomBytes(2).toString('hex')}`;
    const token = await app.createSandboxToken(tokenName);
    const connection = await client.api('POST', '/connections', {
      platform: 'sandbox',
      environment: 'test',
      label,
      token,
    });
    await client.api('POST', '/locations', WAREHOUSES[0]);
    await client.api('PUT', '/packaging-settings/default-box', {
      type: 'carton',
      lengthCm: 40,
      widthCm: 30,
      heightCm: 20,
      tareWeightKg: 0,
    });
    return { client, connectionId: (connection.body as { connection: { id: string } }).connection.id };
  }

  it('opens the breaker after repeated failures so a dead platform is not called again', async () => {
    const { client } = await freshTenant('breaker');
    await behave({ status: 503 });
    const before = await quoteCalls();
    for (const postcode of ['2600', '2601', '2602', '2603', '2604', '2605']) {
      const response = await client.api(
        'POST',
        '/quotes/test',
        cart(postcode, [{ sku: 'ANY', grams: 1000 }]),
      );
      expect((response.body as TestQuote).source).toBe('fallback');
    }
    // Threshold 3: three calls reach the platform, the rest are refused by the open breaker.
    expect(await quoteCalls()).toBe(before + 3);
  });

  it('counts a hanging platform as failing: the breaker opens and later checkouts do not wait on it', async () => {
    const { client } = await freshTenant('hang-breaker');
    await behave({ hang: true });
    const before = await quoteCalls();
    for (const postcode of ['2700', '2701', '2702']) {
      const response = await client.api('POST', '/quotes/test', {
        ...cart(postcode, [{ sku: 'ANY', grams: 1000 }]),
        deadlineMs: 250,
      });
      expect((response.body as TestQuote).source).toBe('fallback');
    }
    // Each cut-off call runs on to the platform timeout (600 ms here) and is then counted as a timeout.
    await expect.poll(async () => (await quoteCalls()) - before, { timeout: 5000 }).toBe(3);
    await new Promise((resolve) => setTimeout(resolve, 800));
    const afterTrip = await quoteCalls();
    const response = await client.api('POST', '/quotes/test', {
      ...cart('2703', [{ sku: 'ANY', grams: 1000 }]),
      deadlineMs: 250,
    });
    expect((response.body as TestQuote).fallbackReason).toBeDefined();
    expect(await quoteCalls()).toBe(afterTrip);
  });

  it('lets a checkout with time left finish a call that a hastier one started', async () => {
    const { client } = await freshTenant('shared-deadline');
    await behave({ latencyMs: 300 });
    const body = cart('2800', [{ sku: 'ANY', grams: 1500 }]);
    const hasty = client.api('POST', '/quotes/test', { ...body, deadlineMs: 200 });
    await new Promise((resolve) => setTimeout(resolve, 30));
    const patient = client.api('POST', '/quotes/test', { ...body, deadlineMs: 2000 });
    expect(((await hasty).body as TestQuote).source).toBe('fallback');
    expect(((await patient).body as TestQuote).source).toBe('live');
  });

  it('packs an unprofiled SKU by shop weight in the default box, flagged estimated', async () => {
    const quote = await testQuote(cart('3000', [{ sku: 'NO-PROFILE', grams: 2500 }]));
    expect(quote.source).toBe('live');
    expect(quote.diagnostics.groups[0]?.estimated).toBe(true);
    const report = (await merchant.api('GET', '/packaging/missing-dimensions')).body as {
      items: { sku?: string }[];
    };
    await expect
      .poll(async () => {
        const body = (await merchant.api('GET', '/packaging/missing-dimensions')).body as {
          items: { sku?: string }[];
        };
        return body.items.map((item) => item.sku);
      })
      .toContain('NO-PROFILE');
    expect(report).toBeDefined();
  });

  it('falls back, never guesses: unknown SKU without weight, foreign currency; none outside Australia', async () => {
    const unknown = await testQuote(cart('3000', [{ sku: 'MYSTERY' }]));
    expect(unknown).toMatchObject({
      source: 'fallback',
      fallbackReason: expect.stringContaining('MYSTERY') as string,
    });
    const usd = await testQuote({ ...cart('3000', [{ sku: 'CHAIR-0' }]), currency: 'USD' });
    // AUD prices are labelled AUD, never the cart's currency (Shopify's reference: "the currency of the rate").
    expect(usd).toMatchObject({ source: 'fallback', rates: [{ currency: 'AUD' }] });
    expect(usd.fallbackReason).toMatch(/USD/);
    const abroad = await testQuote({
      ...cart('3000', [{ sku: 'CHAIR-0' }]),
      destination: { country: 'NZ', postcode: '1010' },
    });
    expect(abroad).toMatchObject({ source: 'none', rates: [] });
    const nothingToShip = await merchant.api('POST', '/quotes/test', {
      ...cart('3000', [{ sku: 'GIFT-CARD' }]),
      lines: [{ sku: 'GIFT-CARD', quantity: 1, requiresShipping: false }],
    });
    expect(nothingToShip.body).toMatchObject({ source: 'none', rates: [] });
  });

  it('applies the saved rules, and previews unsaved ones without logging them', async () => {
    const base = await testQuote(cart('3000', [{ sku: 'CHAIR-0' }]));
    const rules = {
      strategy: 'cheapest',
      markupPercent: 10,
      handlingFeeCents: 200,
      rounding: 'to_95',
      fallbackRates: [{ code: 'flat', name: 'Flat rate', priceCents: 2500 }],
    };
    const preview = await merchant.api('POST', '/quotes/test', {
      ...cart('3000', [{ sku: 'CHAIR-0' }]),
      settings: rules,
    });
    const previewed = preview.body as TestQuote;
    expect(previewed.rates).toHaveLength(1);
    const cheapest = Math.min(...base.rates.map((r) => r.totalCents));
    const expected = cheapest + Math.round(cheapest / 10) + 200;
    expect(previewed.rates[0]?.totalCents).toBeGreaterThanOrEqual(expected);
    expect(previewed.rates[0]?.totalCents).toBeLessThan(expected + 100);
    expect((previewed.rates[0]?.totalCents ?? 0) % 100).toBe(95);

    const saved = await merchant.api('PUT', '/rules', rules);
    expect(saved.status).toBe(200);
    const bad = await merchant.api('PUT', '/rules', { ...rules, rounding: 'sideways' });
    expect(bad.status).toBe(400);
    expect(
      ((await merchant.api('GET', '/rules')).body as { rules: { rounding: string } }).rules.rounding,
    ).toBe('to_95');
    await merchant.api('PUT', '/rules', {});
  });

  it('falls back at once and marks the connection revoked when the platform answers 401', async () => {
    const { client, connectionId } = await freshTenant('revoked');
    const tokens = (await app.sandboxTokens()).filter((t) => t.name.startsWith(`revoked-${storeKind}`));
    for (const token of tokens) await app.revokeSandboxToken(token.name);
    const response = await client.api('POST', '/quotes/test', cart('3000', [{ sku: 'ANY', grams: 1000 }]));
    expect(response.body).toMatchObject({
      source: 'fallback',
      fallbackReason: expect.stringMatching(/revoked/) as string,
    });
    const after = (await client.api('GET', `/connections/${connectionId}`)).body as {
      connection: { status: string };
    };
    expect(after.connection.status).toBe('revoked');
    // The next quote does not even try the revoked token.
    const next = await client.api('POST', '/quotes/test', cart('3000', [{ sku: 'ANY', grams: 1000 }]));
    expect(next.body).toMatchObject({
      source: 'fallback',
      fallbackReason: 'no active freight platform connection',
    });
  });

  it('suggests localities for autocomplete, offline', async () => {
    const found = await merchant.api('GET', '/localities?q=bondi&limit=5');
    expect(found.status).toBe(200);
    const { localities } = found.body as {
      localities: { suburb: string; postcode: string; state: string }[];
    };
    expect(localities).toContainEqual({ suburb: 'Bondi Beach', postcode: '2026', state: 'NSW' });
    expect(localities.length).toBeLessThanOrEqual(5);
    expect((await merchant.api('GET', '/localities?q=')).status).toBe(400);
  });

  it('rejects malformed test quotes with coded 400s', async () => {
    for (const body of [
      {},
      { destination: { country: 'AU', postcode: '3000' }, lines: [] },
      { ...cart('3000', [{ sku: 'X', quantity: 0 }]) },
    ]) {
      const response = await merchant.api('POST', '/quotes/test', body);
      expect(response.status).toBe(400);
      expect((response.body as { error: { code: string } }).error.code).toBe('RB_ERR_VALIDATION');
    }
  });
});
