/**
 * Stale while revalidate across two instances on one Redis: once a cached quote expires, checkouts on
 * either instance are answered at once from it (marked stale in the rate log) while exactly one background
 * refresh asks the platform; the refreshed answer then serves as a fresh hit. A popular cart never waits
 * on the platform twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../core/ratebridge.js';
import { probeRedis } from '../support/redis.js';
import { startSandboxInstances, type SandboxInstances } from '../support/sandbox-instances.js';

const redis = await probeRedis();
const PLATFORM_LATENCY_MS = 300;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!redis.ok)(`stale while revalidate on two instances (${redis.reason})`, () => {
  let setup: SandboxInstances;
  const cart = {
    destination: { country: 'AU', postcode: '3000' },
    currency: 'AUD',
    lines: [{ sku: 'BOX', quantity: 1, priceCents: 1000, requiresShipping: true }],
  };

  beforeAll(async () => {
    setup = await startSandboxInstances({
      name: 'swr',
      latencyMs: PLATFORM_LATENCY_MS,
      env: { QUOTE_CACHE_TTL_SECONDS: '1' },
      logLevel: 'warn',
    });
  });
  afterAll(() => setup?.close());

  it('serves an expired quote at once on both instances while one refresh runs', async () => {
    const { instances, tenant, quoteCalls } = setup;
    const first = await instances[0].quotes.quote(tenant, cart);
    expect(first.log.outcome).toBe('live');
    const afterFirst = await quoteCalls();
    await sleep(1100); // past the 1 s TTL, well inside the stale window

    const started = performance.now();
    const burst = await Promise.all(
      Array.from({ length: 12 }, (_, i) => (instances[i % 2] as Core).quotes.quote(tenant, cart)),
    );
    const burstMs = performance.now() - started;
    expect(burst.map((o) => o.log.outcome)).toEqual(Array(12).fill('stale'));
    expect(burst.every((o) => o.log.upstream[0]?.cache === 'stale')).toBe(true);
    expect(burst.every((o) => JSON.stringify(o.rates) === JSON.stringify(first.rates))).toBe(true);
    // Nobody waited for the platform, which takes 300 ms to answer.
    expect(burstMs).toBeLessThan(PLATFORM_LATENCY_MS);

    await sleep(PLATFORM_LATENCY_MS + 400);
    expect(await quoteCalls()).toBe(afterFirst + 1);
    const refreshed = await instances[1].quotes.quote(tenant, cart);
    expect(refreshed.log.outcome).toBe('cached');
    expect(refreshed.log.upstream[0]?.cache).toBe('hit');
    expect(await quoteCalls()).toBe(afterFirst + 1);

    // The rate log marks the stale answers, for metrics.
    const { entries } = await instances[0].rateLog.page(tenant, 0, 14);
    expect(entries.filter((entry) => entry.outcome === 'stale')).toHaveLength(12);
  });
});
