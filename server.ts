/**
 * One process serves everything: health probes, the sandbox freight platform, the demo store's admin,
 * and (when configured) the Shopify app and the WooCommerce bridge. `npm start` runs `main()`.
 */
import http from 'node:http';
import { pathToFileURL } from 'node:url';
import express, { type Express, type Router } from 'express';
import helmet from 'helmet';
import { adminUiDistDir, adminUiRouter } from './admin-ui/server/admin-ui-routes.js';
import { frontPagesRouter } from './admin-ui/server/front-pages.js';
import { createShopifyApp, type ShopifyApp } from './shopify-app/shopify-app.js';
import {
  alertOnStoreKeys,
  createWooCommerceBridge,
  woocommerceAdminRouter,
  woocommercePublicRouter,
  woocommerceRatesRouter,
  type WooCommerceBridge,
} from './woocommerce-bridge/index.js';
import { loadShopifySettings, type ShopifySettingsResult } from './shopify-app/shopify-config.js';
import {
  asTenantId,
  createAdminApiRouter,
  createPeopleRouter,
  personSignInRoutes,
  createCore,
  createSandboxRouter,
  startHealthScheduler,
  startAlertScheduler,
  metricsEndpoint,
  privateMetricsEndpoint,
  createLogger,
  errorHandler,
  isRateBridgeError,
  loadConfig,
  rbError,
  notFoundHandler,
  releaseMemoryWhenIdle,
  requestLogging,
  storeUnavailable,
  storeWriteGate,
  type Config,
  type Core,
  type Logger,
} from './core/index.js';

const HEADERS_TIMEOUT_MS = 4000;

/** The tenant `npm start` creates so a newcomer can try everything without a shop. */
export const DEMO_TENANT = asTenantId('demo-store');

export interface ServerApp {
  readonly app: Express;
  readonly core: Core;
  readonly woocommerce: WooCommerceBridge;
  /** The Shopify front end, when configured. */
  readonly shopify: ShopifyApp | undefined;
  /** Lines to print at start: what is served where. */
  readonly banner: readonly string[];
}

export interface ServerOptions {
  /** Shopify settings; read from the environment when absent (tests pass a fake Shopify's). */
  readonly shopify?: ShopifySettingsResult;
}

export async function createServerApp(core: Core, options: ServerOptions = {}): Promise<ServerApp> {
  const { config, logger, store } = core;
  const app = express();
  const banner: string[] = [];

  app.disable('x-powered-by');
  // No ETag on JSON answers: nothing here relies on a conditional GET (checkouts are POSTs), and hashing
  // every body cost a SHA-1 per checkout. Static files (serve-static) keep their own ETags.
  app.set('etag', false);
  // Off unless TRUST_PROXY names the proxies: X-Forwarded-For is the client's to write otherwise.
  app.set('trust proxy', trustProxySetting(config.trustProxy));
  app.use(helmet());
  app.use(requestLogging(logger));

  // The two checkout callbacks before every other route: each layer in front of a route is matched against
  // every request that reaches it, and checkouts are most of what arrives (docs/performance.md). Both read
  // their raw bodies themselves (signatures are over the exact bytes), so they stay before any JSON parser.
  const shopifySettings = options.shopify ?? loadShopifySettings();
  const shopify = shopifySettings.enabled ? createShopifyApp(core, shopifySettings) : undefined;
  if (shopify) app.use(shopify.ratesCallback);
  const woocommerce = createWooCommerceBridge(core);
  app.use('/woocommerce', woocommerceRatesRouter(core, woocommerce));

  mountHealth(app, store);
  banner.push(`Health: ${config.publicUrl}/healthz  Ready: ${config.publicUrl}/readyz`);
  app.get('/metrics', metricsEndpoint(core.metrics, config.metrics.token));
  if (config.metrics.token !== undefined) banner.push(`Metrics: ${config.publicUrl}/metrics (bearer token)`);

  // The start page at / and the sandbox's page, for browsers (HTML); before the sandbox's own router.
  const adminUiDist = adminUiDistDir();
  app.use(
    frontPagesRouter({
      distDir: adminUiDist,
      sandbox: config.sandboxEnabled,
      shopifyRoot: shopifySettings.enabled,
    }),
  );
  banner.push(`Start page: ${config.publicUrl}/`);

  if (config.sandboxEnabled) {
    app.use('/sandbox', createSandboxRouter({ store, logger }));
    banner.push(`Sandbox freight platform: ${config.publicUrl}/sandbox (create an API token there)`);
  }

  // Admin writes while the store is down: a coded 503 before anything is written.
  app.use(['/admin/api', '/shopify/api'], storeWriteGate(store));

  // Shopify: raw-body routes (webhooks; the CarrierService callback is mounted first) before any JSON parser.
  if (!shopifySettings.enabled) banner.push(shopifySettings.reason);
  else if (shopify) {
    app.use(shopify.webhooks);
    app.use('/shopify/api', shopify.adminApi);
    banner.push(`Shopify app: ${shopifySettings.appUrl} (embedded admin API at /shopify/api)`);
  }

  // WooCommerce: the bridge the WordPress plugin calls (signed, raw-body routes) and the store connection.
  // A store key the link check finds refused is an incident for the merchant.
  alertOnStoreKeys(core.alerts, woocommerce.link);
  app.use('/woocommerce', woocommercePublicRouter(core, woocommerce));
  banner.push(
    `WooCommerce bridge: ${config.publicUrl}/woocommerce (signed in, connect a store: /woocommerce/connect?store_url=…)`,
  );

  mountStandaloneAdmin(app, core, woocommerce, { shopifySettings, adminUiDist });
  // The printed link signs in as the demo store's owner: a development convenience, never in production,
  // where people sign in with a link mailed to them (docs/people-and-roles.md).
  if (config.demoStoreEnabled && config.env !== 'production') {
    banner.push(`RateBridge admin (demo store): ${core.sessions.loginLink(DEMO_TENANT, 'demo-merchant')}`);
  }

  app.use(notFoundHandler);
  app.use(errorHandler(logger));
  return { app, core, woocommerce, shopify, banner };
}

/** /healthz: the process answers. /readyz: the store answers within a second. */
function mountHealth(app: Express, store: Core['store']): void {
  app.get('/healthz', (_request, response) => {
    response.json({ status: 'ok' });
  });
  app.get('/readyz', async (_request, response) => {
    try {
      await withTimeout(store.ping(), 1000);
      response.json({ status: 'ready', store: store.kind });
    } catch {
      const unavailable = storeUnavailable();
      response.setHeader('Retry-After', String(unavailable.retryAfterSeconds));
      response.status(503).json({ status: 'unavailable', store: store.kind, ...unavailable.toJSON() });
    }
  });
}

function mountStandaloneAdmin(
  app: Express,
  core: Core,
  woocommerce: WooCommerceBridge,
  { shopifySettings, adminUiDist }: { shopifySettings: ShopifySettingsResult; adminUiDist: string },
): void {
  // The standalone admin (WooCommerce merchants, the demo store): one-time login links, cookie sessions.
  app.use('/admin', core.sessions.routes(), personSignInRoutes(core.sessions, core.people));
  app.use('/admin/api', core.sessions.requireSession(), ...standaloneAdminRouters(core, woocommerce));
  // The admin UI's files, and its page for any other path under /admin (after the routes above).
  app.use('/admin', adminUiRouter({ distDir: adminUiDist }));
  if (shopifySettings.enabled) {
    // Shopify opens the embedded app at its root URL; its assets load from /admin/assets.
    app.use('/', adminUiRouter({ distDir: adminUiDist, shopify: { apiKey: shopifySettings.apiKey } }));
  }
}

/** What /admin/api serves behind the session; test/e2e/tenant-isolation.test.ts walks every route of it. */
export function standaloneAdminRouters(core: Core, woocommerce: WooCommerceBridge): Router[] {
  return [createAdminApiRouter(core), createPeopleRouter(core), woocommerceAdminRouter(woocommerce)];
}

export interface RunningServer {
  readonly url: string;
  readonly server: http.Server;
  readonly serverApp: ServerApp;
  /** The private metrics listener's URL (METRICS_PORT), when there is one. */
  readonly metricsUrl: string | undefined;
  /** Stops accepting, lets in-flight requests finish within the grace period, closes the store. */
  shutdown(): Promise<void>;
}

export async function startServer(
  config: Config,
  logger: Logger,
  core?: Core,
  options: ServerOptions = {},
): Promise<RunningServer> {
  const serverApp = await createServerApp(core ?? (await createCore({ config, logger })), options);
  const background = await startBackground(serverApp, logger);
  const server = createHttpServer(config, serverApp.app);
  const idleRelease = releaseMemoryWhenIdle(server);
  try {
    await listenOn(server, config.port, config.host);
  } catch (error) {
    idleRelease.stop();
    await background.stop();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE')
      throw rbError('RB_ERR_PORT_IN_USE', `${config.host}:${config.port}`);
    throw error;
  }
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
  let metricsServer: { url: string; close: () => Promise<void> } | undefined;

  let stopping: Promise<void> | undefined;
  const shutdown = () =>
    (stopping ??= (async () => {
      idleRelease.stop();
      await drain(server, config.shutdownGraceMs);
      await background.stop(() => metricsServer?.close());
    })());
  if (config.metrics.port !== undefined) {
    try {
      metricsServer = await listenForMetrics(serverApp.core, config.metrics.port);
    } catch (error) {
      await shutdown();
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE')
        throw rbError('RB_ERR_PORT_IN_USE', `127.0.0.1:${config.metrics.port}`);
      throw error;
    }
  }
  return { url, server, serverApp, metricsUrl: metricsServer?.url, shutdown };
}

/**
 * The schedulers and the WooCommerce bridge's background work, started before the port opens; `stop`
 * ends them and closes the core, in that order, so nothing writes to a closed store.
 */
async function startBackground(serverApp: ServerApp, logger: Logger) {
  const health = startHealthScheduler(serverApp.core.tokens, logger);
  const alerting = startAlertScheduler(serverApp.core.alerts, logger);
  const carrierServiceChecks = serverApp.shopify?.carrierServiceCheck.start();
  await serverApp.woocommerce.start();
  return {
    /** `beforeBridge`: what else closes once the schedulers have (the private metrics listener). */
    async stop(beforeBridge?: () => Promise<void> | undefined): Promise<void> {
      await health.stop();
      await alerting.stop();
      await carrierServiceChecks?.stop();
      await beforeBridge?.();
      await serverApp.woocommerce.stop();
      await serverApp.core.close();
    },
  };
}

/**
 * Slowloris bounds: a client has a few seconds for its headers and its whole request. Node checks the
 * bounds only every connectionsCheckingInterval (30 s by default), so check every second.
 */
function createHttpServer(config: Config, app: Express): http.Server {
  const server = http.createServer(
    {
      requestTimeout: config.requestTimeoutMs,
      headersTimeout: Math.min(HEADERS_TIMEOUT_MS, config.requestTimeoutMs),
      connectionsCheckingInterval: 1000,
    },
    app,
  );
  server.keepAliveTimeout = 5_000;
  return server;
}

function listenOn(server: http.Server, port: number, host: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
}

/** Stops accepting and lets in-flight requests finish, cutting whatever is still open after the grace. */
async function drain(server: http.Server, graceMs: number): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // Keep-alive sockets turn idle as their last response ends; close each as soon as it does.
  server.closeIdleConnections();
  const reaper = setInterval(() => server.closeIdleConnections(), 50);
  const grace = setTimeout(() => server.closeAllConnections(), graceMs);
  await closed;
  clearInterval(reaper);
  clearTimeout(grace);
}

/** Express's `trust proxy` value for TRUST_PROXY (a copy: Express must not hold the frozen config's list). */
function trustProxySetting(setting: Config['trustProxy']): boolean | number | string[] {
  return typeof setting === 'object' ? [...setting] : setting;
}

/** The private metrics listener: /metrics without a token, on loopback only (METRICS_PORT). */
async function listenForMetrics(
  core: Core,
  port: number,
): Promise<{ url: string; close: () => Promise<void> }> {
  const app = express();
  app.disable('x-powered-by');
  app.get('/metrics', privateMetricsEndpoint(core.metrics));
  app.use(notFoundHandler);
  app.use(errorHandler(core.logger));
  const server = http.createServer(app);
  await listenOn(server, port, '127.0.0.1');
  const address = server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://127.0.0.1:${bound}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error: unknown) => (clearTimeout(timer), reject(error as Error)),
    );
  });
}

/** Start-up failures a person can fix are one line naming the fix, not a stack trace. */
function exitWith(error: unknown): never {
  console.error(isRateBridgeError(error) ? error.message : error);
  process.exit(1);
}

function requireNode(): void {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  if (major < 22 || (major === 22 && minor < 12)) exitWith(rbError('RB_ERR_NODE_TOO_OLD', process.version));
}

async function main(): Promise<void> {
  requireNode();
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    exitWith(error);
  }
  const logger = createLogger({ level: config.logLevel, pretty: config.env !== 'production' });
  let running: RunningServer;
  try {
    running = await startServer(config, logger);
  } catch (error) {
    exitWith(error);
  }
  logger.info(
    { url: running.url, store: running.serverApp.core.store.kind },
    `RateBridge listening on ${running.url}`,
  );
  for (const line of running.serverApp.banner) process.stdout.write(`${line}\n`);

  const stop = (signal: string) => {
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    running.shutdown().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
