/**
 * Incidents on both stores, with mail through a real SMTP server over a real socket: a condition reported
 * again and again (every checkout, several instances at once) opens one incident and sends one mail; it
 * resolves once, with a "resolved" mail; a later occurrence is a new incident. Without SMTP the incident is
 * still there for the admin; a mail server that refuses costs the mail, not the incident.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAlerts, createMailer } from '../../../core/alerts/index.js';
import type { MailSettings } from '../../../core/config.js';
import { createRateLog } from '../../../core/quoting/rate-log.js';
import { openEmbeddedStore } from '../../../core/storage/embedded-store.js';
import type { Store } from '../../../core/storage/store.js';
import { capturingLogger } from '../../support/log-capture.js';
import { probeRedis, testRedisStore } from '../../support/redis.js';
import { readMail, startSmtpServer, type TestSmtpServer } from '../../support/smtp-server.js';
import { tempDir } from '../../support/temp-dir.js';

const redis = await probeRedis();
const kinds = redis.ok ? (['embedded', 'redis'] as const) : (['embedded'] as const);

const FALLBACK = { share: 0.5, sustainMs: 15 * 60_000, minQuotes: 10 };
const revoked = (connectionId: string) =>
  ({ kind: 'token_revoked', connectionId, label: 'Main account', platform: 'Big Post' }) as const;

describe.each(kinds)('incidents (%s store)', (kind) => {
  let smtp: TestSmtpServer;
  let stores: Store[] = [];
  const prefix = `rbtest:alerts:${randomBytes(4).toString('hex')}:`;
  let cleanup: (() => Promise<void>)[] = [];

  const openStore = async (): Promise<Store> => {
    if (kind === 'redis') return testRedisStore(prefix);
    const dir = await tempDir('alerts');
    cleanup.push(dir.remove);
    return openEmbeddedStore({ dataDir: dir.dir });
  };
  const settings = (): MailSettings => ({
    host: smtp.host,
    port: smtp.port,
    secure: false,
    requireTls: false,
    auth: { user: 'ratebridge', password: 'mail-secret' },
    from: 'alerts@ratebridge.test',
    to: ['ops@merchant.test', 'owner@merchant.test'],
  });
  const alertsOn = (store: Store, mail: MailSettings | undefined) => {
    const log = capturingLogger();
    const alerts = createAlerts({
      store,
      logger: log.logger,
      rateLog: createRateLog(store),
      mailer: mail ? createMailer(mail) : undefined,
      publicUrl: 'https://ratebridge.example.com',
      fallback: FALLBACK,
    });
    return { alerts, logs: log.text };
  };

  beforeAll(async () => {
    smtp = await startSmtpServer({ user: 'ratebridge', password: 'mail-secret' });
  });
  afterEach(async () => {
    for (const store of stores) await store.close();
    for (const remove of cleanup) await remove();
    stores = [];
    cleanup = [];
    smtp.received.length = 0;
    smtp.refuse(false);
  });
  afterAll(() => smtp.close());

  it('a condition reported on every checkout opens one incident and sends one mail', async () => {
    const store = await openStore();
    stores.push(store);
    const { alerts } = alertsOn(store, settings());
    const tenant = `shop-${randomBytes(3).toString('hex')}`;

    const reports = await Promise.all(
      Array.from({ length: 25 }, () => alerts.open(tenant, revoked('con_a'))),
    );
    expect(reports.filter((report) => report.opened)).toHaveLength(1);
    expect(new Set(reports.map((report) => report.incident.id)).size).toBe(1);
    await alerts.idle();

    expect(await alerts.list(tenant)).toEqual([
      expect.objectContaining({
        kind: 'token_revoked',
        subject: 'con_a',
        title: 'The Big Post token of "Main account" no longer works',
        resolvedAt: null,
      }),
    ]);
    const [mail] = await smtp.waitFor(1);
    expect(smtp.received).toHaveLength(1);
    expect(mail?.to).toEqual(['ops@merchant.test', 'owner@merchant.test']);
    const { subject, text } = readMail(mail!);
    expect(subject).toBe(
      `[RateBridge] Action needed for ${tenant}: The Big Post token of "Main account" no longer works`,
    );
    expect(text).toContain('Create a new API token in Big Post');
    expect(text).toContain('https://ratebridge.example.com/admin/settings/connections?replace=con_a');
    await alerts.close();
  });

  it('resolves once with a "resolved" mail; the next occurrence is a new incident', async () => {
    const store = await openStore();
    stores.push(store);
    const { alerts } = alertsOn(store, settings());
    const tenant = `shop-${randomBytes(3).toString('hex')}`;
    const openBefore = (await alerts.countOpen()).token_revoked;
    const first = await alerts.open(tenant, revoked('con_b'));
    expect((await alerts.countOpen()).token_revoked).toBe(openBefore + 1);

    expect(await alerts.resolve(tenant, 'token_revoked', 'con_b')).toBe(true);
    expect(await alerts.resolve(tenant, 'token_revoked', 'con_b')).toBe(false);
    expect(await alerts.resolve(tenant, 'token_revoked', 'con_never')).toBe(false);
    await alerts.idle();
    const mails = await smtp.waitFor(2);
    expect(readMail(mails[1]!).subject).toBe(
      `[RateBridge] Resolved for ${tenant}: The Big Post token of "Main account" no longer works`,
    );
    expect(readMail(mails[1]!).text).toContain('Nothing more to do');
    expect((await alerts.countOpen()).token_revoked).toBe(openBefore);

    const again = await alerts.open(tenant, revoked('con_b'));
    expect(again.opened).toBe(true);
    expect(again.incident.id).not.toBe(first.incident.id);
    // One document per kind and subject: the new occurrence takes the resolved one's place.
    const listed = await alerts.list(tenant);
    expect(listed.map((incident) => [incident.id, incident.resolvedAt])).toEqual([[again.incident.id, null]]);
    await alerts.close();
    expect(smtp.received).toHaveLength(3);
  });

  it('without SMTP settings the incident is still there for the admin', async () => {
    const store = await openStore();
    stores.push(store);
    const { alerts } = alertsOn(store, undefined);
    const tenant = `shop-${randomBytes(3).toString('hex')}`;
    await alerts.open(tenant, { kind: 'carrier_service_removed' });
    await alerts.idle();
    expect(await alerts.list(tenant)).toEqual([
      expect.objectContaining({ kind: 'carrier_service_removed', subject: 'shopify', actionPath: '/setup' }),
    ]);
    expect(smtp.received).toHaveLength(0);
    expect(
      await store.getDoc({ tenant, kind: 'incidents', id: 'carrier_service_removed:shopify' }),
    ).toMatchObject({ mail: { opened: 'off', resolved: null } });
  });

  it('a mail server that refuses costs the mail, not the incident', async () => {
    const store = await openStore();
    stores.push(store);
    const { alerts, logs } = alertsOn(store, settings());
    const tenant = `shop-${randomBytes(3).toString('hex')}`;
    smtp.refuse(true);
    const report = await alerts.open(tenant, { kind: 'store_key_revoked' });
    await alerts.idle();
    expect(report.opened).toBe(true);
    expect(
      await store.getDoc({ tenant, kind: 'incidents', id: 'store_key_revoked:woocommerce' }),
    ).toMatchObject({
      mail: { opened: 'failed' },
    });
    expect(logs()).toContain('alert mail could not be sent');
    expect(logs()).not.toContain('mail-secret');
    await alerts.close();
  });

  // Two instances share only a Redis: one process owns an embedded store (its DATA_DIR lock).
  if (kind === 'redis')
    it('two instances reporting at once open one incident', async () => {
      const [one, two] = [await openStore(), await openStore()];
      stores.push(one, two);
      const a = alertsOn(one, settings()).alerts;
      const b = alertsOn(two, settings()).alerts;
      const tenant = `shop-${randomBytes(3).toString('hex')}`;
      const reports = await Promise.all(
        Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).open(tenant, revoked('con_c'))),
      );
      expect(reports.filter((report) => report.opened)).toHaveLength(1);
      await Promise.all([a.close(), b.close()]);
      expect(smtp.received).toHaveLength(1);
    });
});
