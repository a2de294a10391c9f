/**
 * The WooCommerce bridge on real sockets for tests: a core on a fresh store (embedded or Redis), the sandbox
 * freight platform on its own port, and an Express app wired the way server.ts is told to wire it: the
 * public routes at /woocommerce before any JSON parser, a JSON parser after them (which must not disturb
 * the raw-body routes), the standalone admin with the bridge's admin routes behind the session, and core's
 * error handler last. PUBLIC_URL is the app's own address, so grant callbacks, webhook delivery URLs and
 * login links point back at it, unless `publicUrl` names a front (an https proxy) that forwards to it, or
 * `httpsFront` starts one: a TLS proxy on its own port whose certificate a CA made for the run signed (`frontCa`),
 * as RateBridge stands in production, since WooCommerce posts granted keys to https callbacks only.
 *
 * WordPress's safe HTTP reaches ports 80, 443 and 8080 only; `safePorts` are the app's and its front's ports,
 * which a fake store must be told to allow (the concession test/wordpress makes in a must-use plugin).
 *
 * `restart()` stops the bridge, closes the store and builds everything again on the same data (same key
 * ring, same data directory or Redis prefix): what a process restart does.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { Config } from '../../core/config.js';
import { createAdminApiRouter, errorHandler, notFoundHandler, requestLogging } from '../../core/index.js';
import { startSandboxServer, type SandboxServer } from '../../core/platforms/sandbox/sandbox-server.js';
import { createCore, type Core, type CoreOptions } from '../../core/ratebridge.js';
import { openEmbeddedStore } from '../../core/storage/embedded-store.js';
import type { Store } from '../../core/storage/store.js';
import {
  createWooCommerceBridge,
  woocommerceAdminRouter,
  woocommercePublicRouter,
  woocommerceRatesRouter,
  type WooCommerceBridge,
  type WooCommerceBridgeOptions,
} from '../../woocommerce-bridge/index.js';
import { FAKE_STORE_CA } from '../fakes/woocommerce/index.js';
import { capturingLogger } from '../support/log-capture.js';
import { makeLocalCa } from '../wordpress/local-ca.js';
import { startRecordingBridge, type RecordingBridge } from '../wordpress/recording-bridge.js';
import { testRedisStore } from '../support/redis.js';
import { tempDir } from '../support/temp-dir.js';
import { signInWithLink } from '../support/sign-in.js';
import { testConfig } from '../support/test-config.js';

export interface WooTestApp {
  readonly url: string;
  readonly config: Config;
  readonly dataDir: string;
  readonly core: Core;
  readonly store: Store;
  readonly bridge: WooCommerceBridge;
  readonly sandbox: SandboxServer;
  /** The CA that signed the https front's certificate (with `httpsFront`). */
  readonly frontCa: string | undefined;
  /** The ports a store must reach RateBridge on: the app's, and its front's. */
  readonly safePorts: number[];
  /** Every log line written (JSON), across restarts. */
  logs(): string;
  /** A fetch to the app that never follows redirects. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** Signs in to the standalone admin through a one-time login link. */
  signIn(tenant: string): Promise<AdminClient>;
  /** Follows a login link (from the grant or the plugin's admin link) and returns the admin client. */
  followLoginLink(link: string, tenant: string): Promise<AdminClient>;
  restart(): Promise<void>;
  close(): Promise<void>;
}

export interface AdminClient {
  readonly tenant: string;
  readonly cookie: string;
  api(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: unknown; raw: Response }>;
}

export async function startWooTestApp(
  options: {
    store?: 'embedded' | 'redis';
    bridge?: WooCommerceBridgeOptions;
    /** Configuration on top of the test defaults (e.g. WOOCOMMERCE_ALLOW_LOCAL_STORES: 'false'). */
    env?: Record<string, string>;
    /** The URL merchants reach the app at, when a front (TLS) stands before it. */
    publicUrl?: string;
    /** Starts an https front (PUBLIC_URL) before the app. */
    httpsFront?: boolean;
    /** Core options on top of the test defaults (e.g. a pinned quote clock). */
    core?: Partial<Pick<CoreOptions, 'quoting'>>;
  } = {},
): Promise<WooTestApp> {
  const { dir, remove } = await tempDir('woo-app');
  const sandboxDir = await tempDir('woo-sandbox');
  const sandboxStore = await openEmbeddedStore({ dataDir: sandboxDir.dir });
  const sandbox = await startSandboxServer({ store: sandboxStore });
  const { logger, text } = capturingLogger();
  const redisPrefix = `rbtest:woo:${Math.random().toString(16).slice(2, 10)}:`;
  const openStore = () =>
    options.store === 'redis'
      ? Promise.resolve(testRedisStore(redisPrefix))
      : openEmbeddedStore({ dataDir: dir });

  // The port is known only once listening, and PUBLIC_URL must name it: listen first, then build the app.
  let handler: http.RequestListener = (_request, response) => {
    response.writeHead(503).end();
  };
  const server = http.createServer((request, response) => handler(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const front = options.httpsFront ? await startHttpsFront(url) : undefined;
  const config = testConfig({
    DATA_DIR: dir,
    SANDBOX_URL: sandbox.url,
    PUBLIC_URL: front?.door.url ?? options.publicUrl ?? url,
    ...options.env,
  });

  let core!: Core;
  let store!: Store;
  let bridge!: WooCommerceBridge;
  const build = async () => {
    store = await openStore();
    core = await createCore({
      config,
      logger,
      store,
      tokens: { attemptLimit: { attempts: 100, windowMs: 60_000 } },
      ...options.core,
    });
    bridge = createWooCommerceBridge(core, { tlsCa: FAKE_STORE_CA, ...options.bridge });
    const app = express();
    app.disable('x-powered-by');
    app.use(requestLogging(logger));
    app.use('/woocommerce', woocommerceRatesRouter(core, bridge), woocommercePublicRouter(core, bridge));
    // A JSON parser after the raw-body routes must not change what they verify.
    app.use(express.json());
    app.use('/admin', core.sessions.routes());
    app.use(
      '/admin/api',
      core.sessions.requireSession(),
      createAdminApiRouter(core),
      woocommerceAdminRouter(bridge),
    );
    app.use(notFoundHandler);
    app.use(errorHandler(logger));
    handler = app;
    await bridge.start();
  };
  await build();

  // An address on the front (a return URL, a login link) is fetched straight from the app behind it.
  const appFetch = (path: string, init: RequestInit = {}) =>
    fetch(path.startsWith('http') ? path.replace(config.publicUrl, url) : `${url}${path}`, {
      redirect: 'manual',
      ...init,
    });

  const tenants = new Set<string>();
  const adminClient = (tenant: string, cookie: string): AdminClient => ({
    tenant,
    cookie,
    async api(method, path, body) {
      const raw = await appFetch(`/admin/api${path}`, {
        method,
        headers: {
          cookie,
          origin: new URL(config.publicUrl).origin,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const responseText = await raw.text();
      return {
        status: raw.status,
        body: responseText ? (JSON.parse(responseText) as unknown) : undefined,
        raw,
      };
    },
  });
  const followLoginLink = async (link: string, tenant: string) => {
    tenants.add(tenant);
    // A link through the front is followed straight to the app (the test trusts no front's certificate).
    const direct = link.replace(config.publicUrl, url);
    const cookie = await signInWithLink(
      direct.startsWith('http') ? direct : `${url}${direct}`,
      new URL(config.publicUrl).origin,
    );
    return adminClient(tenant, cookie);
  };

  return {
    url,
    config,
    dataDir: dir,
    get core() {
      return core;
    },
    get store() {
      return store;
    },
    get bridge() {
      return bridge;
    },
    sandbox,
    frontCa: front?.ca,
    safePorts: [url, ...(front ? [front.door.url] : [])].map((address) => Number(new URL(address).port)),
    logs: text,
    fetch: appFetch,
    signIn: (tenant) => followLoginLink(core.sessions.loginLink(tenant), tenant),
    followLoginLink,
    async restart() {
      handler = (_request, response) => {
        response.writeHead(503).end();
      };
      await bridge.stop();
      await core.close();
      await build();
    },
    async close() {
      await bridge.stop();
      await front?.door.close();
      for (const tenant of [...tenants, '_global']) await store.deleteTenant(tenant);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await core.close();
      await sandbox.close();
      await sandboxStore.close();
      await sandboxDir.remove();
      await remove();
    },
  };
}

/** A TLS-terminating proxy in front of the app, with a certificate signed by a CA made for this run. */
async function startHttpsFront(target: string): Promise<{ door: RecordingBridge; ca: string }> {
  const ca = await makeLocalCa();
  const door = await startRecordingBridge({ target, tls: { cert: ca.cert, key: ca.key } });
  return { door, ca: ca.ca };
}
