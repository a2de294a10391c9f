/**
 * The Shopify front end on real sockets for tests: a fake Shopify, a core on a fresh store, and an Express
 * app wired the way server.ts wires it (webhooks before any JSON parser, the admin API behind the session
 * token middleware, core's error handler last), plus two routes that show what a request behind the
 * middleware sees and can do.
 */
import { randomBytes } from 'node:crypto';
import express from 'express';
import { createCore, type Core } from '../../core/ratebridge.js';
import { errorHandler, notFoundHandler, requestLogging, tenantContext } from '../../core/index.js';
import { openEmbeddedStore } from '../../core/storage/embedded-store.js';
import type { Store } from '../../core/storage/store.js';
import { createCarrierService } from '../../shopify-app/carrier-service-mutations.js';
import { shopifySession } from '../../shopify-app/session-token-auth.js';
import { createShopifyApp, type ShopifyApp, type ShopifyAppOptions } from '../../shopify-app/shopify-app.js';
import type { ShopifySettings } from '../../shopify-app/shopify-config.js';
import { DEFAULT_SHOPIFY_API_VERSION } from '../../shopify-app/shopify-config.js';
import { startFakeShopify, type FakeShopify, type FakeShopifyOptions } from '../e2e/fake-shopify.js';
import { listen } from '../support/listen.js';
import { capturingLogger } from '../support/log-capture.js';
import { testRedisStore } from '../support/redis.js';
import { tempDir } from '../support/temp-dir.js';
import { testConfig } from '../support/test-config.js';

export interface ShopifyTestApp {
  readonly url: string;
  readonly fake: FakeShopify;
  readonly core: Core;
  readonly store: Store;
  readonly shopify: ShopifyApp;
  readonly settings: ShopifySettings;
  readonly logs: () => string;
  /** A new shop in the fake Shopify (random domain), erased from the store on close. */
  addShop(label: string, options?: Parameters<FakeShopify['addShop']>[1]): string;
  /** Calls the embedded admin API (`/shopify/admin/api` + path) with a bearer token. */
  admin(path: string, token: string | undefined, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

export async function startShopifyTestApp(
  options: {
    readonly store?: 'embedded' | 'redis';
    readonly fake?: Partial<FakeShopifyOptions>;
    readonly app?: ShopifyAppOptions;
  } = {},
): Promise<ShopifyTestApp> {
  const apiKey = `test-key-${randomBytes(8).toString('hex')}`;
  const apiSecret = `test-secret-${randomBytes(16).toString('hex')}`;
  const fake = await startFakeShopify({ apiKey, apiSecret, ...options.fake });
  const { dir, remove } = await tempDir('shopify-app');
  const config = testConfig({ DATA_DIR: dir });
  const { logger, text } = capturingLogger();
  const store = options.store === 'redis' ? testRedisStore() : await openEmbeddedStore({ dataDir: dir });
  const core = await createCore({ config, logger, store });
  const settings: ShopifySettings = {
    enabled: true,
    apiKey,
    apiSecret,
    appUrl: 'https://ratebridge.example.com',
    scopes: ['write_shipping', 'read_products'],
    apiVersion: DEFAULT_SHOPIFY_API_VERSION,
    hostOverride: fake.url,
  };
  const shopify = createShopifyApp(core, settings, options.app);

  const app = express();
  app.use(requestLogging(logger));
  app.use(shopify.webhooks);
  // A JSON parser after the webhooks router must not change what the router verifies.
  app.use(express.json());
  const admin = express.Router();
  admin.get('/whoami', (_request, response) => {
    response.json(tenantContext(response));
  });
  admin.post('/carrier-service', async (request, response) => {
    const body = request.body as { callbackUrl: string };
    const created = await createCarrierService(shopify.api, shopifySession(response), {
      name: 'RateBridge',
      callbackUrl: body.callbackUrl,
      active: true,
      supportsServiceDiscovery: true,
    });
    response.status(created.ok ? 201 : 422).json(created);
  });
  app.use('/shopify/admin/api', shopify.requireSessionToken, admin);
  app.use(notFoundHandler);
  app.use(errorHandler(logger));
  const server = await listen(app);

  const shops: string[] = [];
  return {
    url: server.url,
    fake,
    core,
    store,
    shopify,
    settings,
    logs: text,
    addShop(label, shopOptions) {
      const shop = `${label}-${randomBytes(4).toString('hex')}.myshopify.com`;
      fake.addShop(shop, shopOptions);
      shops.push(shop);
      return shop;
    },
    admin(path, token, init = {}) {
      const headers = new Headers(init.headers);
      if (token !== undefined) headers.set('authorization', `Bearer ${token}`);
      return fetch(`${server.url}/shopify/admin/api${path}`, { ...init, headers });
    },
    async close() {
      for (const shop of shops) await store.deleteTenant(shop);
      await server.close();
      await fake.close();
      await core.close();
      await remove();
    },
  };
}
