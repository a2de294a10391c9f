/**
 * Sessions for the standalone admin (WooCommerce merchants and the demo store), where there is no Shopify
 * session token. A merchant arrives through a one-time login link:
 *
 *   /admin/login/<payload>.<mac>   payload = base64url(JSON {t: tenant, a: actor, e: expiry, n: nonce})
 *
 * signed with a key derived from the sealing key ring, valid 15 minutes, usable once (the nonce is burnt in
 * the store). Following it sets an httpOnly, SameSite=Strict session cookie; the session itself lives in the
 * store (12 hours), keyed by a hash of the cookie value so a store dump holds no usable session.
 *
 * CSRF: the cookie is SameSite=Strict (a cross-site request does not carry it), and a state-changing
 * request whose Origin header is present must come from our own origin.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { Router, type RequestHandler } from 'express';
import { parseCookie, stringifySetCookie } from 'cookie';
import { z } from 'zod';
import { rbError } from '../errors.js';
import { asTenantId } from '../ids.js';
import { deriveKey, type KeyRing } from '../security/key-ring.js';
import { constantTimeEqual } from '../security/constant-time.js';
import type { Store } from '../storage/store.js';
import { setTenantContext } from './tenant-context.js';

export const SESSION_COOKIE = 'rb_admin_session';
const LOGIN_LINK_TTL_MS = 15 * 60_000;
const SESSION_TTL_MS = 12 * 60 * 60_000;

const linkPayload = z.object({
  t: z.string().min(1),
  a: z.string().min(1),
  e: z.number(),
  n: z.string().min(16),
});
const sessionRecord = z.object({ tenant: z.string(), actor: z.string() });

export interface StandaloneSessionOptions {
  readonly store: Store;
  readonly keyRing: KeyRing;
  /** Our own origin (PUBLIC_URL), for links and the Origin check. */
  readonly publicUrl: string;
  /** Where a successful login lands. */
  readonly landingPath?: string;
  readonly now?: () => number;
}

export function createStandaloneSessions(options: StandaloneSessionOptions) {
  const { store, publicUrl } = options;
  const now = options.now ?? Date.now;
  const macKey = deriveKey(options.keyRing.primary, 'admin-login-link');
  const secure = publicUrl.startsWith('https:');
  const ownOrigin = new URL(publicUrl).origin;
  const mac = (payload: string) => createHmac('sha256', macKey).update(payload).digest('base64url');
  const sessionKey = (cookieValue: string) =>
    `admin-session:${createHash('sha256').update(cookieValue).digest('hex')}`;

  return {
    /** A one-time login link for `tenant`, valid for 15 minutes. */
    loginLink(tenant: string, actor = 'merchant'): string {
      const payload = Buffer.from(
        JSON.stringify({
          t: tenant,
          a: actor,
          e: now() + LOGIN_LINK_TTL_MS,
          n: randomBytes(16).toString('hex'),
        }),
      ).toString('base64url');
      return `${publicUrl}/admin/login/${payload}.${mac(payload)}`;
    },

    /** GET /admin/login/:link and POST /admin/logout. */
    routes(): Router {
      const router = Router();
      router.get('/login/:link', async (request, response) => {
        const [payload = '', signature = ''] = String(request.params.link).split('.');
        if (!constantTimeEqual(mac(payload), signature)) throw rbError('RB_ERR_LOGIN_LINK_INVALID');
        let claims: z.infer<typeof linkPayload>;
        try {
          claims = linkPayload.parse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
        } catch {
          throw rbError('RB_ERR_LOGIN_LINK_INVALID');
        }
        if (claims.e < now()) throw rbError('RB_ERR_LOGIN_LINK_INVALID');
        const firstUse = await store.cacheSetIfAbsent(`admin-login-used:${claims.n}`, 1, LOGIN_LINK_TTL_MS);
        if (!firstUse) throw rbError('RB_ERR_LOGIN_LINK_INVALID');

        const session = randomBytes(32).toString('base64url');
        await store.cacheSet(sessionKey(session), { tenant: claims.t, actor: claims.a }, SESSION_TTL_MS);
        response.setHeader(
          'Set-Cookie',
          stringifySetCookie({
            name: SESSION_COOKIE,
            value: session,
            httpOnly: true,
            secure,
            sameSite: 'strict',
            path: '/',
            maxAge: SESSION_TTL_MS / 1000,
          }),
        );
        response.setHeader('Cache-Control', 'no-store');
        response.redirect(303, options.landingPath ?? '/admin/');
      });
      router.post('/logout', async (request, response) => {
        const value = parseCookie(request.headers.cookie ?? '')[SESSION_COOKIE];
        if (value) await store.cacheDelete(sessionKey(value));
        response.setHeader(
          'Set-Cookie',
          stringifySetCookie({
            name: SESSION_COOKIE,
            value: '',
            httpOnly: true,
            secure,
            sameSite: 'strict',
            path: '/',
            maxAge: 0,
          }),
        );
        response.status(204).end();
      });
      return router;
    },

    /** Authenticates a request by its session cookie and sets the tenant context. */
    requireSession(): RequestHandler {
      return async (request, response, next) => {
        const value = parseCookie(request.headers.cookie ?? '')[SESSION_COOKIE];
        if (!value) throw rbError('RB_ERR_UNAUTHENTICATED');
        const parsed = sessionRecord.safeParse(await store.cacheGet(sessionKey(value)));
        if (!parsed.success) throw rbError('RB_ERR_UNAUTHENTICATED');
        const unsafe = !['GET', 'HEAD', 'OPTIONS'].includes(request.method);
        const origin = request.headers.origin;
        if (unsafe && origin !== undefined && origin !== ownOrigin) throw rbError('RB_ERR_FORBIDDEN');
        setTenantContext(response, { tenant: asTenantId(parsed.data.tenant), actor: parsed.data.actor });
        next();
      };
    },
  };
}

export type StandaloneSessions = ReturnType<typeof createStandaloneSessions>;
