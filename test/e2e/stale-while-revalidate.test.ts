/**
 * Stale while revalidate across two instances on one Redis: once a cached quote expires, checkouts on
 * either instance are answered at once from it (marked stale in the rate log) while exactly one background
 * refresh asks the platform; the refreshed answer then serves as a fresh hit. A popular cart never waits
 * on the platform twice.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asTenantId } from '../../core/ids.js';
import { createCore, type Core } from '../../core/ratebridge.js';
import { withSecretScope } from '../../core/security/redact.js';
import { openEmbeddedStore, type EmbeddedStore } from '../../core/storage/embedded-store.js';
import { startSandboxServer, type SandboxServer } from '../../core/platforms/sandbox/sandbox-server.js';
import { capturingLogger } from '../support/log-capture.js';
import { probeRedis, testRedisStore } from '../support/redis.js';
import { tempDir } from '../support/temp-dir.js';
import { testConfig } from '../support/test-config.js';

const redis = await probeRedis();
const PLATFORM_LATENCY_MS = 300;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!redis.ok)(`stale while revalidate on two instances (${redis.reason})`, () => {
  let sandbox: SandboxServer;
  let sandboxStore: EmbeddedStore;
  let instances: [Core, Core];
  let cleanup: () => Promise<void>;
  const tenant = asTenantId(`swr-${randomBytes(3).toString('hex')}`);
  const cart = {
    destination: { country: 'AU', postcode: '3000' },
    currency: 'AUD',
    lines: [{ sku: 'BOX', quantity: 1, priceCents: 1000, requiresShipping: true }],
  };
  const quoteCalls = async () =>
    ((await (await fetch(`${sandbox.url}/stats`)).json()) as { calls: { quotes: number } }).calls.quotes;

  beforeAll(async () => {
    const dir = await tempDir('swr');
    sandboxStore = await openEmbeddedStore({ dataDir: dir.dir });
    sandbox = await startSandboxServer({ store: sandboxStore });
    const config = testConfig({ SANDBOX_URL: sandbox.url, DATA_DIR: dir.dir, QUOTE_CACHE_TTL_SECONDS: '1' });
    const prefix = `rbtest:${randomBytes(4).toString('hex')}:`;
    const { logger } = capturingLogger('warn');
    instances = (await Promise.all(
      [0, 1].map(() => createCore({ config, logger, store: testRedisStore(prefix) })),
    )) as [Core, Core];
    cleanup = async () => {
      await instances[0].store.deleteTenant(tenant);
      for (const core of instances) await core.close();
      await sandbox.close();
      await sandboxStore.close();
      await dir.remove();
    };
    const [a] = instances;
    const created = await fetch(`${sandbox.url}/api-tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'swr', environment: 'test' }),
    });
    const { token } = (await created.json()) as { token: string };
    await withSecretScope(() =>
      a.tokens.connect(tenant, { platform: 'sandbox', environment: 'test', label: 'S', token }),
    );
    const { location } = await a.locations.create(tenant, {
      name: 'DC',
      suburb: 'Sydney',
      postcode: '2000',
      state: 'NSW',
    });
    await a.catalog.upsertProfile(tenant, 'sku:BOX', {
      packages: [{ type: 'carton', lengthCm: 30, widthCm: 30, heightCm: 30, weightKg: 4 }],
      locationIds: [location.id],
    });
    await fetch(`${sandbox.url}/behaviour`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ latencyMs: PLATFORM_LATENCY_MS }),
    });
  });
  afterAll(() => cleanup());

  it('serves an expired quote at once on both instances while one refresh runs', async () => {
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
