import { randomBytes } from 'node:crypto';
import { Session } from '@shopify/shopify-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSealer } from '../../core/security/seal.js';
import { parseKeyRing } from '../../core/security/key-ring.js';
import { openEmbeddedStore } from '../../core/storage/embedded-store.js';
import type { Store } from '../../core/storage/store.js';
import { createSessionStorage, SESSION_KIND, shopOfSessionId } from '../../shopify-app/session-storage.js';
import { capturingLogger } from '../support/log-capture.js';
import { probeRedis, testRedisStore } from '../support/redis.js';
import { tempDir } from '../support/temp-dir.js';
import { runSessionStorageContract } from './session-storage-contract.js';

const redis = await probeRedis();

function testSealer() {
  const ring = parseKeyRing(`k1:${randomBytes(32).toString('base64')}`);
  if (!ring.ok) throw new Error(ring.problem);
  return createSealer(ring.ring);
}

async function cleanupShops(store: Store, shops: readonly string[]) {
  for (const shop of shops) await store.deleteTenant(shop);
}

runSessionStorageContract('embedded store', async () => {
  const { dir, remove } = await tempDir('shopify-sessions');
  const store = await openEmbeddedStore({ dataDir: dir });
  return {
    storage: createSessionStorage({ store, sealer: testSealer() }),
    cleanup: async (shops) => {
      await cleanupShops(store, shops);
      await store.close();
      await remove();
    },
  };
});

describe.skipIf(!redis.ok)(`on Redis (${redis.reason})`, () => {
  runSessionStorageContract('redis store', async () => {
    const store = testRedisStore();
    return {
      storage: createSessionStorage({ store, sealer: testSealer() }),
      cleanup: async (shops) => {
        await cleanupShops(store, shops);
        await store.close();
      },
    };
  });
});

describe('session ids', () => {
  it('name their shop for offline and online sessions, and nothing else', () => {
    expect(shopOfSessionId('offline_a-shop.myshopify.com')).toBe('a-shop.myshopify.com');
    expect(shopOfSessionId('a-shop.myshopify.com_12345')).toBe('a-shop.myshopify.com');
    for (const id of [
      'test_session',
      'offline_',
      'offline_evil.com',
      'a-shop.myshopify.com_x',
      'A.myshopify.com_1',
    ]) {
      expect(shopOfSessionId(id), id).toBeUndefined();
    }
  });
});

describe('sealing', () => {
  let store: Store;
  let remove: () => Promise<void>;
  const shop = `sealed-${randomBytes(3).toString('hex')}.myshopify.com`;
  const id = `offline_${shop}`;
  // Canaries: generated per run, so no committed value looks like a real token.
  const accessToken = `canary-access-${randomBytes(12).toString('hex')}`;
  const refreshToken = `canary-refresh-${randomBytes(12).toString('hex')}`;

  beforeAll(async () => {
    const dir = await tempDir('shopify-sealing');
    remove = dir.remove;
    store = await openEmbeddedStore({ dataDir: dir.dir });
  });
  afterAll(async () => {
    await store.close();
    await remove();
  });

  it('never stores the access token, refresh token or associated user in plain text', async () => {
    const storage = createSessionStorage({ store, sealer: testSealer() });
    await storage.storeSession(
      new Session({
        id,
        shop,
        state: '',
        isOnline: false,
        accessToken,
        refreshToken,
        refreshTokenExpires: new Date(Date.now() + 86_400_000),
        expires: new Date(Date.now() + 3_600_000),
      }),
    );
    const online = new Session({
      id: `${shop}_77`,
      shop,
      state: '',
      isOnline: true,
      accessToken,
      onlineAccessInfo: {
        expires_in: 100,
        associated_user_scope: 'read_products',
        associated_user: {
          id: 77,
          first_name: 'Canary',
          last_name: 'Person',
          email: 'canary-person@example.com',
          email_verified: true,
          account_owner: false,
          locale: 'en',
          collaborator: false,
        },
      },
    });
    await storage.storeSession(online);
    const stored = JSON.stringify(Object.fromEntries(await store.listDocs(shop, SESSION_KIND)));
    for (const canary of [accessToken, refreshToken, 'canary-person@example.com', 'Canary']) {
      expect(stored).not.toContain(canary);
    }
    expect(stored).toContain('rb1.');
    expect((await storage.loadSession(id))?.accessToken).toBe(accessToken);
    expect((await storage.loadSession(id))?.refreshToken).toBe(refreshToken);
  });

  it('binds sealed values to their shop and session: a copied record does not open elsewhere', async () => {
    const { logger, text } = capturingLogger();
    const storage = createSessionStorage({ store, sealer: testSealer(), logger });
    await storage.storeSession(new Session({ id, shop, state: '', isOnline: false, accessToken }));
    const record = await store.getDoc({ tenant: shop, kind: SESSION_KIND, id });
    const victim = `victim-${randomBytes(3).toString('hex')}.myshopify.com`;
    const victimId = `offline_${victim}`;
    await store.putDoc(
      { tenant: victim, kind: SESSION_KIND, id: victimId },
      { ...(record as Record<string, string>), id: victimId, shop: victim },
    );
    await expect(storage.loadSession(victimId)).resolves.toBeUndefined();
    expect(text()).toContain('could not be opened');
    expect(text()).not.toContain(accessToken);
    await store.deleteTenant(victim);
  });

  it('treats a record sealed with a key no longer configured as absent', async () => {
    const storage = createSessionStorage({ store, sealer: testSealer() });
    await storage.storeSession(new Session({ id, shop, state: '', isOnline: false, accessToken }));
    const rotated = createSessionStorage({ store, sealer: testSealer() });
    await expect(rotated.loadSession(id)).resolves.toBeUndefined();
    await expect(rotated.findSessionsByShop(shop)).resolves.toEqual([]);
  });

  it('re-seals a session read after a key rotation, keeping when it was saved', async () => {
    const key = (keyId: string) => `${keyId}:${randomBytes(32).toString('base64')}`;
    const ring = (text: string) => {
      const parsed = parseKeyRing(text);
      if (!parsed.ok) throw new Error(parsed.problem);
      return createSealer(parsed.ring);
    };
    const [oldKey, newKey] = [key('old'), key('new')];
    const sealedFields = async () => {
      const raw = (await store.getDoc({ tenant: shop, kind: SESSION_KIND, id })) as Record<string, unknown>;
      return {
        keys: [raw.accessToken, raw.refreshToken].map((v) => String(v).split('.')[1]),
        savedAt: raw.savedAt,
      };
    };
    await createSessionStorage({ store, sealer: ring(oldKey) }).storeSession(
      new Session({ id, shop, state: '', isOnline: false, accessToken, refreshToken }),
    );
    const before = await sealedFields();
    expect(before.keys).toEqual(['old', 'old']);

    const during = createSessionStorage({ store, sealer: ring(`${newKey},${oldKey}`) });
    expect((await during.loadSession(id))?.accessToken).toBe(accessToken);
    expect(await sealedFields()).toEqual({ keys: ['new', 'new'], savedAt: before.savedAt });

    const after = createSessionStorage({ store, sealer: ring(newKey) });
    expect(await after.loadSession(id)).toMatchObject({ accessToken, refreshToken });
  });
});
