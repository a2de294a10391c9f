/**
 * Two RateBridge instances (separate cores, separate Redis connections, one Redis) quoting the same cart
 * at the same moment make one upstream call between them: single-flight and the cache live in the store.
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

describe.skipIf(!redis.ok)(`single-flight across instances sharing Redis (${redis.reason})`, () => {
  let sandbox: SandboxServer;
  let sandboxStore: EmbeddedStore;
  let instances: Core[];
  let cleanup: () => Promise<void>;
  const tenant = asTenantId(`multi-${randomBytes(3).toString('hex')}`);

  beforeAll(async () => {
    const dir = await tempDir('multi');
    sandboxStore = await openEmbeddedStore({ dataDir: dir.dir });
    sandbox = await startSandboxServer({ store: sandboxStore });
    const config = testConfig({ SANDBOX_URL: sandbox.url, DATA_DIR: dir.dir });
    const prefix = `rbtest:${randomBytes(4).toString('hex')}:`;
    const { logger } = capturingLogger();
    instances = await Promise.all(
      [0, 1].map(() => createCore({ config, logger, store: testRedisStore(prefix) })),
    );
    cleanup = async () => {
      await instances[0]?.store.deleteTenant(tenant);
      await instances[0]?.store.deleteTenant('_global');
      for (const core of instances) await core.close();
      await sandbox.close();
      await sandboxStore.close();
      await dir.remove();
    };
    const [a] = instances as [Core, Core];
    const created = await fetch(`${sandbox.url}/api-tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'multi', environment: 'test' }),
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
      body: JSON.stringify({ latencyMs: 250 }),
    });
  });
  afterAll(() => cleanup());

  it('12 concurrent identical quotes on two instances make one upstream call', async () => {
    const stats = async () =>
      ((await (await fetch(`${sandbox.url}/stats`)).json()) as { calls: { quotes: number } }).calls.quotes;
    const before = await stats();
    const cart = {
      destination: { country: 'AU', postcode: '3000' },
      currency: 'AUD',
      lines: [{ sku: 'BOX', quantity: 2, priceCents: 1000, requiresShipping: true }],
    };
    const outcomes = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        (instances[i % 2] as Core).quotes.quote(tenant, cart, { record: false }),
      ),
    );
    expect(outcomes.every((o) => o.source === 'live')).toBe(true);
    expect(new Set(outcomes.map((o) => JSON.stringify(o.rates))).size).toBe(1);
    expect(await stats()).toBe(before + 1);
    const caches = outcomes.map((o) => o.log.upstream[0]?.cache);
    expect(caches.filter((c) => c === 'miss')).toHaveLength(1);
  });
});
