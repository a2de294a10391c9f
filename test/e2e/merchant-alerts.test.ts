/**
 * Merchant alerts end to end, over real sockets: a connected token is revoked in the sandbox platform,
 * checkouts and checks keep meeting it, and the merchant gets ONE incident (GET /admin/api/incidents, every
 * admin page shows it) and ONE mail through a real SMTP server; replacing the token resolves it with a
 * "resolved" mail. The token is a canary: it must not appear in the mail, the API's answer or any log
 * line. Without SMTP settings the incident is still shown.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { incidentsResponseSchema } from '../../core/alerts/incident.js';
import { startAppHarness, type AppHarness, type TenantClient } from '../support/app-harness.js';
import { readMail, startSmtpServer, type TestSmtpServer } from '../support/smtp-server.js';

interface ConnectionBody {
  connection: { id: string; status: string };
}
const cart = {
  destination: { country: 'AU', postcode: '3121', suburb: 'Richmond', state: 'VIC' },
  lines: [{ sku: 'CANARY-SKU-7731', quantity: 1, priceCents: 2500, grams: 3000, requiresShipping: true }],
};

async function connectAndLocate(app: AppHarness, merchant: TenantClient, tokenName: string) {
  const token = await app.createSandboxToken(tokenName);
  const created = await merchant.api('POST', '/connections', {
    platform: 'sandbox',
    environment: 'test',
    label: 'Main warehouse account',
    token,
  });
  expect(created.status).toBe(201);
  const location = await merchant.api('POST', '/locations', {
    name: 'Sydney DC',
    suburb: 'Sydney',
    postcode: '2000',
    state: 'NSW',
  });
  expect(location.status).toBe(201);
  return { token, id: (created.body as ConnectionBody).connection.id };
}

describe('merchant alerts with SMTP configured', () => {
  let smtp: TestSmtpServer;
  let app: AppHarness;
  let merchant: TenantClient;

  beforeAll(async () => {
    smtp = await startSmtpServer({ user: 'ratebridge', password: 'smtp-password-not-a-canary' });
    app = await startAppHarness({
      env: {
        SMTP_HOST: smtp.host,
        SMTP_PORT: String(smtp.port),
        SMTP_USER: 'ratebridge',
        SMTP_PASSWORD: 'smtp-password-not-a-canary',
        ALERT_MAIL_FROM: 'alerts@ratebridge.test',
        ALERT_MAIL_TO: 'merchant@shop.test',
      },
      core: { tokens: { recheckMinIntervalMs: 0, attemptLimit: { attempts: 100, windowMs: 60_000 } } },
    });
    merchant = await app.signIn(`shop-${randomBytes(3).toString('hex')}`);
  });
  afterAll(async () => {
    await app?.close();
    await smtp?.close();
  });

  it('a revoked token opens one incident and one mail, however often it is met; replacing it resolves both', async () => {
    const tokenName = `canary-${randomBytes(3).toString('hex')}`;
    const { token: canary, id } = await connectAndLocate(app, merchant, tokenName);
    expect((await merchant.api('GET', '/incidents')).body).toEqual({ incidents: [] });
    await app.revokeSandboxToken(tokenName);

    // Checkouts meet the revoked token (a 401 while quoting), then checks confirm it, again and again.
    for (let i = 0; i < 4; i += 1) {
      const quote = await merchant.api('POST', '/quotes/test', cart);
      expect(quote.status).toBe(200);
    }
    for (let i = 0; i < 3; i += 1) await merchant.api('POST', `/connections/${id}/verify`);
    const { core } = app.running.serverApp;
    await core.alerts.idle();

    const answer = await merchant.api('GET', '/incidents');
    expect(answer.status).toBe(200);
    const { incidents } = incidentsResponseSchema.strict().parse(answer.body);
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toEqual({
      id: expect.stringMatching(/^inc_/),
      kind: 'token_revoked',
      subject: id,
      title: 'The RateBridge Sandbox token of "Main warehouse account" no longer works',
      action: expect.stringContaining('replace it in RateBridge under Connections'),
      actionPath: `/settings/connections?replace=${id}`,
      openedAt: expect.any(String),
      resolvedAt: null,
    });
    const [opened] = await smtp.waitFor(1);
    expect(smtp.received).toHaveLength(1);
    expect(opened?.to).toEqual(['merchant@shop.test']);
    const openedMail = readMail(opened!);
    expect(openedMail.subject).toContain('Action needed');
    expect(openedMail.text).toContain(merchant.tenant);

    // The merchant replaces the token: resolved, with a second mail.
    const fresh = await app.createSandboxToken(`fresh-${randomBytes(3).toString('hex')}`);
    expect((await merchant.api('PUT', `/connections/${id}/token`, { token: fresh })).status).toBe(200);
    await core.alerts.idle();
    const [, resolved] = await smtp.waitFor(2);
    expect(readMail(resolved!).subject).toContain('Resolved');
    const after = incidentsResponseSchema.parse((await merchant.api('GET', '/incidents')).body);
    expect(after.incidents).toEqual([
      expect.objectContaining({ id: incidents[0]?.id, resolvedAt: expect.any(String) }),
    ]);

    // Canary: neither token, nor the shopper's cart, in any mail, API answer or log line.
    const surfaces = [
      ...smtp.received.map((mail) => `${mail.raw}\n${readMail(mail).subject}\n${readMail(mail).text}`),
      JSON.stringify(answer.body),
      JSON.stringify((await merchant.api('GET', '/incidents')).body),
    ];
    for (const surface of surfaces) {
      for (const secret of [canary, fresh, 'smtp-password-not-a-canary', 'CANARY-SKU-7731', 'Richmond'])
        expect(surface).not.toContain(secret);
    }
    const logs = app.logs();
    expect(logs).toContain('incident opened');
    for (const secret of [canary, fresh, 'smtp-password-not-a-canary']) expect(logs).not.toContain(secret);
  });

  it('one store never sees another store’s incidents', async () => {
    const other = await app.signIn(`other-${randomBytes(3).toString('hex')}`);
    await app.running.serverApp.core.alerts.open(merchant.tenant, { kind: 'carrier_service_removed' });
    expect((await other.api('GET', '/incidents')).body).toEqual({ incidents: [] });
    const mine = incidentsResponseSchema.parse((await merchant.api('GET', '/incidents')).body);
    expect(mine.incidents.map((incident) => incident.kind)).toContain('carrier_service_removed');
  });

  it('answers 401 without a session', async () => {
    const response = await fetch(`${app.url}/admin/api/incidents`);
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
      'RB_ERR_UNAUTHENTICATED',
    );
  });
});

describe('merchant alerts without SMTP', () => {
  let app: AppHarness;

  beforeAll(async () => {
    app = await startAppHarness({ core: { tokens: { recheckMinIntervalMs: 0 } } });
  });
  afterAll(() => app?.close());

  it('still shows the incident in the admin', async () => {
    const merchant = await app.signIn(`shop-${randomBytes(3).toString('hex')}`);
    const name = `nosmtp-${randomBytes(3).toString('hex')}`;
    const { id } = await connectAndLocate(app, merchant, name);
    await app.revokeSandboxToken(name);
    expect((await merchant.api('POST', `/connections/${id}/verify`)).status).toBe(200);
    const { incidents } = incidentsResponseSchema.parse((await merchant.api('GET', '/incidents')).body);
    expect(incidents).toEqual([
      expect.objectContaining({ kind: 'token_revoked', subject: id, resolvedAt: null }),
    ]);
  });
});
