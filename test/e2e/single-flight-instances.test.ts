/**
 * Two RateBridge instances (separate cores, separate Redis connections, one Redis) quoting the same cart
 * at the same moment make one upstream call between them: single-flight and the cache live in the store.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../core/ratebridge.js';
import { probeRedis } from '../support/redis.js';
import { startSandboxInstances, type SandboxInstances } from '../support/sandbox-instances.js';

const redis = await probeRedis();

describe.skipIf(!redis.ok)(`single-flight across instances sharing Redis (${redis.reason})`, () => {
  let setup: SandboxInstances;

  beforeAll(async () => {
    setup = await startSandboxInstances({ name: 'multi', latencyMs: 250 });
  });
  afterAll(() => setup?.close());

  it('12 concurrent identical quotes on two instances make one upstream call', async () => {
    const { instances, tenant } = setup;
    const stats = setup.quoteCalls;
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
