/**
 * The budget's arithmetic on real counters (Redis, shared by two "instances"; and the embedded store's
 * in-memory counters), with a clock the test moves: at most N requests in any 60 seconds, not per clock
 * minute; a day limit by the platforms' calendar date; a connection's own limits; refusals that spend
 * nothing; and two instances racing for the last requests never both getting through.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../../core/logger.js';
import type { FreightPlatform } from '../../../../core/platforms/freight-platform.js';
import { createPlatformBudgets } from '../../../../core/quoting/budget/platform-budgets.js';
import { parseKeyRing } from '../../../../core/security/key-ring.js';
import { createFingerprinter } from '../../../../core/security/fingerprint.js';
import { openEmbeddedStore } from '../../../../core/storage/embedded-store.js';
import type { Store } from '../../../../core/storage/store.js';
import { probeRedis, REDIS_TEST_URL, testRedisStore } from '../../../support/redis.js';
import { tempDir } from '../../../support/temp-dir.js';

const redis = await probeRedis();
const logger = createLogger({ level: 'silent' });
const ring = parseKeyRing(`k1:${randomBytes(32).toString('base64')}`);
if (!ring.ok) throw new Error(ring.problem);
const fingerprinter = createFingerprinter(ring.ring);
const platform = { name: 'bigpost', limits: { perMinute: 60, perDay: 2000 } } as FreightPlatform;
// 09:00:05 in Sydney on a weekday: far from a date change.
const T0 = Date.parse('2026-03-10T22:00:05Z');

function budgetsOn(store: Store, clock: { now: number }) {
  return createPlatformBudgets({ store, logger, fingerprinter, now: () => clock.now });
}

async function spendMany(budget: { spend(): Promise<{ granted: boolean }> }, count: number): Promise<number> {
  let granted = 0;
  for (let i = 0; i < count; i++) if ((await budget.spend()).granted) granted++;
  return granted;
}

describe.skipIf(!redis.ok)(`outbound budgets on Redis shared by two instances (${redis.reason})`, () => {
  const prefix = `rbtest:${randomBytes(4).toString('hex')}:`;
  const stores = [testRedisStore(prefix), testRedisStore(prefix)];
  // Until its Redis is ready an instance counts alone (the insurance): these tests are about Redis.
  beforeAll(() => Promise.all(stores.map((store) => store.ping())));
  afterAll(async () => {
    const raw = new Redis(REDIS_TEST_URL);
    const keys = await raw.keys(`${prefix}*`);
    if (keys.length > 0) await raw.del(...keys);
    raw.disconnect();
    for (const store of stores) await store.close();
  });

  it('allows 60 in any 60 seconds, also across a clock minute, and refuses without spending', async () => {
    const clock = { now: T0 + 50_000 };
    const token = `tok_${randomBytes(8).toString('hex')}`;
    const [a, b] = stores.map((store) => budgetsOn(store as Store, clock).gate(platform, token, null));
    // 60 late in one clock minute, half on each instance.
    expect((await spendMany(a!, 30)) + (await spendMany(b!, 30))).toBe(60);
    const refused = await b!.spend();
    expect(refused).toMatchObject({ granted: false, window: 'minute' });
    // Early in the next clock minute: a per-clock-minute counter would allow 60 more here.
    clock.now = T0 + 65_000;
    expect(await spendMany(a!, 10)).toBe(0);
    // Once those 60 are more than a minute old (plus a bucket), the budget is back in full.
    clock.now = T0 + 50_000 + 70_001;
    expect(await spendMany(a!, 61)).toBe(60);
  });

  it('lets exactly the limit through when two instances race for it', async () => {
    const clock = { now: T0 };
    const token = `tok_${randomBytes(8).toString('hex')}`;
    const gates = stores.map((store) =>
      budgetsOn(store as Store, clock).gate(platform, token, { perMinute: 25 }),
    );
    const decisions = await Promise.all(Array.from({ length: 80 }, (_, i) => gates[i % 2]!.spend()));
    expect(decisions.filter((d) => d.granted).length).toBeLessThanOrEqual(25);
    expect(decisions.filter((d) => d.granted).length).toBeGreaterThan(0);
  });

  it("keeps to the day's limit by the platforms' date, and a connection's own limits win", async () => {
    const clock = { now: T0 };
    const token = `tok_${randomBytes(8).toString('hex')}`;
    const budgets = budgetsOn(stores[0] as Store, clock);
    const own = budgets.gate(platform, token, { perMinute: 1000, perDay: 5 });
    expect(await spendMany(own, 8)).toBe(5);
    const refused = await own.spend();
    expect(refused).toMatchObject({ granted: false, window: 'day' });
    // Refused until midnight in Sydney: 15 hours from 09:00.
    if (!refused.granted) expect(refused.retryAfterMs).toBeGreaterThan(14 * 3_600_000);
    clock.now = T0 + 16 * 3_600_000;
    expect(await spendMany(own, 1)).toBe(1);
  });

  it('tells listeners who was refused, never the token', async () => {
    const clock = { now: T0 };
    const token = `tok_${randomBytes(8).toString('hex')}`;
    const budgets = budgetsOn(stores[0] as Store, clock);
    const heard: unknown[] = [];
    budgets.onExhausted((event) => heard.push(event));
    const usable = {
      platform,
      credentials: { token, environment: 'live' as const },
      connection: { id: 'con_aaaaaaaaaaaaaaaa', budget: { perMinute: 1 } },
    } as unknown as Parameters<typeof budgets.gateFor>[1];
    const gate = budgets.gateFor('shop.example', usable);
    await spendMany(gate, 2);
    expect(heard).toEqual([
      expect.objectContaining({
        tenant: 'shop.example',
        connectionId: 'con_aaaaaaaaaaaaaaaa',
        window: 'minute',
      }),
    ]);
    expect(JSON.stringify(heard)).not.toContain(token);
  });
});

describe('outbound budgets on the embedded store', () => {
  it('count in memory with the same limits', async () => {
    const dir = await tempDir('budget-embedded');
    const store = await openEmbeddedStore({ dataDir: dir.dir });
    try {
      const clock = { now: T0 };
      const gate = budgetsOn(store, clock).gate(platform, 'tok_embedded', null);
      expect(await spendMany(gate, 70)).toBe(60);
      clock.now += 71_000;
      expect(await spendMany(gate, 1)).toBe(1);
    } finally {
      await store.close();
      await dir.remove();
    }
  });
});
