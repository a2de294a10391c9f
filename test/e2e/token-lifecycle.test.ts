/**
 * The platform-token lifecycle end to end, over real sockets: a merchant creates a token in the sandbox,
 * connects it, the token is revoked in the sandbox, RateBridge notices (health check, or a 401 while
 * quoting), the merchant replaces it, and the connection is active again. On both stores.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeRedis } from '../support/redis.js';
import {
  startAppHarness,
  type AppHarness,
  type StoreKind,
  type TenantClient,
} from '../support/app-harness.js';
import type { ErrorBody, ConnectionResponse as ConnectionBody } from '../../core/wire/admin-api-types.js';

const redis = await probeRedis();
const stores: StoreKind[] = redis.ok ? ['embedded', 'redis'] : ['embedded'];

describe.each(stores)('token lifecycle against the sandbox (%s store)', (storeKind) => {
  let app: AppHarness;
  let merchant: TenantClient;
  const canaries: string[] = [];

  beforeAll(async () => {
    app = await startAppHarness({
      store: storeKind,
      core: { tokens: { recheckMinIntervalMs: 0, attemptLimit: { attempts: 100, windowMs: 60_000 } } },
    });
    merchant = await app.signIn(`shop-${randomBytes(3).toString('hex')}`);
  });
  afterAll(() => app.close());

  it('connects, notices a revocation, refuses a bad replacement, accepts a good one', async () => {
    const token = await app.createSandboxToken('ratebridge-main');
    canaries.push(token);

    // Pasted the way merchants paste: wrapped in quotes with the header name and a trailing newline.
    const connected = await merchant.api('POST', '/connections', {
      platform: 'sandbox',
      environment: 'test',
      label: 'Main warehouse account',
      token: `"Bearer ${token}"\n`,
    });
    expect(connected.status).toBe(201);
    const { connection } = connected.body as ConnectionBody;
    expect(connection).toMatchObject({
      status: 'active',
      hint: token.slice(-4),
      label: 'Main warehouse account',
    });
    expect(JSON.stringify(connected.body)).not.toContain(token);

    // The same token again, under another label: refused by fingerprint.
    const twice = await merchant.api('POST', '/connections', {
      platform: 'sandbox',
      environment: 'test',
      label: 'Another',
      token,
    });
    expect(twice.status).toBe(409);
    expect((twice.body as ErrorBody).error.code).toBe('RB_ERR_TOKEN_ALREADY_CONNECTED');

    // The merchant revokes the token in the platform; the next health check notices.
    await app.revokeSandboxToken('ratebridge-main');
    const checked = await merchant.api('POST', `/connections/${connection.id}/verify`);
    expect(checked.status).toBe(200);
    expect(checked.body).toMatchObject({
      checked: true,
      connection: { status: 'revoked', lastCheck: { outcome: 'rejected' } },
    });

    // Replacing with a token that does not work leaves the connection as it was.
    const bad = await merchant.api('PUT', `/connections/${connection.id}/token`, {
      token: 'sbx_test_not-a-real-token-000',
    });
    expect(bad.status).toBe(422);
    expect((bad.body as ErrorBody).error.code).toBe('RB_ERR_TOKEN_REJECTED');
    expect(
      ((await merchant.api('GET', `/connections/${connection.id}`)).body as ConnectionBody).connection.status,
    ).toBe('revoked');

    // A new token from the platform: verified first, then swapped in.
    const fresh = await app.createSandboxToken('ratebridge-main-2');
    canaries.push(fresh);
    const replaced = await merchant.api('PUT', `/connections/${connection.id}/token`, { token: fresh });
    expect(replaced.status).toBe(200);
    expect((replaced.body as ConnectionBody).connection).toMatchObject({
      status: 'active',
      hint: fresh.slice(-4),
    });

    const events = await merchant.api('GET', `/connections/${connection.id}/events`);
    const types = (events.body as { events: { type: string }[] }).events.map((e) => e.type);
    expect(types).toEqual(['replaced', 'replace_refused', 'revoked_detected', 'connected']);
  });

  it('marks a connection revoked at once when quoting reports a 401, then confirms with the platform', async () => {
    const token = await app.createSandboxToken('quote-401');
    canaries.push(token);
    const created = await merchant.api('POST', '/connections', {
      platform: 'sandbox',
      environment: 'test',
      label: 'Quote path',
      token,
    });
    const { id } = (created.body as ConnectionBody).connection;
    await app.revokeSandboxToken('quote-401');

    // What the quote engine does on a 401 from the platform.
    await app.running.serverApp.core.tokens.reportUnauthorized(
      merchant.tenant,
      id,
      'The sandbox answered 401.',
    );
    const after = (await merchant.api('GET', `/connections/${id}`)).body as ConnectionBody;
    expect(after.connection.status).toBe('revoked');
    await expect
      .poll(async () => {
        const body = (await merchant.api('GET', `/connections/${id}/events`)).body as {
          events: { type: string }[];
        };
        return body.events.map((e) => e.type);
      })
      .toEqual(['revoked_detected', 'revoked_detected', 'connected']);
    const usable = await app.running.serverApp.core.tokens.usableConnections(merchant.tenant);
    expect(usable.map((u) => u.connection.id)).not.toContain(id);
  });

  it('scheduled checks re-verify due connections once, under a lock', async () => {
    const token = await app.createSandboxToken('scheduled');
    canaries.push(token);
    const tenant = `sched-${randomBytes(3).toString('hex')}`;
    const scheduledClient = await app.signIn(tenant);
    const created = await scheduledClient.api('POST', '/connections', {
      platform: 'sandbox',
      environment: 'test',
      label: 'Scheduled',
      token,
    });
    const { id } = (created.body as ConnectionBody).connection;
    const { tokens } = app.running.serverApp.core;
    // Not due yet: a fresh connection is next checked hours from now.
    expect(await tokens.runDueChecks()).toBe(0);
    await app.revokeSandboxToken('scheduled');
    // Force it due by rewriting nextCheckAt, as time passing would.
    await app.store.updateDoc({ tenant, kind: 'connections', id: 'all' }, (raw) => {
      const doc = raw as { connections: Record<string, { nextCheckAt: string }> };
      doc.connections[id]!.nextCheckAt = new Date(0).toISOString();
      return doc;
    });
    await app.store.updateDoc({ tenant: '_global', kind: 'token-health-schedule', id: tenant }, () => ({
      [id]: new Date(0).toISOString(),
    }));
    const [first, second] = await Promise.all([tokens.runDueChecks(), tokens.runDueChecks()]);
    expect(first + second).toBeGreaterThanOrEqual(1);
    const after = (await scheduledClient.api('GET', `/connections/${id}`)).body as ConnectionBody;
    expect(after.connection).toMatchObject({ status: 'revoked', lastCheck: { trigger: 'schedule' } });
  });

  it('keeps tenants apart: another tenant gets 404 for everything of this one', async () => {
    const token = await app.createSandboxToken('isolated');
    canaries.push(token);
    const created = await merchant.api('POST', '/connections', {
      platform: 'sandbox',
      environment: 'test',
      label: 'Isolated',
      token,
    });
    const { id } = (created.body as ConnectionBody).connection;
    const other = await app.signIn(`other-${randomBytes(3).toString('hex')}`);
    for (const [method, path, body] of [
      ['GET', `/connections/${id}`],
      ['POST', `/connections/${id}/verify`],
      ['PUT', `/connections/${id}/token`, { token: 'sbx_test_whatever-token-value' }],
      ['GET', `/connections/${id}/events`],
      ['DELETE', `/connections/${id}`],
    ] as const) {
      const response = await other.api(method, path, body);
      expect(response.status, `${method} ${path}`).toBe(404);
      expect((response.body as ErrorBody).error.code).toBe('RB_ERR_NOT_FOUND');
    }
    expect(((await other.api('GET', '/connections')).body as { connections: unknown[] }).connections).toEqual(
      [],
    );
    // Still there for its owner; then disconnecting removes it.
    expect((await merchant.api('GET', `/connections/${id}`)).status).toBe(200);
    expect((await merchant.api('DELETE', `/connections/${id}`)).status).toBe(204);
    expect((await merchant.api('GET', `/connections/${id}`)).status).toBe(404);
  });

  it('refuses unauthenticated calls and explains each refused token', async () => {
    const anonymous = await fetch(`${app.url}/admin/api/connections`);
    expect(anonymous.status).toBe(401);
    const cases: [unknown, number, string][] = [
      [{ platform: 'sandbox', environment: 'test', label: 'x', token: '   ' }, 400, 'RB_ERR_TOKEN_EMPTY'],
      [
        { platform: 'sandbox', environment: 'test', label: 'x', token: 'abc def' },
        400,
        'RB_ERR_TOKEN_WHITESPACE',
      ],
      [
        { platform: 'sandbox', environment: 'test', label: 'x', token: 'abc\u0007def' },
        400,
        'RB_ERR_TOKEN_CONTROL_CHARACTERS',
      ],
      [
        { platform: 'sandbox', environment: 'test', label: 'x', token: 'a'.repeat(600) },
        400,
        'RB_ERR_TOKEN_TOO_LONG',
      ],
      [{ platform: 'nope', environment: 'test', label: 'x', token: 'abc' }, 400, 'RB_ERR_VALIDATION'],
      [
        { platform: 'sandbox', environment: 'test', label: 'x', token: 'sbx_test_unknown-token-1234' },
        422,
        'RB_ERR_TOKEN_REJECTED',
      ],
    ];
    for (const [body, status, code] of cases) {
      const response = await merchant.api('POST', '/connections', body);
      expect([response.status, (response.body as ErrorBody).error.code]).toEqual([status, code]);
    }
    const live = await app.createSandboxToken('live-one', 'live');
    canaries.push(live);
    const wrongEnv = await merchant.api('POST', '/connections', {
      platform: 'sandbox',
      environment: 'test',
      label: 'Wrong env',
      token: live,
    });
    expect(wrongEnv.status).toBe(422);
    expect((wrongEnv.body as ErrorBody).error.code).toBe('RB_ERR_TOKEN_WRONG_ENVIRONMENT');
    const malformed = await fetch(`${app.url}/admin/api/connections`, { method: 'POST' });
    expect(malformed.status).toBe(401);
  });

  it('never lets a token appear in a response or a log line (canary)', async () => {
    expect(canaries.length).toBeGreaterThan(3);
    const responses = await Promise.all([
      merchant.api('GET', '/connections'),
      merchant.api('GET', '/platforms'),
    ]);
    const logs = app.logs();
    expect(logs.length).toBeGreaterThan(0);
    for (const canary of canaries) {
      for (const response of responses) expect(JSON.stringify(response.body)).not.toContain(canary);
      expect(logs).not.toContain(canary);
    }
    const stored = JSON.stringify(
      await app.store.getDoc({ tenant: merchant.tenant, kind: 'connections', id: 'all' }),
    );
    for (const canary of canaries) expect(stored).not.toContain(canary);
  });
});

describe('connect attempts are rate-limited per tenant', () => {
  let app: AppHarness;
  beforeAll(async () => {
    app = await startAppHarness({ core: { tokens: { attemptLimit: { attempts: 3, windowMs: 60_000 } } } });
  });
  afterAll(() => app.close());

  it('answers 429 with Retry-After past the limit, for that tenant only', async () => {
    const guesser = await app.signIn('guesser');
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const response = await guesser.api('POST', '/connections', {
        platform: 'sandbox',
        environment: 'test',
        label: `guess ${i}`,
        token: `sbx_test_guess-${i}-aaaaaaaaaaaa`,
      });
      statuses.push(response.status);
      if (response.status === 429) {
        expect((response.body as ErrorBody).error.code).toBe('RB_ERR_RATE_LIMITED');
        expect(Number(response.raw.headers.get('retry-after'))).toBeGreaterThan(0);
      }
    }
    expect(statuses).toEqual([422, 422, 422, 429, 429]);
    const neighbour = await app.signIn('neighbour');
    const allowed = await neighbour.api('POST', '/connections', {
      platform: 'sandbox',
      environment: 'test',
      label: 'first try',
      token: 'sbx_test_neighbour-aaaaaaaaaaaa',
    });
    expect(allowed.status).toBe(422);
  });
});
