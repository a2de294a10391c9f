/**
 * The Shopify front end, built once from the core and validated settings: session storage on core's store,
 * Shopify's app library (@shopify/shopify-app-express) over it, our GraphQL client, offline sessions for
 * background work, the session-token chain for the embedded admin API and the webhooks router. server.ts
 * mounts the two HTTP pieces; the rest is for the carrier-service and catalogue code that calls Shopify.
 */
import { assertRolesDeclared, createAdminApiRouter, storeKnownDown, type Core } from '../core/index.js';
import { accessPolicyRoutes } from './access-policy-routes.js';
import { createStaffRoles } from './staff-role.js';
import { Router } from 'express';
import { createCarrierServiceCheck } from './carrier-service-check.js';
import { createCarrierServiceRegistration } from './carrier-service-registration.js';
import type { ProductSyncOptions } from './product-sync.js';
import { createProductSync } from './product-sync/create-product-sync.js';
import { ratesCallbackRouter } from './rates-callback.js';
import { shopifyAdminRoutes } from './shopify-admin-routes.js';
import { createOfflineSessions } from './offline-sessions.js';
import { createSessionStorage } from './session-storage.js';
import { requireShopifySessionToken } from './session-token-auth.js';
import { createShopifyApi } from './shopify-api.js';
import { createShopifyLibrary } from './shopify-library.js';
import type { ShopifySettings } from './shopify-config.js';
import type { ShopDomain } from './shop-domain.js';
import { deactivateWhenUnlinked } from './deactivate-when-unlinked.js';
import { shopifyWebhooksRouter } from './webhooks.js';

export interface ShopifyAppOptions {
  /** Per-call timeout of every Shopify request. */
  readonly timeoutMs?: number;
  /** Removes a shop's records kept outside its tenant when the shop is erased (uninstall, shop/redact). */
  readonly onShopErased?: (shop: ShopDomain) => Promise<void>;
  /** The product read's retry waits, lease, bulk threshold and polling (tests shorten them), stop signal. */
  readonly productSync?: Omit<
    ProductSyncOptions,
    'core' | 'api' | 'offlineSessions' | 'now' | 'bulkDownload'
  >;
  readonly now?: () => number;
}

export function createShopifyApp(core: Core, settings: ShopifySettings, options: ShopifyAppOptions = {}) {
  const { store, sealer, logger } = core;
  const log = logger.child({ frontEnd: 'shopify' });
  const now = options.now ?? Date.now;
  const storage = createSessionStorage({ store, sealer, logger: log, now });
  const timeout = options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs };
  const library = createShopifyLibrary({ settings, sessionStorage: storage, logger: log, ...timeout });
  const api = createShopifyApi({ settings, ...timeout });
  const offlineSessions = createOfflineSessions({ storage, library, store, logger: log, now });
  const registration = createCarrierServiceRegistration({ core, api, appUrl: settings.appUrl });
  const products = createProductSync({
    core,
    api,
    offlineSessions,
    now,
    ...options.productSync,
    ...(settings.hostOverride === undefined ? {} : { bulkDownload: testHostDownload(settings.hostOverride) }),
  });
  const staffRoles = createStaffRoles({ store, api, logger: log });
  const requireSessionToken = requireShopifySessionToken({
    settings,
    library,
    logger: log,
    now,
    storeDown: () => storeKnownDown(store),
    activity: core.people.activity,
    roleOf: staffRoles.roleOf,
  });
  const carrierServiceCheck = createCarrierServiceCheck({ core, api, registration, offlineSessions });

  deactivateWhenUnlinked(core, registration, offlineSessions, log);

  // Walked as mounted: a route (or a stray middleware) without its role stops the app from being built.
  const adminRouters = [
    ...shopifyAdminRouters(core, registration, products),
    accessPolicyRoutes(staffRoles),
  ].map((router) => assertRolesDeclared(router, 'the Shopify admin API'));
  const adminApi = Router();
  adminApi.use(requireSessionToken, ...adminRouters);

  return {
    settings,
    storage,
    library,
    api,
    offlineSessions,
    registration,
    /** Whether each live shop still has the carrier service (an incident when not): start it once. */
    carrierServiceCheck,
    products,
    /** Put in front of the admin API router for the embedded admin. */
    requireSessionToken,
    /** The embedded admin API (core's plus go-live and product sync): mount at /shopify/api. */
    adminApi,
    /** What adminApi serves behind the session token; test/e2e/shopify-tenant-isolation.test.ts walks it. */
    adminRouters,
    /** POST /shopify/carrier-service/:key with its own raw-body parser: mount before any JSON parser. */
    ratesCallback: ratesCallbackRouter({ core, registration, apiSecret: settings.apiSecret }),
    /** POST /shopify/webhooks with its own raw-body parser: mount before any JSON parser. */
    webhooks: shopifyWebhooksRouter(core, settings, {
      storage,
      onShopErased: async (shop) => {
        await registration.forget(shop);
        await core.alerts.forget(shop);
        await options.onShopErased?.(shop);
      },
    }),
  };
}

export type ShopifyApp = ReturnType<typeof createShopifyApp>;

/** The routers behind the embedded admin's session token, in the order they are tried. */
function shopifyAdminRouters(
  core: Core,
  registration: Parameters<typeof shopifyAdminRoutes>[1],
  products: Parameters<typeof shopifyAdminRoutes>[2],
): Router[] {
  return [shopifyAdminRoutes(core, registration, products), createAdminApiRouter(core)];
}

/** Tests' fake Shopify serves bulk results itself, over http: only its own address is fetched. */
function testHostDownload(host: string) {
  return (url: string, signal: AbortSignal | undefined) => {
    if (!url.startsWith(`${host}/`)) throw new Error('The bulk result URL is not the fake Shopify’s.');
    return fetch(url, { redirect: 'error', ...(signal ? { signal } : {}) });
  };
}
