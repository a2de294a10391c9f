/**
 * Authentication of the embedded admin's API calls. App Bridge adds `Authorization: Bearer <session token>`
 * to every fetch. Three steps, one chain:
 *
 * 1. **Our gate** (session-token.ts) refuses what is not a session token of this app for a real
 *    `*.myshopify.com` shop, before anything touches storage or Shopify: a token for another host would
 *    otherwise reach the session storage and the token endpoint as a shop name. It remembers the token as a
 *    secret of this request, so no log line can carry it.
 * 2. **Shopify's middleware**, `validateAuthenticatedSession()` of @shopify/shopify-app-express with token
 *    exchange: it verifies the token again, loads the shop's offline session from our storage and, when
 *    there is none or it expires within five minutes, exchanges the session token for a new expiring
 *    offline token and stores it (sealed).
 *    One decision per shop at a time, so parallel calls after expiry share one exchange.
 * 3. **The tenant context** the admin API routes read: tenant = the shop of the verified token, actor =
 *    `shopify-user:<user id>`. Never from a header or the body.
 *
 * The library answers its own refusals with plain-text bodies (which can quote the session token) and
 * answers every other failure with a bare 500. While it decides, its `send` is turned into our coded
 * errors instead: its 401 -> 401 RB_ERR_UNAUTHENTICATED, keeping the
 * `X-Shopify-Retry-Invalid-Session-Request: 1` it sets when a fresh session token would succeed (App Bridge
 * then fetches one and retries); anything else -> 502 RB_ERR_SHOPIFY_UNREACHABLE (Shopify or our storage
 * could not complete the exchange: worth a retry, and logged by the library through our logger), or
 * 503 RB_ERR_STORE_UNAVAILABLE when it was our store that failed.
 */
import type { Session } from '@shopify/shopify-api';
import { Router, type Request, type RequestHandler, type Response } from 'express';
import {
  asTenantId,
  rbError,
  rememberSecret,
  setTenantContext,
  storeUnavailable,
  useActivityTrail,
  type ActivityTrail,
  type Logger,
} from '../core/index.js';
import type { StaffRole } from './staff-role.js';
import { verifySessionToken, type SessionTokenClaims, type SessionTokenFailure } from './session-token.js';
import type { ShopifySettings } from './shopify-config.js';
import type { ShopifyLibrary } from './shopify-library.js';

export const RETRY_INVALID_SESSION_HEADER = 'X-Shopify-Retry-Invalid-Session-Request';

/** Failures a fresh session token fixes; App Bridge retries these once when told to. */
const RETRYABLE: ReadonlySet<SessionTokenFailure> = new Set(['expired', 'not_yet_valid']);

export interface SessionTokenAuthOptions {
  readonly settings: Pick<ShopifySettings, 'apiKey' | 'apiSecret'>;
  readonly library: Pick<ShopifyLibrary, 'validateAuthenticatedSession'>;
  readonly logger: Logger;
  readonly now?: () => number;
  /** True while RateBridge's store is down: the library's failure was then ours, not Shopify's. */
  readonly storeDown?: () => boolean;
  /** The store's activity trail, handed to the route declarations (core/admin-api/route-roles.ts). */
  readonly activity?: ActivityTrail;
  /** The staff member's role (staff-role.ts); every staff member is an admin without it. */
  readonly roleOf?: (shop: string, userId: string | undefined, session: Session) => Promise<StaffRole>;
}

interface ShopifyLocals {
  shopifyClaims?: SessionTokenClaims & { readonly token: string };
  shopify?: { session?: Session };
  shopifySession?: Session;
}

const locals = (response: Response) => response.locals as ShopifyLocals;
const requestLog = (request: object, fallback: Logger) => (request as { log?: Logger }).log ?? fallback;

export function requireShopifySessionToken(options: SessionTokenAuthOptions): Router {
  const decide = libraryDecision(options.library.validateAuthenticatedSession(), options);
  const chain = Router();
  chain.use(sessionTokenGate(options), oneDecisionPerShop(decide), tenantFromSession(options.roleOf));
  const { activity } = options;
  if (activity)
    chain.use((_request, response, next) => {
      useActivityTrail(response, activity);
      next();
    });
  return chain;
}

/** Step 1: only a verified session token of this app, for a real shop, goes further. */
function sessionTokenGate(options: SessionTokenAuthOptions): RequestHandler {
  const now = options.now ?? Date.now;
  return (request, response, next) => {
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
    if (!bearer?.[1]) throw rbError('RB_ERR_UNAUTHENTICATED');
    rememberSecret(bearer[1]);
    const verified = verifySessionToken(bearer[1], options.settings, now());
    if (!verified.valid) {
      requestLog(request, options.logger).info({ reason: verified.reason }, 'Shopify session token refused');
      if (RETRYABLE.has(verified.reason)) response.setHeader(RETRY_INVALID_SESSION_HEADER, '1');
      throw rbError('RB_ERR_UNAUTHENTICATED');
    }
    locals(response).shopifyClaims = { ...verified.claims, token: bearer[1] };
    next();
  };
}

type Decide = (request: Request, response: Response) => Promise<unknown>;

/** Step 2: runs the library's middleware; resolves with what to pass to `next` once it has decided. */
function libraryDecision(
  validate: RequestHandler,
  options: Pick<SessionTokenAuthOptions, 'logger' | 'storeDown'>,
): Decide {
  return (request, response) =>
    new Promise((resolve) => {
      const send = response.send.bind(response);
      let settled = false;
      const settle = (error?: unknown) => {
        if (settled) return;
        settled = true;
        response.send = send;
        resolve(error);
      };
      response.send = function refusal() {
        settle(refusalError(response, requestLog(request, options.logger), options.storeDown));
        return response;
      };
      Promise.resolve(validate(request, response, (error?: unknown) => settle(error))).catch(
        (error: unknown) => settle(error),
      );
    });
}

/** The library's own refusal, as our coded error instead of its plain-text body. */
function refusalError(response: Response, log: Logger, storeDown: (() => boolean) | undefined): unknown {
  const status = response.statusCode;
  // The library may have prepared an HTML page (App Bridge bounce); our answer is a JSON error.
  response.removeHeader('Content-Type');
  response.removeHeader('Content-Security-Policy');
  if (status !== 401) {
    if (storeDown?.()) return storeUnavailable();
    log.warn({ status }, 'Shopify session could not be established');
    return rbError('RB_ERR_SHOPIFY_UNREACHABLE');
  }
  if (response.getHeader(RETRY_INVALID_SESSION_HEADER) === '1') {
    log.info('Shopify refused the session token; App Bridge will retry with a fresh one');
  } else {
    log.warn(
      'Shopify refused the token exchange: the app was uninstalled, or SHOPIFY_API_KEY and SHOPIFY_API_SECRET do not match the app',
    );
  }
  return rbError('RB_ERR_UNAUTHENTICATED');
}

/**
 * One decision per shop at a time: the first call after the offline token expired exchanges a new one
 * and stores it; calls arriving meanwhile (the admin loads several resources at once) then find it
 * instead of each exchanging their own.
 */
function oneDecisionPerShop(decide: Decide): RequestHandler {
  const deciding = new Map<string, Promise<unknown>>();
  return async (request, response, next) => {
    const claims = locals(response).shopifyClaims;
    if (!claims) throw rbError('RB_ERR_UNAUTHENTICATED');
    // The library reads `Bearer <token>` case-sensitively (and falls back to an `id_token` query parameter
    // when that does not match): hand it exactly the token our gate verified.
    request.headers.authorization = `Bearer ${claims.token}`;
    const previous = deciding.get(claims.shop) ?? Promise.resolve();
    const mine = previous.then(() => decide(request, response));
    const tail = mine.then(
      () => undefined,
      () => undefined,
    );
    deciding.set(claims.shop, tail);
    void tail.then(() => {
      if (deciding.get(claims.shop) === tail) deciding.delete(claims.shop);
    });
    next(await mine);
  };
}

/**
 * Step 3: the tenant context, from the verified token and the session the library loaded for it. The staff
 * member named by the token's `sub` is the actor; their role follows the shop owner's choice (staff-role.ts).
 */
function tenantFromSession(roleOf: SessionTokenAuthOptions['roleOf']): RequestHandler {
  return async (_request, response, next) => {
    const { shopifyClaims: claims, shopify } = locals(response);
    const session = shopify?.session;
    // Both come from the same verified token; a mismatch would be a bug, never a reason to pick one.
    if (!claims || !session || session.shop !== claims.shop) throw rbError('RB_ERR_UNAUTHENTICATED');
    locals(response).shopifySession = session;
    const staff = roleOf ? await roleOf(claims.shop, claims.userId, session) : { role: 'admin' as const };
    setTenantContext(response, {
      tenant: asTenantId(claims.shop),
      actor: `shopify-user:${claims.userId ?? 'unknown'}`,
      role: staff.role,
      ...(staff.unconfirmed ? { roleUnconfirmed: true } : {}),
      frontEnd: 'shopify',
    });
    next();
  };
}

/** The shop's offline session, for routes behind `requireShopifySessionToken` that call Shopify. */
export function shopifySession(response: Response): Session {
  const session = locals(response).shopifySession;
  if (!session) throw rbError('RB_ERR_UNAUTHENTICATED');
  return session;
}
