/**
 * The fallback-share alert reads the rate log: above the threshold for the configured minutes opens one
 * incident; back at or below resolves it; too few checkouts say nothing; test-free of timers (the alerts'
 * clock is set, the rate log is the real one on a real store).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAlerts } from '../../../core/alerts/index.js';
import { createRateLog, newRateLogId, type RateLogEntry } from '../../../core/quoting/rate-log.js';
import { openEmbeddedStore, type EmbeddedStore } from '../../../core/storage/embedded-store.js';
import { capturingLogger } from '../../support/log-capture.js';
import { tempDir } from '../../support/temp-dir.js';

const MINUTE = 60_000;
const T0 = Date.parse('2026-12-03T10:00:00Z');

describe('fallback share alert', () => {
  let store: EmbeddedStore;
  let remove: () => Promise<void>;
  let now = T0;
  const tenant = 'shop-fallback';

  beforeEach(async () => {
    const dir = await tempDir('fallback-share');
    remove = dir.remove;
    store = await openEmbeddedStore({ dataDir: dir.dir });
    now = T0;
  });
  afterEach(async () => {
    await store.close();
    await remove();
  });

  const build = () => {
    const rateLog = createRateLog(store);
    const alerts = createAlerts({
      store,
      logger: capturingLogger().logger,
      rateLog,
      mailer: undefined,
      publicUrl: 'https://ratebridge.example.com',
      fallback: { share: 0.5, sustainMs: 15 * MINUTE, minQuotes: 10 },
      now: () => now,
    });
    /** `fallbacks` of `total` checkouts at the current time. */
    const checkouts = async (total: number, fallbacks: number) => {
      for (let i = 0; i < total; i += 1)
        await rateLog.record(tenant, entry(i < fallbacks ? 'fallback' : 'live'));
    };
    return { alerts, checkouts };
  };
  const entry = (source: RateLogEntry['source']): RateLogEntry => ({
    id: newRateLogId(),
    at: new Date(now).toISOString(),
    source,
    durationMs: 12,
    request: { country: 'AU', postcode: '3000', currency: 'AUD', lines: [] },
    groups: [],
    upstream: [],
    rulesApplied: [],
    rates: [],
  });

  it('opens one incident after 15 minutes above the threshold, and resolves it when the share drops', async () => {
    const { alerts, checkouts } = build();
    for (let minute = 0; minute < 15; minute += 1) {
      await checkouts(10, 8);
      expect((await alerts.evaluateFallbackShare(tenant)).state, `minute ${minute}`).not.toBe('incident');
      now += MINUTE;
    }
    await checkouts(10, 8);
    expect(await alerts.evaluateFallbackShare(tenant)).toMatchObject({ state: 'incident', share: 0.8 });
    now += MINUTE;
    await checkouts(10, 8);
    expect((await alerts.evaluateFallbackShare(tenant)).state).toBe('incident');
    const open = await alerts.list(tenant);
    expect(open).toEqual([
      expect.objectContaining({
        kind: 'fallback_share_high',
        subject: 'checkout',
        title: '80% of checkouts showed fallback rates for 15 minutes',
        resolvedAt: null,
      }),
    ]);

    // Live again: five minutes later the window holds only live checkouts.
    for (let minute = 0; minute < 5; minute += 1) {
      now += MINUTE;
      await checkouts(10, 0);
    }
    expect((await alerts.evaluateFallbackShare(tenant)).state).toBe('below');
    expect((await alerts.list(tenant))[0]).toMatchObject({ id: open[0]?.id, resolvedAt: expect.any(String) });
  });

  it('a dip below the threshold restarts the 15 minutes', async () => {
    const { alerts, checkouts } = build();
    await checkouts(20, 15);
    expect((await alerts.evaluateFallbackShare(tenant)).state).toBe('above');
    now += 10 * MINUTE;
    await checkouts(20, 5);
    expect((await alerts.evaluateFallbackShare(tenant)).state).toBe('below');
    now += MINUTE;
    await checkouts(40, 39);
    expect((await alerts.evaluateFallbackShare(tenant)).state).toBe('above');
    now += 10 * MINUTE;
    await checkouts(20, 20);
    // 21 minutes after the first fallbacks, but only 10 since the share went above again.
    expect((await alerts.evaluateFallbackShare(tenant)).state).toBe('above');
    expect(await alerts.list(tenant)).toEqual([]);
  });

  it('too few checkouts say nothing; not-shipped answers do not count', async () => {
    const { alerts, checkouts } = build();
    await checkouts(9, 9);
    expect(await alerts.evaluateFallbackShare(tenant)).toEqual({ state: 'too_few', quotes: 9 });
    const rateLog = createRateLog(store);
    for (let i = 0; i < 5; i += 1) await rateLog.record(tenant, entry('none'));
    expect(await alerts.evaluateFallbackShare(tenant)).toEqual({ state: 'too_few', quotes: 9 });
  });

  it('the scheduler pass evaluates the tenants that had checkouts, and forgets quiet ones', async () => {
    const { alerts, checkouts } = build();
    await checkouts(20, 20);
    expect(await alerts.evaluateFallbackShares()).toBe(0);
    alerts.noteCheckout(tenant);
    expect(await alerts.evaluateFallbackShares()).toBe(1);
    now += 6 * MINUTE;
    expect(await alerts.evaluateFallbackShares()).toBe(1);
    expect(await alerts.evaluateFallbackShares()).toBe(0);
  });
});
