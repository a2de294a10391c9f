import { randomBytes } from 'node:crypto';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStandaloneSessions } from '../../../core/admin-api/standalone-session.js';
import { tenantContext } from '../../../core/admin-api/tenant-context.js';
import { errorHandler } from '../../../core/admin-api/http/error-handler.js';
import { parseKeyRing } from '../../../core/security/key-ring.js';
import { openEmbeddedStore, type EmbeddedStore } from '../../../core/storage/embedded-store.js';
import { capturingLogger } from '../../support/log-capture.js';
import { listen } from '../../support/listen.js';
import { tempDir } from '../../support/temp-dir.js';

describe('standalone sessions: one-time login links and cookie sessions', () => {
  let clock = Date.now();
  let store: EmbeddedStore;
  let server: Awaited<ReturnType<typeof listen>>;
  let cleanup: () => Promise<void>;
  let sessions: ReturnType<typeof createStandaloneSessions>;
  const { logger, text } = capturingLogger();

  beforeAll(async () => {
    const dir = await tempDir('sessions');
    store = await openEmbeddedStore({ dataDir: dir.dir, now: () => clock });
    const ring = parseKeyRing(`s1:${randomBytes(32).toString('base64')}`);
    if (!ring.ok) throw new Error(ring.problem);
    const app = express();
    const placeholder = 'http://placeholder.invalid';
    sessions = createStandaloneSessions({
      store,
      keyRing: ring.ring,
      publicUrl: placeholder,
      now: () => clock,
    });
    app.use('/admin', sessions.routes());
    app.use('/admin/api', sessions.requireSession(), (_request, response) => {
      response.json(tenantContext(response));
    });
    app.use(errorHandler(logger));
    server = await listen(app);
    cleanup = async () => {
      await server.close();
      await store.close();
      await dir.remove();
    };
  });
  afterAll(() => cleanup());

  const follow = (link: string) =>
    fetch(link.replace('http://placeholder.invalid', server.url), { redirect: 'manual' });

  it('signs in once with a fresh link: httpOnly, SameSite=Strict cookie, redirect to the admin', async () => {
    const link = sessions.loginLink('shop-a', 'owner');
    const response = await follow(link);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/admin/');
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/rb_admin_session=[^;]+/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const me = await fetch(`${server.url}/admin/api/me`, { headers: { cookie: cookie.split(';')[0] ?? '' } });
    expect(await me.json()).toEqual({ tenant: 'shop-a', actor: 'owner' });
    // The same link a second time is refused.
    const again = await follow(link);
    expect(again.status).toBe(401);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe(
      'RB_ERR_LOGIN_LINK_INVALID',
    );
  });

  it('refuses an expired or tampered link, and a tenant swapped into the payload', async () => {
    const expired = sessions.loginLink('shop-b');
    clock += 16 * 60_000;
    expect((await follow(expired)).status).toBe(401);
    const link = sessions.loginLink('shop-b');
    const [base, signed] = [link.slice(0, link.lastIndexOf('/') + 1), link.slice(link.lastIndexOf('/') + 1)];
    const [payload = '', mac = ''] = signed.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, t: 'someone-else' })).toString('base64url');
    expect((await follow(`${base}${forged}.${mac}`)).status).toBe(401);
    expect((await follow(`${base}${payload}.${mac.slice(0, -2)}xx`)).status).toBe(401);
    expect((await follow(`${base}garbage`)).status).toBe(401);
    expect(text()).not.toContain(mac);
  });

  it('refuses missing or unknown cookies and cross-origin writes', async () => {
    expect((await fetch(`${server.url}/admin/api/me`)).status).toBe(401);
    expect(
      (await fetch(`${server.url}/admin/api/me`, { headers: { cookie: 'rb_admin_session=nope' } })).status,
    ).toBe(401);
    const response = await follow(sessions.loginLink('shop-c'));
    const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const crossSite = await fetch(`${server.url}/admin/api/me`, {
      method: 'POST',
      headers: { cookie, origin: 'https://evil.example' },
    });
    expect(crossSite.status).toBe(403);
    const logout = await fetch(`${server.url}/admin/logout`, { method: 'POST', headers: { cookie } });
    expect(logout.status).toBe(204);
    expect((await fetch(`${server.url}/admin/api/me`, { headers: { cookie } })).status).toBe(401);
  });
});
