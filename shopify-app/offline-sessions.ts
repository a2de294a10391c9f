/**
 * The shop's offline session: the access token RateBridge uses for Shopify calls (registering the carrier
 * service, reading products), for a merchant's request and for work nobody is waiting on.
 *
 * - With a verified session token (a merchant's request): reuse the stored session while it is valid for
 *   five more minutes, refresh it when it is about to expire, otherwise exchange the session token for a
 *   new one. Exchanges for one shop are single-flighted in process.
 * - Without one (callbacks, webhooks, jobs): reuse or refresh; if neither works the merchant has to open the
 *   app once, which the failure says.
 *
 * Expiring offline tokens rotate their refresh token on use, so a refresh runs under a store lock: one
 * instance refreshes, the others wait for the stored result instead of spending the same refresh token.
 */
import type { Session } from '@shopify/shopify-api';
import type { Logger, Store } from '../core/index.js';
import { offlineSessionId, type ShopifySessionStorage } from './session-storage.js';
import type { ShopifyApi, ShopifyFailureKind, ShopifyResult } from './shopify-api.js';
import type { ShopDomain } from './shop-domain.js';

/** Shopify's libraries refresh within five minutes of expiry; so do we. */
export const REFRESH_MARGIN_MS = 5 * 60_000;
const REFRESH_LOCK_TTL_MS = 15_000;
const REFRESH_WAIT_STEP_MS = 100;
const REFRESH_WAIT_STEPS = 40;
const REFUSED: ReadonlySet<ShopifyFailureKind> = new Set(['unauthorized', 'rejected', 'no_session']);

export interface OfflineSessionsOptions {
  readonly storage: ShopifySessionStorage;
  readonly api: ShopifyApi;
  readonly store: Store;
  readonly logger: Logger;
  readonly now?: () => number;
}

export function createOfflineSessions(options: OfflineSessionsOptions) {
  const { storage, api, store, logger } = options;
  const now = options.now ?? Date.now;
  const exchanges = new Map<string, Promise<ShopifyResult<Session>>>();

  const usable = (session: Session | undefined): boolean =>
    session !== undefined &&
    Boolean(session.accessToken) &&
    (session.expires === undefined || session.expires.getTime() - REFRESH_MARGIN_MS > now());

  const refreshable = (session: Session | undefined): boolean =>
    session !== undefined &&
    Boolean(session.refreshToken) &&
    (session.refreshTokenExpires === undefined || session.refreshTokenExpires.getTime() > now());

  const load = (shop: ShopDomain) => storage.loadSession(offlineSessionId(shop));

  const refresh = async (shop: ShopDomain): Promise<ShopifyResult<Session>> => {
    const lock = await store.acquireLock(`shopify-token-refresh:${shop}`, REFRESH_LOCK_TTL_MS);
    if (!lock) {
      // Another instance holds the refresh token right now; its result lands in the store.
      for (let step = 0; step < REFRESH_WAIT_STEPS; step++) {
        await new Promise((resolve) => setTimeout(resolve, REFRESH_WAIT_STEP_MS));
        const session = await load(shop);
        if (session && usable(session)) return { ok: true, value: session };
      }
      return {
        ok: false,
        failure: { kind: 'unavailable', message: 'Refreshing the Shopify token took too long.' },
      };
    }
    try {
      const current = await load(shop);
      if (current && usable(current)) return { ok: true, value: current };
      if (!current?.refreshToken || !refreshable(current)) {
        return {
          ok: false,
          failure: { kind: 'no_session', message: 'The Shopify refresh token has expired.' },
        };
      }
      const refreshed = await api.refreshAccessToken(shop, current.refreshToken);
      if (refreshed.ok) {
        await storage.storeSession(refreshed.value);
        logger.info({ shop }, 'Shopify offline token refreshed');
      } else {
        logger.warn({ shop, failure: refreshed.failure.kind }, 'Shopify offline token refresh failed');
      }
      return refreshed;
    } finally {
      await store.releaseLock(lock);
    }
  };

  const exchange = (shop: ShopDomain, sessionToken: string): Promise<ShopifyResult<Session>> => {
    const running = exchanges.get(shop);
    if (running) return running;
    const started = (async () => {
      const exchanged = await api.exchangeToken(shop, sessionToken);
      if (exchanged.ok) {
        await storage.storeSession(exchanged.value);
        logger.info({ shop }, 'Shopify offline token obtained by token exchange');
      }
      return exchanged;
    })().finally(() => exchanges.delete(shop));
    exchanges.set(shop, started);
    return started;
  };

  return {
    /** For a request whose session token the caller has verified. */
    async fromSessionToken(shop: ShopDomain, sessionToken: string): Promise<ShopifyResult<Session>> {
      const stored = await load(shop);
      if (stored && usable(stored)) return { ok: true, value: stored };
      if (refreshable(stored)) {
        const refreshed = await refresh(shop);
        if (refreshed.ok) return refreshed;
      }
      return exchange(shop, sessionToken);
    },

    /** For work outside a merchant's request: no session token to exchange. */
    async forShop(shop: ShopDomain): Promise<ShopifyResult<Session>> {
      const stored = await load(shop);
      if (stored && usable(stored)) return { ok: true, value: stored };
      if (refreshable(stored)) {
        const refreshed = await refresh(shop);
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

export type OfflineSessions = ReturnType<typeof createOfflineSessions>;
