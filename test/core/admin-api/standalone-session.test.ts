import { randomBytes } from 'node:crypto';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStandaloneSessions } from '../../../core/admin-api/standalone-session.js';
import { tenantContext } from '../../../core/admin-api/tenant-context.js';
import { errorHandler } from '../../../core/http/error-handler.js';
import { parseKeyRing } from '../../../core/security/key-ring.js';
import { openEmbeddedStore, type EmbeddedStore } from '../../../core/storage/embedded-store.js';
import { capturingLogger } from '../../support/log-capture.js';
import { listen } from '../../support/listen.js';
import { signInWithLink } from '../../support/sign-in.js';
import { tempDir } from '../../support/temp-dir.js';

describe('standalone sessions: one-time login links and cookie sessions', () => {
  let clock = Date.now();
  let store: EmbeddedStore;
  let server: Awaited<ReturnType<typeof listen>>;
  let cleanup: () => Promise<void>;
  let sessions: ReturnType<typeof createStandaloneSessions>;
  let dir: Awaited<ReturnType<typeof tempDir>>;
  const ring = parseKeyRing(`s1:${randomBytes(32).toString('base64')}`);
  if (!ring.ok) throw new Error(ring.problem);
  const { logger, text } = capturingLogger();
  const placeholder = 'http://placeholder.invalid';

  const buildApp = async () => {
    store = await openEmbeddedStore({ dataDir: dir.dir, now: () => clock });
    const app = express();
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
  };

  beforeAll(async () => {
    dir = await tempDir('sessions');
    await buildApp();
    cleanup = async () => {
      await server.close();
      await store.close();
      await dir.remove();
    };
  });
  afterAll(() => cleanup());

  const local = (link: string) => link.replace(placeholder, server.url);
  const follow = (link: string) => fetch(local(link), { redirect: 'manual' });
  const confirm = (link: string, headers: Record<string, string> = { origin: placeholder }) =>
    fetch(local(link), { method: 'POST', redirect: 'manual', headers });
  const codeOf = async (response: Response) =>
    ((await response.json()) as { error: { code: string } }).error.code;

  it('opens a confirmation that names the store, then signs in once: httpOnly, SameSite=Strict cookie', async () => {
    const link = sessions.loginLink('woo:shop-a.example', 'owner');
    const page = await follow(link);
    expect(page.status).toBe(200);
    expect(page.headers.get('set-cookie')).toBeNull();
    const html = await page.text();
    expect(html).toContain('the WooCommerce store shop-a.example');
    expect(html).toMatch(/<button type="submit">Sign in to the WooCommerce store shop-a\.example<\/button>/);

    const response = await confirm(link);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/admin/');
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/rb_admin_session=[^;]+/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const me = await fetch(`${server.url}/admin/api/me`, { headers: { cookie: cookie.split(';')[0] ?? '' } });
    expect(await me.json()).toEqual({
      tenant: 'woo:shop-a.example',
      actor: 'owner',
      role: 'owner',
      frontEnd: 'standalone',
    });
    // The same link a second time is refused, on the page and on the confirmation.
    const again = await confirm(link);
    expect(again.status).toBe(401);
    expect(await codeOf(again)).toBe('RB_ERR_LOGIN_LINK_INVALID');
  });

  it('signs nobody in from a link opened alone or confirmed from another site (login CSRF)', async () => {
    const link = sessions.loginLink('attacker-store');
    // Opening the link sets no session.
    const page = await follow(link);
    expect(page.headers.get('set-cookie')).toBeNull();
    // A form on another site posting the confirmation, or a request naming no origin, is refused.
    const forgeries: Record<string, string>[] = [{ origin: 'https://evil.example' }, { origin: 'null' }, {}];
    for (const headers of forgeries) {
      const forged = await confirm(link, headers);
      expect(forged.status).toBe(403);
      expect(forged.headers.get('set-cookie')).toBeNull();
      expect(await codeOf(forged)).toBe('RB_ERR_CROSS_SITE');
    }
    // A Referer of our own origin stands in for a missing Origin; the link was not spent by the refusals.
    expect((await confirm(link, { referer: `${placeholder}/admin/login/x` })).status).toBe(303);
  });

  it('tells a signed-in merchant which store they are about to leave', async () => {
    const cookie = await signInWithLink(local(sessions.loginLink('woo:mine.example')), placeholder);
    const page = await fetch(local(sessions.loginLink('woo:theirs.example')), { headers: { cookie } });
    const html = await page.text();
    expect(html).toContain('You are signed in to the WooCommerce store mine.example');
    expect(html).toContain('Sign in to the WooCommerce store theirs.example');
  });

  it('keeps a used link used after a restart (the mark is durable)', async () => {
    const link = sessions.loginLink('shop-restart');
    expect((await confirm(link)).status).toBe(303);
    await server.close();
    await store.close();
    await buildApp();
    const again = await confirm(link);
    expect(again.status).toBe(401);
    expect(await codeOf(again)).toBe('RB_ERR_LOGIN_LINK_INVALID');
  });

  it('refuses an expired or tampered link, and a tenant swapped into the payload', async () => {
    const expired = sessions.loginLink('shop-b');
    clock += 16 * 60_000;
    expect((await follow(expired)).status).toBe(401);
    expect((await confirm(expired)).status).toBe(401);
    const link = sessions.loginLink('shop-b');
    const [base, signed] = [link.slice(0, link.lastIndexOf('/') + 1), link.slice(link.lastIndexOf('/') + 1)];
    const [payload = '', mac = ''] = signed.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, t: 'someone-else' })).toString('base64url');
    expect((await follow(`${base}${forged}.${mac}`)).status).toBe(401);
    expect((await confirm(`${base}${forged}.${mac}`)).status).toBe(401);
    expect((await follow(`${base}${payload}.${mac.slice(0, -2)}xx`)).status).toBe(401);
    expect((await follow(`${base}garbage`)).status).toBe(401);
    expect(text()).not.toContain(mac);
  });

  it('refuses missing or unknown cookies, and writes that do not name our origin, logout included', async () => {
    expect((await fetch(`${server.url}/admin/api/me`)).status).toBe(401);
    expect(
      (await fetch(`${server.url}/admin/api/me`, { headers: { cookie: 'rb_admin_session=nope' } })).status,
    ).toBe(401);
    const cookie = await signInWithLink(local(sessions.loginLink('shop-c')), placeholder);
    const foreign: Record<string, string>[] = [{ origin: 'https://evil.example' }, {}];
    for (const headers of foreign) {
      const write = await fetch(`${server.url}/admin/api/me`, {
        method: 'POST',
        headers: { cookie, ...headers },
      });
      expect(write.status).toBe(403);
      expect(await codeOf(write)).toBe('RB_ERR_CROSS_SITE');
    }
    // Reads need no origin; a write from our own page passes.
    expect((await fetch(`${server.url}/admin/api/me`, { headers: { cookie } })).status).toBe(200);
    const ours = await fetch(`${server.url}/admin/api/me`, {
      method: 'POST',
      headers: { cookie, origin: placeholder },
    });
    expect(ours.status).toBe(200);
    // Logout from another site (or naming none) is refused and the session survives it.
    for (const headers of foreign) {
      const logout = await fetch(`${server.url}/admin/logout`, {
        method: 'POST',
        headers: { cookie, ...headers },
      });
      expect(logout.status).toBe(403);
    }
    expect((await fetch(`${server.url}/admin/api/me`, { headers: { cookie } })).status).toBe(200);
    const logout = await fetch(`${server.url}/admin/logout`, {
      method: 'POST',
      headers: { cookie, origin: placeholder },
    });
    expect(logout.status).toBe(204);
    expect((await fetch(`${server.url}/admin/api/me`, { headers: { cookie } })).status).toBe(401);
  });
});

describe('our origin in development', () => {
  it('accepts localhost, 127.0.0.1 and [::1] on the configured port, and nothing else', async () => {
    const { isSameOrigin, ownOrigins } = await import('../../../core/admin-api/same-origin.js');
    const dev = ownOrigins({ publicUrl: 'http://localhost:3000', loopbackAliases: true });
    for (const origin of ['http://localhost:3000', 'http://127.0.0.1:3000', 'http://[::1]:3000'])
      expect(isSameOrigin({ origin }, dev), origin).toBe(true);
    for (const origin of ['http://127.0.0.1:3001', 'https://localhost:3000', 'http://evil.example', 'null'])
      expect(isSameOrigin({ origin }, dev), origin).toBe(false);
    const prod = ownOrigins({ publicUrl: 'https://rates.example.com', loopbackAliases: false });
    expect(isSameOrigin({ origin: 'https://rates.example.com' }, prod)).toBe(true);
    expect(isSameOrigin({ referer: 'https://rates.example.com/admin/' }, prod)).toBe(true);
    expect(isSameOrigin({ origin: 'http://localhost' }, prod)).toBe(false);
  });
});
