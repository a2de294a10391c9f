/**
 * Rotating RATEBRIDGE_KEYS: prepend a new key, and each connection's token moves onto it at its next check;
 * after that the old key can be dropped and every token still opens.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asTenantId } from '../../core/ids.js';
import { createCore } from '../../core/ratebridge.js';
import { withSecretScope } from '../../core/security/redact.js';
import { openEmbeddedStore, type EmbeddedStore } from '../../core/storage/embedded-store.js';
import { startSandboxServer, type SandboxServer } from '../../core/platforms/sandbox/sandbox-server.js';
import { capturingLogger } from '../support/log-capture.js';
import { tempDir } from '../support/temp-dir.js';
import { testConfig } from '../support/test-config.js';

describe('key rotation', () => {
  let sandbox: SandboxServer;
  let sandboxStore: EmbeddedStore;
  let store: EmbeddedStore;
  let cleanup: () => Promise<void>;
  const tenant = asTenantId('rotating-shop');
  const oldKey = `old:${randomBytes(32).toString('base64')}`;
  const newKey = `new:${randomBytes(32).toString('base64')}`;

  beforeAll(async () => {
    const sandboxDir = await tempDir('rotation-sandbox');
    const dir = await tempDir('rotation');
    sandboxStore = await openEmbeddedStore({ dataDir: sandboxDir.dir });
    sandbox = await startSandboxServer({ store: sandboxStore });
    store = await openEmbeddedStore({ dataDir: dir.dir });
    cleanup = async () => {
      await store.close();
      await sandbox.close();
      await sandboxStore.close();
      await dir.remove();
      await sandboxDir.remove();
    };
  });
  afterAll(() => cleanup());

  const coreWith = (keys: string) =>
    createCore({
      config: testConfig({ RATEBRIDGE_KEYS: keys, SANDBOX_URL: sandbox.url }),
      logger: capturingLogger().logger,
      store,
      tokens: { recheckMinIntervalMs: 0 },
    });
  const sealedToken = async () => {
    const doc = (await store.getDoc({ tenant, kind: 'connections', id: 'all' })) as {
      connections: Record<string, { sealedToken: string }>;
    };
    return Object.values(doc.connections)[0]?.sealedToken ?? '';
  };

  it('re-seals at the next check, then works without the old key', async () => {
    const response = await fetch(`${sandbox.url}/api-tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'rotation', environment: 'test' }),
    });
    const { token } = (await response.json()) as { token: string };
    const before = await coreWith(oldKey);
    const connection = await withSecretScope(() =>
      before.tokens.connect(tenant, { platform: 'sandbox', environment: 'test', label: 'Main', token }),
    );
    expect(await sealedToken()).toMatch(/^rb1\.old\./);

    const during = await coreWith(`${newKey},${oldKey}`);
    expect((await during.tokens.usableConnections(tenant)).map((u) => u.credentials.token)).toEqual([token]);
    await during.tokens.verify(tenant, connection.id, 'schedule', 'schedule');
    expect(await sealedToken()).toMatch(/^rb1\.new\./);

    const after = await coreWith(newKey);
    expect((await after.tokens.usableConnections(tenant)).map((u) => u.credentials.token)).toEqual([token]);
    // The same token is still recognised as already connected after the rotation.
    await expect(
      withSecretScope(() =>
        after.tokens.connect(tenant, { platform: 'sandbox', environment: 'test', label: 'Again', token }),
      ),
    ).rejects.toMatchObject({ code: 'RB_ERR_TOKEN_ALREADY_CONNECTED' });
  });
});
