/**
 * The shop's offline session for work outside a merchant's request (deactivating the carrier service when
 * the last freight connection goes, reading products in the background). Requests of the embedded admin
 * get theirs from Shopify's middleware (session-token-auth.ts), which exchanges the App Bridge session
 * token; here there is no session token, so a stored session is reused while it is valid for five more
 * minutes, refreshed (Shopify's `api.auth.refreshToken`) when it is about to expire, and otherwise the
 * merchant has to open the app once, which the failure says.
 *
 * Expiring offline tokens rotate their refresh token on use, so a refresh runs under a store lock: one
 * instance refreshes, the others wait for the stored result instead of spending the same refresh token.
 * (The library's own `ensureValidOfflineSession` refreshes without a lock, which two instances sharing
 * Redis must not do.)
 */
import type { Session } from '@shopify/shopify-api';
import type { Logger, Store } from '../core/index.js';
import { offlineSessionId, type ShopifySessionStorage } from './session-storage.js';
import type { ShopifyFailure, ShopifyFailureKind, ShopifyResult } from './shopify-api.js';
import type { ShopifyLibrary } from './shopify-library.js';
import { HttpResponseError } from './shopify-runtime.js';
import type { ShopDomain } from './shop-domain.js';

/** Shopify's libraries refresh within five minutes of expiry; so do we. */
export const REFRESH_MARGIN_MS = 5 * 60_000;
const REFRESH_LOCK_TTL_MS = 15_000;
const REFRESH_WAIT_STEP_MS = 100;
const REFRESH_WAIT_STEPS = 40;
const REFUSED: ReadonlySet<ShopifyFailureKind> = new Set(['unauthorized', 'rejected', 'no_session']);

export interface OfflineSessionsOptions {
  readonly storage: ShopifySessionStorage;
  readonly library: Pick<ShopifyLibrary, 'api'>;
  readonly store: Store;
  readonly logger: Logger;
  readonly now?: () => number;
}

export function createOfflineSessions(options: OfflineSessionsOptions) {
  const ctx = sessionChecks(options);
  return {
    /** For work outside a merchant's request: no session token to exchange. */
    async forShop(shop: ShopDomain): Promise<ShopifyResult<Session>> {
      const stored = await ctx.load(shop);
      if (stored && ctx.usable(stored)) return { ok: true, value: stored };
      if (ctx.refreshable(stored)) {
        const refreshed = await refresh(ctx, shop);
        // A refused refresh means the merchant must come back; anything else is worth retrying later.
        if (refreshed.ok || !REFUSED.has(refreshed.failure.kind)) return refreshed;
      }
      return {
        ok: false,
        failure: {
          kind: 'no_session',
          message:
            'RateBridge has no valid access to this shop: the merchant must open the app in Shopify admin.',
        },
      };
    },
  };
}

/** The options, with the clock's two questions about a session and how one is read. */
function sessionChecks(options: OfflineSessionsOptions) {
  const now = options.now ?? Date.now;
  return {
    ...options,
    usable: (session: Session | undefined): boolean =>
      session !== undefined &&
      Boolean(session.accessToken) &&
      (session.expires === undefined || session.expires.getTime() - REFRESH_MARGIN_MS > now()),
    refreshable: (session: Session | undefined): boolean =>
      session !== undefined &&
      Boolean(session.refreshToken) &&
      (session.refreshTokenExpires === undefined || session.refreshTokenExpires.getTime() > now()),
    load: (shop: ShopDomain) => options.storage.loadSession(offlineSessionId(shop)),
  };
}

type SessionChecks = ReturnType<typeof sessionChecks>;

/** One refresh per shop across instances (a lock); the others wait for its result in the store. */
async function refresh(ctx: SessionChecks, shop: ShopDomain): Promise<ShopifyResult<Session>> {
  const { store, logger } = ctx;
  const lock = await store.acquireLock(`shopify-token-refresh:${shop}`, REFRESH_LOCK_TTL_MS);
  if (!lock) return waitForOtherRefresh(ctx, shop);
  try {
    const current = await ctx.load(shop);
    if (current && ctx.usable(current)) return { ok: true, value: current };
    if (!current?.refreshToken || !ctx.refreshable(current)) {
      return {
        ok: false,
        failure: { kind: 'no_session', message: 'The Shopify refresh token has expired.' },
      };
    }
    const refreshed = await refreshWithShopify(ctx.library, shop, current.refreshToken);
    if (refreshed.ok) {
      await ctx.storage.storeSession(refreshed.value);
      logger.info({ shop }, 'Shopify offline token refreshed');
    } else {
      logger.warn({ shop, failure: refreshed.failure.kind }, 'Shopify offline token refresh failed');
    }
    return refreshed;
  } finally {
    await store.releaseLock(lock);
  }
}

/** Another instance holds the refresh token right now; its result lands in the store. */
async function waitForOtherRefresh(ctx: SessionChecks, shop: ShopDomain): Promise<ShopifyResult<Session>> {
  for (let step = 0; step < REFRESH_WAIT_STEPS; step++) {
    await new Promise((resolve) => setTimeout(resolve, REFRESH_WAIT_STEP_MS));
    const session = await ctx.load(shop);
    if (session && ctx.usable(session)) return { ok: true, value: session };
  }
  return {
    ok: false,
    failure: { kind: 'unavailable', message: 'Refreshing the Shopify token took too long.' },
  };
}

export type OfflineSessions = ReturnType<typeof createOfflineSessions>;

/** Shopify's refresh grant through the library; what it throws becomes a failure of a kind callers act on. */
async function refreshWithShopify(
  library: Pick<ShopifyLibrary, 'api'>,
  shop: ShopDomain,
  refreshToken: string,
): Promise<ShopifyResult<Session>> {
  try {
    const { session } = await library.api.auth.refreshToken({ shop, refreshToken });
    // Stored only when it can be used and refreshed again: a partial answer must not replace a working token.
    if (!session.accessToken || !session.refreshToken || !session.expires) {
      return {
        ok: false,
        failure: { kind: 'bad_response', message: 'Shopify answered the refresh without a complete token.' },
      };
    }
    return { ok: true, value: session };
  } catch (error) {
    return { ok: false, failure: refreshFailure(error) };
  }
}

function refreshFailure(error: unknown): ShopifyFailure {
  if (error instanceof HttpResponseError) {
    const status = error.response.code;
    // 400 invalid_grant: the refresh token is used up, expired or revoked; 401: our client credentials.
    if (status === 400 || status === 401 || status === 403) {
      return { kind: 'unauthorized', status, message: `Shopify refused the refresh (HTTP ${status}).` };
    }
    return { kind: 'unavailable', status, message: `Shopify could not refresh the token (HTTP ${status}).` };
  }
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return { kind: 'timeout', message: 'Shopify did not answer the refresh in time.' };
  }
  if (error instanceof SyntaxError) {
    return { kind: 'bad_response', message: 'Shopify answered the refresh with something other than JSON.' };
  }
  return { kind: 'unreachable', message: 'Shopify could not be reached to refresh the token.' };
}
