/**
 * Rotating RATEBRIDGE_KEYS with WooCommerce stores connected: the bridge's re-seal pass (run at every start)
 * moves consumer keys and secrets, pending keys, webhook secrets and connector key secrets onto the new
 * primary key, after which the old key can be dropped and every secret still opens.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../core/ratebridge.js';
import { GLOBAL_TENANT } from '../../core/storage/store.js';
import { openEmbeddedStore, type EmbeddedStore } from '../../core/storage/embedded-store.js';
import { createWooCommerceBridge } from '../../woocommerce-bridge/index.js';
import { capturingLogger } from '../support/log-capture.js';
import { tempDir } from '../support/temp-dir.js';
import { testConfig } from '../support/test-config.js';

describe('WooCommerce secrets across a key rotation', () => {
  let store: EmbeddedStore;
  let cleanup: () => Promise<void>;
  const oldKey = `old:${randomBytes(32).toString('base64')}`;
  const newKey = `new:${randomBytes(32).toString('base64')}`;
  const tenant = 'woo:rotating.example.com';
  const listed = 'woo:keys-only.example.com';
  const consumerKey = `ck_${randomBytes(20).toString('hex')}`;
  const consumerSecret = `cs_${randomBytes(20).toString('hex')}`;
  const pendingSecret = `cs_${randomBytes(20).toString('hex')}`;
  const webhookSecret = randomBytes(32).toString('base64url');

  beforeAll(async () => {
    const dir = await tempDir('woo-rotation');
    store = await openEmbeddedStore({ dataDir: dir.dir });
    cleanup = async () => {
      await store.close();
      await dir.remove();
    };
  });
  afterAll(() => cleanup());

  const bridgeWith = async (keys: string) => {
    const core = await createCore({
      config: testConfig({ RATEBRIDGE_KEYS: keys }),
      logger: capturingLogger().logger,
      store,
    });
    return createWooCommerceBridge(core);
  };
  /** Every sealed value at rest for the two tenants, by where it sits. */
  const sealedAtRest = async () => {
    const values: string[] = [];
    const collect = (value: unknown): void => {
      if (typeof value === 'string' && value.startsWith('rb1.')) values.push(value);
      else if (value && typeof value === 'object') Object.values(value).forEach(collect);
    };
    for (const who of [tenant, listed]) {
      collect(await store.getDoc({ tenant: who, kind: 'woocommerce-store', id: 'connection' }));
      collect(await store.listDocs(who, 'woocommerce-connector-keys').then((docs) => [...docs.values()]));
    }
    return values;
  };

  it('re-seals every WooCommerce secret at start, then works without the old key', async () => {
    const before = await bridgeWith(oldKey);
    const credentials = before.connections.sealCredentials(
      tenant,
      { consumerKey, consumerSecret, wcKeyId: 7, permissions: 'read' },
      'grant',
    );
    await before.connections.update(tenant, () => ({
      storeUrl: 'https://rotating.example.com',
      status: 'connected',
      auth: 'header',
      credentials,
      pending: before.connections.sealCredentials(
        tenant,
        { consumerKey, consumerSecret: pendingSecret, wcKeyId: 8, permissions: 'read' },
        'grant',
      ),
      units: { weight: 'kg', dimension: 'cm' },
      webhooks: {
        endpointId: 'wh_rotation',
        sealedSecret: before.connections.sealWebhookSecret(tenant, webhookSecret),
        status: 'plugin',
        ids: {},
        detail: null,
        at: new Date().toISOString(),
      },
      lastCheck: null,
      connectedAt: new Date().toISOString(),
      updatedAt: new Date().toISOString(),
    }));
    const plugin = await before.keys.create(tenant, 'Plugin');
    const other = await before.keys.create(listed, 'Other store');
    // A store connected before the list of stores was kept is still found, through its connector keys.
    expect(
      await store.getDoc({ tenant: GLOBAL_TENANT, kind: 'woocommerce-stores', id: tenant }),
    ).toBeDefined();
    await store.deleteDoc({ tenant: GLOBAL_TENANT, kind: 'woocommerce-stores', id: tenant });
    const sealed = await sealedAtRest();
    expect(sealed.length).toBe(7);
    expect(sealed.every((value) => value.startsWith('rb1.old.'))).toBe(true);

    const during = await bridgeWith(`${newKey},${oldKey}`);
    expect(await during.resealAll()).toEqual({ tenants: 2, resealed: 7 });
    expect((await sealedAtRest()).every((value) => value.startsWith('rb1.new.'))).toBe(true);
    // Nothing left to move: the pass changes nothing the second time.
    expect(await during.resealAll()).toEqual({ tenants: 2, resealed: 0 });

    const after = await bridgeWith(newKey);
    const record = await after.connections.get(tenant);
    expect(after.connections.openCredentials(tenant, record!.storeUrl, record!.credentials!)).toMatchObject({
      consumerKey,
      consumerSecret,
    });
    expect(after.connections.openCredentials(tenant, record!.storeUrl, record!.pending!).consumerSecret).toBe(
      pendingSecret,
    );
    expect(after.connections.openWebhookSecret(tenant, record!.webhooks!.sealedSecret)).toBe(webhookSecret);
    expect((await after.keys.authenticate(plugin.key.id))?.secret).toBe(plugin.secret);
    expect((await after.keys.authenticate(other.key.id))?.secret).toBe(other.secret);
  });
});
