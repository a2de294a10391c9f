/**
 * The seams other parts report through: the outbound budget (quoting) reports exhaustion on every checkout
 * it refuses, the WooCommerce key check reports refused and accepted keys, and the token lifecycle's status
 * changes map to token incidents. Each still makes one incident per condition, on a real store.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createAlerts,
  watchBudgets,
  watchTokenHealth,
  type BudgetRefusal,
} from '../../../core/alerts/index.js';
import { createPlatformRegistry } from '../../../core/platforms/registry.js';
import { createRateLog } from '../../../core/quoting/rate-log.js';
import { openEmbeddedStore, type EmbeddedStore } from '../../../core/storage/embedded-store.js';
import type { ConnectionView } from '../../../core/wire/admin-api-types.js';
import type { TokenLifecycle } from '../../../core/tokens/token-lifecycle.js';
import { capturingLogger } from '../../support/log-capture.js';
import { tempDir } from '../../support/temp-dir.js';

describe('incident sources', () => {
  let store: EmbeddedStore;
  let remove: () => Promise<void>;
  beforeEach(async () => {
    const dir = await tempDir('incident-sources');
    remove = dir.remove;
    store = await openEmbeddedStore({ dataDir: dir.dir });
  });
  afterEach(async () => {
    await store.close();
    await remove();
  });
  let logs: () => string;
  let now = Date.parse('2026-12-03T10:00:00Z');
  const build = () => {
    const log = capturingLogger();
    logs = log.text;
    return createAlerts({
      now: () => now,
      store,
      logger: log.logger,
      rateLog: createRateLog(store),
      mailer: undefined,
      publicUrl: 'https://ratebridge.example.com',
      fallback: { share: 0.5, sustainMs: 15 * 60_000, minQuotes: 10 },
    });
  };

  it('a budget refused on every checkout is one incident, resolved when it refills', async () => {
    const alerts = build();
    const connection = { id: 'con_budget', label: 'Big Post main', platform: 'Big Post' };
    await Promise.all(Array.from({ length: 50 }, () => alerts.budgetExhausted('shop', connection)));
    expect(logs().match(/incident opened/g)).toHaveLength(1);
    const listed = await alerts.list('shop');
    expect(listed).toEqual([
      expect.objectContaining({
        kind: 'budget_exhausted',
        subject: 'con_budget',
        title: '"Big Post main" has used up its Big Post call budget',
        resolvedAt: null,
      }),
    ]);
    await alerts.budgetRestored('shop', 'con_budget');
    expect((await alerts.list('shop'))[0]?.resolvedAt).toEqual(expect.any(String));
  });

  it('the WooCommerce key check opens and resolves store_key_revoked', async () => {
    const alerts = build();
    await alerts.storeKeyRevoked('woo:shop.example.com', true);
    await alerts.storeKeyRevoked('woo:shop.example.com', true);
    expect(await alerts.list('woo:shop.example.com')).toHaveLength(1);
    expect((await alerts.countOpen()).store_key_revoked).toBe(1);
    await alerts.storeKeyRevoked('woo:shop.example.com', false);
    expect((await alerts.countOpen()).store_key_revoked).toBe(0);
  });

  it('token status changes: revoked and needs_attention open their kind, active and disconnect resolve', async () => {
    const alerts = build();
    const status: Parameters<TokenLifecycle['onStatusChanged']>[0][] = [];
    const disconnected: Parameters<TokenLifecycle['onDisconnected']>[0][] = [];
    watchTokenHealth(
      alerts.ctx,
      { onStatusChanged: (l) => status.push(l), onDisconnected: (l) => disconnected.push(l) },
      createPlatformRegistry([]),
    );
    const connection = (value: ConnectionView['status']) =>
      ({ id: 'con_t', label: 'Main', platform: 'machship', status: value }) as ConnectionView;
    const kinds = async () =>
      (await alerts.list('shop')).filter((i) => i.resolvedAt === null).map((i) => i.kind);

    await status[0]!('shop', connection('revoked'), 'active');
    expect(await kinds()).toEqual(['token_revoked']);
    await status[0]!('shop', connection('needs_attention'), 'revoked');
    expect(await kinds()).toEqual(['token_unusable']);
    await status[0]!('shop', connection('active'), 'needs_attention');
    expect(await kinds()).toEqual([]);
    await status[0]!('shop', connection('revoked'), 'active');
    await disconnected[0]!('shop', 0, 'con_t');
    expect(await kinds()).toEqual([]);
  });

  it('a budget episode resolves after five quiet minutes, not while refusals keep coming', async () => {
    const alerts = build();
    const refusals: ((refusal: BudgetRefusal) => void)[] = [];
    watchBudgets(
      alerts.ctx,
      { onExhausted: (listener) => refusals.push(listener) },
      { get: async (_tenant, id) => ({ id, label: 'Big Post main' }) },
      createPlatformRegistry([]),
    );
    const refuse = async () => {
      refusals[0]!({ tenant: 'shop', connectionId: 'con_ep', platform: 'bigpost' });
      // The listener works in the background: wait until this refusal is on the incident.
      const ref = { tenant: 'shop', kind: 'incidents', id: 'budget_exhausted:con_ep' };
      await expect
        .poll(async () => {
          const doc = (await store.getDoc(ref)) as { lastSeenAt?: string; openedAt: string } | undefined;
          return doc && (doc.lastSeenAt ?? doc.openedAt);
        })
        .toBe(new Date(now).toISOString());
      await expect.poll(async () => (await alerts.countOpen()).budget_exhausted).toBe(1);
    };
    await refuse();
    for (let minute = 0; minute < 10; minute += 1) {
      now += 61_000;
      await refuse();
      await alerts.tick();
      expect((await alerts.list('shop'))[0]?.resolvedAt, `minute ${minute}`).toBeNull();
    }
    now += 4 * 60_000;
    expect(await alerts.resolveQuietEpisodes()).toBe(0);
    now += 2 * 60_000;
    expect(await alerts.resolveQuietEpisodes()).toBe(1);
    expect((await alerts.list('shop'))[0]).toMatchObject({
      title: '"Big Post main" has used up its bigpost call budget',
      resolvedAt: expect.any(String),
    });
  });
});
