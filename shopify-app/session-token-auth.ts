/**
 * Authentication of the embedded admin's API calls. App Bridge adds `Authorization: Bearer <session token>`
 * to every fetch; this middleware verifies that token (session-token.ts), makes sure RateBridge holds an
 * offline access token for the shop (exchanging the session token when it does not), and only then sets the
 * tenant context the admin API routes read: tenant = the shop's domain, actor = `shopify-user:<user id>`.
 *
 * Failures are thrown as coded errors for core's error handler: 401 RB_ERR_UNAUTHENTICATED for anything
 * wrong with the caller's token (with `X-Shopify-Retry-Invalid-Session-Request: 1` when a fresh token
 * would succeed, which makes App Bridge fetch one and retry), 502 when Shopify cannot be reached for the
 * exchange, 500 when Shopify refuses our own client credentials (a configuration fault, logged).
 */
import type { Session } from '@shopify/shopify-api';
import type { RequestHandler, Response } from 'express';
import { asTenantId, rbError, setTenantContext, type Logger } from '../core/index.js';
import type { OfflineSessions } from './offline-sessions.js';
import { verifySessionToken, type SessionTokenFailure } from './session-token.js';
import type { ShopifySettings } from './shopify-config.js';

export const RETRY_INVALID_SESSION_HEADER = 'X-Shopify-Retry-Invalid-Session-Request';

/** Failures a fresh session token fixes; App Bridge retries these once when told to. */
const RETRYABLE: ReadonlySet<SessionTokenFailure> = new Set(['expired', 'not_yet_valid']);

export interface SessionTokenAuthOptions {
  readonly settings: Pick<ShopifySettings, 'apiKey' | 'apiSecret'>;
  readonly offlineSessions: OfflineSessions;
  readonly logger: Logger;
  readonly now?: () => number;
}

export function requireShopifySessionToken(options: SessionTokenAuthOptions): RequestHandler {
  const { settings, offlineSessions } = options;
  const now = options.now ?? Date.now;

  return async (request, response, next) => {
    const log = (request as { log?: Logger }).log ?? options.logger;
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
    if (!bearer?.[1]) throw rbError('RB_ERR_UNAUTHENTICATED');
    const sessionToken = bearer[1];

    const verified = verifySessionToken(sessionToken, settings, now());
    if (!verified.valid) {
      log.info({ reason: verified.reason }, 'Shopify session token refused');
      if (RETRYABLE.has(verified.reason)) response.setHeader(RETRY_INVALID_SESSION_HEADER, '1');
      throw rbError('RB_ERR_UNAUTHENTICATED');
    }
    const { shop, userId } = verified.claims;

    const offline = await offlineSessions.fromSessionToken(shop, sessionToken);
    if (!offline.ok) {
      const { kind } = offline.failure;
      log.warn({ shop, failure: kind, status: offline.failure.status }, 'no Shopify offline session');
      switch (kind) {
        case 'invalid_session_token':
          response.setHeader(RETRY_INVALID_SESSION_HEADER, '1');
          throw rbError('RB_ERR_UNAUTHENTICATED');
        case 'timeout':
        case 'unreachable':
        case 'unavailable':
        case 'throttled':
        case 'bad_response':
          throw rbError('RB_ERR_PLATFORM_UNREACHABLE', 'Shopify did not answer. Try again in a moment.');
        case 'unauthorized':
          log.error(
            { shop },
            'Shopify refused our client credentials: check SHOPIFY_API_KEY and SHOPIFY_API_SECRET',
          );
          throw rbError('RB_ERR_INTERNAL');
        default:
          throw rbError('RB_ERR_UNAUTHENTICATED');
      }
    }

    response.locals.shopifySession = offline.value;
    setTenantContext(response, { tenant: asTenantId(shop), actor: `shopify-user:${userId ?? 'unknown'}` });
    next();
  };
}

/** The shop's offline session, for routes behind `requireShopifySessionToken` that call Shopify. */
export function shopifySession(response: Response): Session {
  const session = response.locals.shopifySession as Session | undefined;
  if (!session) throw rbError('RB_ERR_UNAUTHENTICATED');
  return session;
}
