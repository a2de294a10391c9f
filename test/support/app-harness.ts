/**
 * A whole RateBridge on real sockets for end-to-end tests: the sandbox freight platform on its own port
 * (an external platform, as in production), RateBridge pointed at it, and helpers to sign in as tenants.
 */
import type { Config } from '../../core/config.js';
import { createCore, type CoreOptions } from '../../core/ratebridge.js';
import { openEmbeddedStore } from '../../core/storage/embedded-store.js';
import type { Store } from '../../core/storage/store.js';
import type { Role } from '../../core/wire/admin-api-types.js';
import { startSandboxServer, type SandboxServer } from '../../core/platforms/sandbox/sandbox-server.js';
import { startServer, type RunningServer, type ServerOptions } from '../../server.js';
import { capturingLogger } from './log-capture.js';
import { testRedisStore } from './redis.js';
import { signInWithLink } from './sign-in.js';
import { tempDir } from './temp-dir.js';
import { testConfig } from './test-config.js';

export type StoreKind = 'embedded' | 'redis';

export interface AppHarness {
  readonly url: string;
  readonly sandbox: SandboxServer;
  readonly running: RunningServer;
  readonly config: Config;
  readonly store: Store;
  /** Every log line RateBridge wrote (JSON), for canary checks. */
  readonly logs: () => string;
  /** Signs in to the standalone admin as `tenant` (an owner unless `role` says); a fetch bound to it. */
  signIn(tenant: string, role?: Role): Promise<TenantClient>;
  /** Creates a token in the sandbox (the merchant's "create API token" step); returns its value. */
  createSandboxToken(name: string, environment?: 'live' | 'test'): Promise<string>;
  revokeSandboxToken(name: string): Promise<void>;
  sandboxTokens(): Promise<{ name: string; revokedAt: string | null }[]>;
  close(): Promise<void>;
}

export interface TenantClient {
  readonly tenant: string;
  /** The session cookie (`name=value`), for requests the client does not make itself. */
  readonly cookie: string;
  /** Calls the admin API (`/admin/api` + path) with the session cookie; JSON in and out. */
  api(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: unknown; raw: Response }>;
}

export async function startAppHarness(
  options: {
    store?: StoreKind;
    env?: Record<string, string>;
    core?: Partial<CoreOptions>;
    shopify?: ServerOptions['shopify'];
    /** Wraps the store the core is given (a test that makes the store fail partway). */
    wrapStore?: (store: Store) => Store;
  } = {},
): Promise<AppHarness> {
  const { dir, remove } = await tempDir('app');
  const sandboxDir = await tempDir('sandbox');
  const sandboxStore = await openEmbeddedStore({ dataDir: sandboxDir.dir });
  const sandbox = await startSandboxServer({ store: sandboxStore });
  const config = testConfig({ DATA_DIR: dir, SANDBOX_URL: sandbox.url, ...options.env });
  const { logger, text } = capturingLogger();
  const store = options.store === 'redis' ? testRedisStore() : await openEmbeddedStore({ dataDir: dir });
  const core = await createCore({
    config,
    logger,
    store: options.wrapStore ? options.wrapStore(store) : store,
    ...options.core,
  });
  const running = await startServer(config, logger, core, {
    shopify: options.shopify ?? { enabled: false, reason: 'Shopify app off in this test.' },
  });
  const url = running.url;

  const tenants: string[] = [];
  return {
    url,
    sandbox,
    running,
    config,
    store,
    logs: text,
    async signIn(tenant, role = 'owner') {
      tenants.push(tenant);
      const link = core.sessions.loginLink(tenant, 'merchant', { role }).replace(config.publicUrl, url);
      const cookie = await signInWithLink(link, new URL(config.publicUrl).origin);
      return {
        tenant,
        cookie,
        async api(method, path, body) {
          const raw = await fetch(`${url}/admin/api${path}`, {
            method,
            headers: {
              cookie,
              origin: new URL(config.publicUrl).origin,
              ...(body === undefined ? {} : { 'content-type': 'application/json' }),
            },
            ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          });
          const text = await raw.text();
          return { status: raw.status, body: text ? (JSON.parse(text) as unknown) : undefined, raw };
        },
      };
    },
    async createSandboxToken(name, environment = 'test') {
      const response = await fetch(`${sandbox.url}/api-tokens`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name, environment }),
      });
      if (response.status !== 201) throw new Error(`sandbox token: ${response.status}`);
      return ((await response.json()) as { token: string }).token;
    },
    async revokeSandboxToken(name) {
      const response = await fetch(`${sandbox.url}/api-tokens/${encodeURIComponent(name)}/revoke`, {
        method: 'POST',
      });
      if (!response.ok) throw new Error(`sandbox revoke: ${response.status}`);
    },
    async sandboxTokens() {
      const response = await fetch(`${sandbox.url}/api-tokens`);
      return ((await response.json()) as { apiTokens: { name: string; revokedAt: string | null }[] })
        .apiTokens;
    },
    async close() {
      for (const tenant of [...tenants, '_global']) await store.deleteTenant(tenant);
      await running.shutdown();
      await sandbox.close();
      await sandboxStore.close();
      await sandboxDir.remove();
      await remove();
    },
  };
}
