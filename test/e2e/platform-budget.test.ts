/**
 * Big Post's fair use (60 requests a minute per token) held under a storm: 500 distinct carts in half a
 * "minute" (shortened to a few seconds, with real Redis counters and their real expiry) at one Big Post
 * connection over real sockets. The fake Big Post sees at most 60 requests in any window of that minute,
 * every checkout is answered inside its deadline, and once the budget is spent checkouts are answered from
 * the cache, then the lane's last-known-good quote, then the fallback table, each marked in the rate log.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBigPostPlatform } from '../../core/platforms/bigpost/index.js';
import { createCore, type Core } from '../../core/ratebridge.js';
import { BigPostFake } from '../fakes/bigpost-fake.js';
import { prepareBigPostTenant } from '../support/bigpost-tenant.js';
import { capturingLogger } from '../support/log-capture.js';
import { probeRedis, REDIS_TEST_URL, testRedisStore } from '../support/redis.js';
import { tempDir } from '../support/temp-dir.js';
import { testConfig } from '../support/test-config.js';

const redis = await probeRedis();
// Long enough that a loaded machine delaying a granted request by a second or two cannot crowd two
// windows of sends into one.
const MINUTE_MS = 12_000;
const DEADLINE_MS = 2500;
/** The engine's promise: the deadline, plus the few ms it takes to combine what landed. */
const ANSWERED_BY_MS = DEADLINE_MS + 100;

function cart(quantity: number, destination: { postcode: string; suburb: string; state: string }) {
  return {
    destination: { country: 'AU', ...destination },
    currency: 'AUD',
    lines: [{ sku: 'CHAIR', quantity, grams: 5000, priceCents: 5000, requiresShipping: true }],
  };
}
const SYDNEY = { postcode: '2000', suburb: 'Sydney', state: 'NSW' };
const SYDNEY_SOUTH = { postcode: '2000', suburb: 'Sydney South', state: 'NSW' };
const MELBOURNE = { postcode: '3000', suburb: 'Melbourne', state: 'VIC' };

/** The most requests that arrived within any `windowMs` (a sliding window over every arrival). */
function busiestWindow(arrivals: readonly number[], windowMs: number): number {
  const sorted = [...arrivals].sort((a, b) => a - b);
  let most = 0;
  for (let start = 0, end = 0; end < sorted.length; end++) {
    while ((sorted[end] as number) - (sorted[start] as number) >= windowMs) start++;
    most = Math.max(most, end - start + 1);
  }
  return most;
}

describe.skipIf(!redis.ok)(
  `Big Post's per-minute budget under 500 carts in half a minute (${redis.reason})`,
  () => {
    const bigpost = new BigPostFake();
    const token = `bp_${randomBytes(16).toString('hex')}`;
    const tenant = `budget-${randomBytes(3).toString('hex')}.myshopify.com`;
    const prefix = `rbtest:${randomBytes(4).toString('hex')}:`;
    let core: Core;
    let removeDir: () => Promise<void>;
    const exhausted: string[] = [];
    /** What a metrics listener hears of each quote. */
    const heard: string[] = [];

    beforeAll(async () => {
      bigpost.addToken(token);
      const { url } = await bigpost.start();
      const { dir, remove } = await tempDir('budget');
      removeDir = remove;
      core = await createCore({
        config: testConfig({ DATA_DIR: dir, QUOTE_DEADLINE_MS: String(DEADLINE_MS) }),
        logger: capturingLogger('warn').logger,
        store: testRedisStore(prefix),
        platforms: [createBigPostPlatform({ liveBaseUrl: url, testBaseUrl: url, timeoutMs: 2000 })],
        budgets: { minuteMs: MINUTE_MS },
      });
      core.quotes.onQuoted((quotedTenant, entry) => heard.push(`${quotedTenant}|${entry.outcome}`));
      core.budgets.onExhausted((event) =>
        exhausted.push(`${event.tenant}|${event.connectionId}|${event.window}`),
      );
      await prepareBigPostTenant(core, tenant, token);
    });

    afterAll(async () => {
      await core?.store.deleteTenant(tenant);
      const raw = new Redis(REDIS_TEST_URL);
      const keys = await raw.keys(`${prefix}*`);
      if (keys.length > 0) await raw.del(...keys);
      raw.disconnect();
      await core?.close();
      await bigpost.stop();
      await removeDir?.();
    });

    it('sends at most 60 requests in any minute, answers every checkout in time, and says from where', async () => {
      // Before the storm: one lane quoted live, so it has a last-known-good price.
      const known = await core.quotes.quote(tenant, cart(1, SYDNEY));
      expect(known.log.outcome).toBe('live');
      const sentBefore = bigpost.requests.length;

      // 500 distinct carts (quantities 2..501) spread over half the minute, all in flight together. Half, so
      // the checks after the storm still fall inside the spent minute on a loaded machine: spread over the
      // whole minute, the budget came back while they ran and the last-known-good check saw a live quote.
      const gap = MINUTE_MS / 2 / 500;
      const storm = await Promise.all(
        Array.from({ length: 500 }, async (_, i) => {
          await new Promise((resolve) => setTimeout(resolve, i * gap));
          const started = performance.now();
          const outcome = await core.quotes.quote(tenant, cart(i + 2, MELBOURNE));
          return { outcome, tookMs: performance.now() - started };
        }),
      );
      const stormArrivals = bigpost.arrivals.slice(sentBefore);
      expect(busiestWindow(bigpost.arrivals, MINUTE_MS)).toBeLessThanOrEqual(60);
      // It did ask Big Post, up to its budget: the limit is a ceiling, not a shutdown.
      expect(stormArrivals.length).toBeGreaterThanOrEqual(30);
      expect(Math.max(...storm.map((s) => s.tookMs))).toBeLessThan(ANSWERED_BY_MS);
      const outcomes = storm.map((s) => s.outcome.log.outcome);
      expect(outcomes.filter((o) => o === 'live').length).toBeGreaterThan(0);
      const fellBack = storm.filter((s) => s.outcome.log.outcome === 'fallback');
      expect(fellBack.length).toBeGreaterThan(400);
      expect(fellBack.every((s) => s.outcome.rates.length > 0)).toBe(true);
      expect(
        fellBack.every((s) => s.outcome.log.upstream.some((call) => call.outcome === 'budget_exhausted')),
      ).toBe(true);
      const connectionId = known.log.upstream[0]?.connectionId;
      expect(exhausted).toContain(`${tenant}|${connectionId}|minute`);
      // One incident for the whole storm (not one per refused checkout), and /metrics shows the budget spent.
      await expect
        .poll(async () => (await core.alerts.list(tenant)).filter((i) => i.kind === 'budget_exhausted'))
        .toHaveLength(1);
      const scraped = await core.metrics.render();
      const used =
        /ratebridge_platform_budget_used_ratio\{platform="bigpost",window="minute"\} ([\d.]+)/.exec(scraped);
      // The last call's view of the trailing minute: most of the budget, never more than all of it.
      expect(Number(used?.[1])).toBeGreaterThan(0.5);
      expect(Number(used?.[1])).toBeLessThanOrEqual(1);

      // While the budget is spent: the same cart comes from the cache; the same lane (same postcode and
      // packages, another suburb) from the last-known-good quote, priced as it was; neither asks Big Post.
      const sentDuring = bigpost.requests.length;
      const again = await core.quotes.quote(tenant, cart(1, SYDNEY));
      expect(again.log.outcome).toBe('cached');
      expect(again.rates).toEqual(known.rates);
      const neighbour = await core.quotes.quote(tenant, cart(1, SYDNEY_SOUTH));
      expect(neighbour.log.outcome).toBe('last-known-good');
      expect(neighbour.source).toBe('live');
      expect(neighbour.rates).toEqual(known.rates);
      expect(bigpost.requests.length).toBe(sentDuring);

      // Listeners (metrics, alerts) heard every quote with its outcome as it was answered.
      expect(heard).toHaveLength(503);
      expect(heard.filter((h) => h === `${tenant}|fallback`)).toHaveLength(fellBack.length);
      expect(heard.slice(-2)).toEqual([`${tenant}|cached`, `${tenant}|last-known-good`]);

      // The rate log records where each checkout's rates came from, for metrics to count.
      const { entries } = await core.rateLog.page(tenant, 0, 2);
      expect(entries.map((entry) => entry.outcome)).toEqual(['last-known-good', 'cached']);
    }, 60_000);
  },
);
