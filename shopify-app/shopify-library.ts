/**
 * Shopify's own app library, configured once: `shopifyApp()` from @shopify/shopify-app-express 8 over
 * @shopify/shopify-api 15. It authenticates the embedded admin (App Bridge session tokens, token exchange
 * for expiring offline tokens, kept by our `SessionStorage`), and its `api.auth.refreshToken` refreshes
 * them for work outside a merchant's request (offline-sessions.ts).
 *
 * What we add around it, and why:
 *
 * - **One outbound seam with a timeout.** The library reaches Shopify through `abstractFetch` (its runtime
 *   adapter; the Node adapter sets it to bare `globalThis.fetch`, without a timeout). `installShopifyFetch`
 *   puts ours there: every call gets `AbortSignal.timeout` (combined with any signal the library passes)
 *   and follows no redirect, so credentials in a token request never travel to another host. The seam is
 *   process-wide, like the library's runtime: one Shopify app per process. (It is set on the CommonJS copy
 *   of @shopify/shopify-api the middleware runs on: shopify-runtime.ts.)
 * - **Tests reach a fake Shopify through the same seam.** `settings.hostOverride` (never read from the
 *   environment) rewrites `https://<shop>/…` to `<hostOverride>/<shop>/…`, so the library's own token
 *   exchange and refresh run against test/e2e/fake-shopify.ts over a real socket.
 * - **Its log lines go through our logger**, with App Bridge session tokens and Shopify access tokens cut
 *   out first: the library quotes a session token it cannot parse in its error text.
 *
 * Managed install (shopify.app.toml) means the OAuth routes in `auth` are never mounted; the library
 * requires the paths, so they name where they would be.
 */
import { LogSeverity, type ConfigParams } from '@shopify/shopify-api';
import type { Logger } from '../core/index.js';
import type { SessionStorage } from '@shopify/shopify-app-session-storage';
import type { ShopifySettings } from './shopify-config.js';
import { shopifyApiRuntime, shopifyApp } from './shopify-runtime.js';

export const DEFAULT_SHOPIFY_TIMEOUT_MS = 8000;

export interface ShopifyLibraryOptions {
  readonly settings: ShopifySettings;
  readonly sessionStorage: SessionStorage;
  readonly logger: Logger;
  /** Per-call timeout of the library's requests to Shopify. */
  readonly timeoutMs?: number;
}

export function createShopifyLibrary(options: ShopifyLibraryOptions) {
  const { settings, sessionStorage, logger } = options;
  installShopifyFetch({
    timeoutMs: options.timeoutMs ?? DEFAULT_SHOPIFY_TIMEOUT_MS,
    ...(settings.hostOverride === undefined ? {} : { hostOverride: settings.hostOverride }),
  });
  const appUrl = new URL(settings.appUrl);
  const api: ConfigParams & { apiVersion: ShopifySettings['apiVersion'] } = {
    apiKey: settings.apiKey,
    apiSecretKey: settings.apiSecret,
    scopes: [...settings.scopes],
    hostName: appUrl.host,
    hostScheme: appUrl.protocol === 'http:' ? 'http' : 'https',
    apiVersion: settings.apiVersion,
    isEmbeddedApp: true,
    logger: { level: LogSeverity.Info, httpRequests: false, timestamps: false, log: libraryLog(logger) },
    _logDisabledFutureFlags: false,
  };
  return shopifyApp({
    api,
    auth: { path: '/shopify/auth', callbackPath: '/shopify/auth/callback' },
    webhooks: { path: '/shopify/webhooks' },
    sessionStorage,
    useOnlineTokens: false,
    future: { tokenExchange: true, expiringOfflineAccessTokens: true },
  });
}

export type ShopifyLibrary = ReturnType<typeof createShopifyLibrary>;

export interface ShopifyFetchOptions {
  readonly timeoutMs: number;
  /** Tests only: `https://<shop>/…` -> `<hostOverride>/<shop>/…`. */
  readonly hostOverride?: string;
}

/** Makes every request of Shopify's library go through `shopifyFetch(options)`. */
export function installShopifyFetch(options: ShopifyFetchOptions): void {
  shopifyApiRuntime.setAbstractFetchFunc(shopifyFetch(options));
}

/** `fetch` with a timeout, no redirects and (in tests) the fake Shopify's address. */
export function shopifyFetch(options: ShopifyFetchOptions): typeof fetch {
  return (input, init = {}) => {
    const request = input instanceof Request ? input : undefined;
    const url = request ? request.url : String(input);
    const target =
      options.hostOverride === undefined
        ? url
        : url.replace(/^https:\/\/([^/?#]+)/, (_match, host: string) => `${options.hostOverride}/${host}`);
    const timeout = AbortSignal.timeout(options.timeoutMs);
    const given = init.signal ?? request?.signal;
    const signal = given ? AbortSignal.any([timeout, given]) : timeout;
    return fetch(request ? new Request(target, request) : target, { ...init, redirect: 'error', signal });
  };
}

/** JWTs (App Bridge session tokens) and Shopify's token formats (`shpat_…`, `shprt_…`, …). */
const TOKEN_TEXT = /\beyJ[\w-]*\.[\w-]*\.[\w-]*|\bshp[a-z]{2}_[A-Za-z0-9]+/g;

function libraryLog(logger: Logger) {
  const log = logger.child({ library: '@shopify/shopify-app-express' });
  return (severity: LogSeverity, message: string): void => {
    const text = message.replace(TOKEN_TEXT, '[redacted]');
    switch (severity) {
      case LogSeverity.Error:
        log.error(text);
        break;
      case LogSeverity.Warning:
        log.warn(text);
        break;
      case LogSeverity.Info:
        log.info(text);
        break;
      default:
        log.debug(text);
    }
  };
}
