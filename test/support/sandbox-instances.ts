/**
 * Two RateBridge cores on one Redis (separate connections, one key prefix), as two instances behind a load
 * balancer, quoting one tenant through a sandbox platform of their own: a sandbox token connected, one
 * pickup location and a `sku:BOX` profile, the platform slowed by `latencyMs` so overlapping quotes overlap.
 */
import { randomBytes } from 'node:crypto';
import { asTenantId, type TenantId } from '../../core/ids.js';
import { startSandboxServer, type SandboxServer } from '../../core/platforms/sandbox/sandbox-server.js';
import { createCore, type Core } from '../../core/ratebridge.js';
import { withSecretScope } from '../../core/security/redact.js';
import { openEmbeddedStore } from '../../core/storage/embedded-store.js';
import { capturingLogger } from './log-capture.js';
import { testRedisStore } from './redis.js';
import { tempDir } from './temp-dir.js';
import { testConfig } from './test-config.js';

export interface SandboxInstances {
  readonly instances: readonly [Core, Core];
  readonly sandbox: SandboxServer;
  readonly tenant: TenantId;
  /** Quote calls the sandbox platform has answered so far. */
  quoteCalls(): Promise<number>;
  close(): Promise<void>;
}

export async function startSandboxInstances(options: {
  readonly name: string;
  readonly latencyMs: number;
  readonly env?: Record<string, string>;
  readonly logLevel?: string;
}): Promise<SandboxInstances> {
  const dir = await tempDir(options.name);
  const sandboxStore = await openEmbeddedStore({ dataDir: dir.dir });
  const sandbox = await startSandboxServer({ store: sandboxStore });
  const config = testConfig({ SANDBOX_URL: sandbox.url, DATA_DIR: dir.dir, ...options.env });
  const prefix = `rbtest:${randomBytes(4).toString('hex')}:`;
  const { logger } = capturingLogger(options.logLevel);
  const instances = (await Promise.all(
    [0, 1].map(() => createCore({ config, logger, store: testRedisStore(prefix) })),
  )) as [Core, Core];
  const tenant = asTenantId(`${options.name}-${randomBytes(3).toString('hex')}`);
  await prepareTenant(instances[0], sandbox, tenant, options.name);
  await sandboxRequest(sandbox, 'PUT', '/behaviour', { latencyMs: options.latencyMs });
  return {
    instances,
    sandbox,
    tenant,
    quoteCalls: async () =>
      ((await (await fetch(`${sandbox.url}/stats`)).json()) as { calls: { quotes: number } }).calls.quotes,
    close: async () => {
      await instances[0].store.deleteTenant(tenant);
      await instances[0].store.deleteTenant('_global');
      for (const core of instances) await core.close();
      await sandbox.close();
      await sandboxStore.close();
      await dir.remove();
    },
  };
}

async function prepareTenant(core: Core, sandbox: SandboxServer, tenant: TenantId, name: string) {
  const created = await sandboxRequest(sandbox, 'POST', '/api-tokens', { name, environment: 'test' });
  const { token } = (await created.json()) as { token: string };
  await withSecretScope(() =>
    core.tokens.connect(tenant, { platform: 'sandbox', environment: 'test', label: 'S', token }),
  );
  const { location } = await core.locations.create(tenant, {
    name: 'DC',
    suburb: 'Sydney',
    postcode: '2000',
    state: 'NSW',
  });
  await core.catalog.upsertProfile(tenant, 'sku:BOX', {
    packages: [{ type: 'carton', lengthCm: 30, widthCm: 30, heightCm: 30, weightKg: 4 }],
    locationIds: [location.id],
  });
}

function sandboxRequest(sandbox: SandboxServer, method: string, path: string, body: unknown) {
  return fetch(`${sandbox.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}
