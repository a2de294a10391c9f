/**
 * Sessions for the standalone admin (WooCommerce merchants and the demo store), where there is no Shopify
 * session token. A merchant arrives through a one-time login link:
 *
 *   /admin/login/<payload>.<mac>   payload = base64url(JSON {t: tenant, a: actor, e: expiry, n: nonce})
 *
 * signed with a key derived from the sealing key ring, valid 15 minutes. Opening it (GET) shows which store
 * it signs into and asks to confirm; the confirmation (a same-origin POST) spends the link, durably
 * (`claimOnce`: used stays used across restarts and instances), and sets an httpOnly, SameSite=Strict
 * session cookie. The session lives in the store (12 hours), keyed by a hash of the cookie value so a
 * store dump holds no usable session.
 *
 * People (core/people) sign in by a link mailed to them instead (person-sign-in-routes.ts); their session
 * names the person, whose role is read again on every request, so a changed role applies at once and a
 * removed person's sessions are all refused on their next request. A signed link's session carries the
 * role it was made with: owner for the demo store's printed link and the plugin's "Open RateBridge".
 *
 * CSRF: the cookie is SameSite=Strict (a cross-site request does not carry it), and every state-changing
 * request, logout and the sign-in confirmation included, must name our own origin (same-origin.ts).
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import express, { Router, type RequestHandler, type Response } from 'express';
import { parseCookie, stringifySetCookie } from 'cookie';
import { z } from 'zod';
import { rbError } from '../errors.js';
import { asTenantId } from '../ids.js';
import { deriveKey, type KeyRing } from '../security/key-ring.js';
import { constantTimeEqual } from '../security/constant-time.js';
import type { Store } from '../storage/store.js';
import type { ActivityTrail } from '../people/activity-trail.js';
import { roleAtLeast, useActivityTrail } from './route-roles.js';
import type { People } from '../people/people-store.js';
import type { FrontEnd, Role } from '../wire/admin-api-types.js';
import { frontEndSchema, roleSchema } from '../wire/people-schema.js';
import { loginPage } from './login-page.js';
import { isSameOrigin, ownOrigins } from './same-origin.js';
import { setTenantContext, type TenantContext } from './tenant-context.js';

export const SESSION_COOKIE = 'rb_admin_session';
const LOGIN_LINK_TTL_MS = 15 * 60_000;
const SESSION_TTL_MS = 12 * 60 * 60_000;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const linkPayload = z.object({
  t: z.string().min(1),
  a: z.string().min(1),
  e: z.number(),
  n: z.string().min(16),
  r: roleSchema.default('owner'),
  f: frontEndSchema.default('standalone'),
});
// Sessions made before roles existed came from signed links, which could do everything: owner.
const sessionRecord = z.object({
  tenant: z.string(),
  actor: z.string(),
  role: roleSchema.default('owner'),
  frontEnd: frontEndSchema.default('standalone'),
  person: z.string().optional(),
});
export type SessionRecord = z.input<typeof sessionRecord>;
type LinkClaims = z.infer<typeof linkPayload>;

export interface LinkOptions {
  readonly role?: Role;
  readonly frontEnd?: FrontEnd;
}

export interface StandaloneSessionOptions {
  readonly store: Store;
  readonly keyRing: KeyRing;
  /** Our own origin (PUBLIC_URL), for links and the Origin check. */
  readonly publicUrl: string;
  /** Development: localhost, 127.0.0.1 and [::1] on PUBLIC_URL's port all count as our origin. */
  readonly loopbackAliases?: boolean;
  /** Where a successful login lands. */
  readonly landingPath?: string;
  readonly now?: () => number;
  /** Looks up a signed-in person on every request (absent: person sessions are refused). */
  readonly people?: Pick<People, 'get'>;
  /** Handed to the route declarations, which record the store's activity there. */
  readonly activity?: ActivityTrail;
}

export function createStandaloneSessions(options: StandaloneSessionOptions) {
  const ctx = sessionContext(options);
  return {
    /** A one-time login link for `tenant`, valid for 15 minutes. */
    loginLink: (tenant: string, actor = 'merchant', link: LinkOptions = {}): string =>
      loginLink(ctx, tenant, actor, link),
    /** A new session, its cookie set on `response`; the browser's old session ends. */
    startSession: (response: Response, headers: IncomingHttpHeaders, record: SessionRecord) =>
      startSession(ctx, response, headers, record),
    /** Whether a request names our own origin (for state-changing routes outside the admin API). */
    sameOrigin: ctx.sameOrigin,
    /**
     * The tenant of the browser's current session, if it has one, for flows outside the admin API that
     * change the store (the WooCommerce key grant, one-click connect): a session below `need` (an admin by
     * default) is refused with RB_ERR_ROLE_REQUIRED, as the admin API's routes refuse it.
     */
    async currentTenant(headers: IncomingHttpHeaders, need: Role = 'admin'): Promise<string | undefined> {
      return (await currentSession(ctx, headers, need))?.tenant;
    },
    /** As currentTenant, with who is signed in (their actor and address), for flows that record them. */
    currentSession: (headers: IncomingHttpHeaders, need: Role = 'admin') =>
      currentSession(ctx, headers, need),
    /** GET /admin/login/:link (asks to confirm), POST /admin/login/:link (signs in), POST /admin/logout. */
    routes: (): Router => loginRoutes(ctx),
    /** Authenticates a request by its session cookie and sets the tenant context. */
    requireSession: (): RequestHandler => requireSession(ctx),
  };
}

/** What the session operations below share: the store, the clock, the link key and our origins. */
function sessionContext(options: StandaloneSessionOptions) {
  const { publicUrl } = options;
  const macKey = deriveKey(options.keyRing.primary, 'admin-login-link');
  const origins = ownOrigins({ publicUrl, loopbackAliases: options.loopbackAliases ?? false });
  return {
    store: options.store,
    people: options.people,
    activity: options.activity,
    publicUrl,
    landingPath: options.landingPath ?? '/admin/',
    now: options.now ?? Date.now,
    secure: publicUrl.startsWith('https:'),
    mac: (payload: string) => createHmac('sha256', macKey).update(payload).digest('base64url'),
    sessionKey: (cookieValue: string) =>
      `admin-session:${createHash('sha256').update(cookieValue).digest('hex')}`,
    cookieOf: (headers: IncomingHttpHeaders) => parseCookie(headers.cookie ?? '')[SESSION_COOKIE],
    sameOrigin: (headers: IncomingHttpHeaders) => isSameOrigin(headers, origins),
  };
}

type SessionContext = ReturnType<typeof sessionContext>;

function loginLink(ctx: SessionContext, tenant: string, actor: string, link: LinkOptions): string {
  const payload = Buffer.from(
    JSON.stringify({
      t: tenant,
      a: actor,
      e: ctx.now() + LOGIN_LINK_TTL_MS,
      n: randomBytes(16).toString('hex'),
      r: link.role ?? 'owner',
      f: link.frontEnd ?? 'standalone',
    }),
  ).toString('base64url');
  return `${ctx.publicUrl}/admin/login/${payload}.${ctx.mac(payload)}`;
}

/** The claims of an authentic, unexpired link; it is not spent here. */
function readLink(ctx: SessionContext, link: string): LinkClaims {
  const [payload = '', signature = ''] = link.split('.');
  if (!constantTimeEqual(ctx.mac(payload), signature)) throw rbError('RB_ERR_LOGIN_LINK_INVALID');
  let claims: LinkClaims;
  try {
    claims = linkPayload.parse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
  } catch {
    throw rbError('RB_ERR_LOGIN_LINK_INVALID');
  }
  if (claims.e < ctx.now()) throw rbError('RB_ERR_LOGIN_LINK_INVALID');
  return claims;
}

async function sessionOf(
  ctx: SessionContext,
  headers: IncomingHttpHeaders,
): Promise<z.infer<typeof sessionRecord> | undefined> {
  const value = ctx.cookieOf(headers);
  if (!value) return undefined;
  const parsed = sessionRecord.safeParse(await ctx.store.cacheGet(ctx.sessionKey(value)));
  return parsed.success ? parsed.data : undefined;
}

function setSessionCookie(ctx: SessionContext, response: Response, value: string, maxAgeMs: number): void {
  response.setHeader(
    'Set-Cookie',
    stringifySetCookie({
      name: SESSION_COOKIE,
      value,
      httpOnly: true,
      secure: ctx.secure,
      sameSite: 'strict',
      path: '/',
      maxAge: maxAgeMs / 1000,
    }),
  );
}

async function startSession(
  ctx: SessionContext,
  response: Response,
  headers: IncomingHttpHeaders,
  record: SessionRecord,
): Promise<void> {
  const previous = ctx.cookieOf(headers);
  if (previous) await ctx.store.cacheDelete(ctx.sessionKey(previous));
  const session = randomBytes(32).toString('base64url');
  await ctx.store.cacheSet(ctx.sessionKey(session), sessionRecord.parse(record), SESSION_TTL_MS);
  setSessionCookie(ctx, response, session, SESSION_TTL_MS);
}

function loginRoutes(ctx: SessionContext): Router {
  const router = Router();
  router.get('/login/:link', async (request, response) => {
    const claims = readLink(ctx, String(request.params.link));
    const current = await sessionOf(ctx, request.headers);
    response.setHeader('Cache-Control', 'no-store');
    // no-referrer (helmet's default) makes the browser send `Origin: null` with the form below.
    response.setHeader('Referrer-Policy', 'same-origin');
    response
      .status(200)
      .type('html')
      .send(
        loginPage({
          tenant: claims.t,
          ...(current === undefined ? {} : { current: current.tenant }),
          action: request.originalUrl.split('?')[0] ?? '',
        }),
      );
  });
  router.post(
    '/login/:link',
    express.urlencoded({ extended: false, limit: '1kb' }),
    async (request, response) => {
      if (!ctx.sameOrigin(request.headers)) throw rbError('RB_ERR_CROSS_SITE');
      const claims = readLink(ctx, String(request.params.link));
      if (!(await ctx.store.claimOnce(`admin-login-used:${claims.n}`, LOGIN_LINK_TTL_MS))) {
        throw rbError('RB_ERR_LOGIN_LINK_INVALID');
      }
      await startSession(ctx, response, request.headers, {
        tenant: claims.t,
        actor: claims.a,
        role: claims.r,
        frontEnd: claims.f,
      });
      response.setHeader('Cache-Control', 'no-store');
      response.redirect(303, ctx.landingPath);
    },
  );
  router.post('/logout', async (request, response) => {
    if (!ctx.sameOrigin(request.headers)) throw rbError('RB_ERR_CROSS_SITE');
    const value = ctx.cookieOf(request.headers);
    if (value) await ctx.store.cacheDelete(ctx.sessionKey(value));
    setSessionCookie(ctx, response, '', 0);
    response.status(204).end();
  });
  return router;
}

function requireSession(ctx: SessionContext): RequestHandler {
  return async (request, response, next) => {
    const session = await resolveSession(ctx, request.headers);
    if (!session) throw rbError('RB_ERR_UNAUTHENTICATED');
    if (!SAFE_METHODS.has(request.method) && !ctx.sameOrigin(request.headers))
      throw rbError('RB_ERR_CROSS_SITE');
    setTenantContext(response, session);
    if (ctx.activity) useActivityTrail(response, ctx.activity);
    next();
  };
}

async function currentSession(
  ctx: SessionContext,
  headers: IncomingHttpHeaders,
  need: Role,
): Promise<TenantContext | undefined> {
  const session = await resolveSession(ctx, headers);
  if (session && !roleAtLeast(session.role, need)) throw rbError('RB_ERR_ROLE_REQUIRED', need, session.role);
  return session;
}

/**
 * The browser's session as the caller it names: a person's role and address are read again now, so a
 * changed role applies at once, and a removed person's session ends here (deleted, and refused).
 */
async function resolveSession(
  ctx: SessionContext,
  headers: IncomingHttpHeaders,
): Promise<TenantContext | undefined> {
  const session = await sessionOf(ctx, headers);
  if (!session) return undefined;
  const { tenant, actor, frontEnd } = session;
  if (session.person === undefined)
    return { tenant: asTenantId(tenant), actor, role: session.role, frontEnd };
  const person = await ctx.people?.get(tenant, session.person);
  if (!person) {
    await ctx.store.cacheDelete(ctx.sessionKey(ctx.cookieOf(headers) ?? ''));
    return undefined;
  }
  return { tenant: asTenantId(tenant), actor, role: person.role, frontEnd, email: person.email };
}
