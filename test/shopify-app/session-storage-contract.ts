/**
 * The battery every Shopify SessionStorage passes, modelled on Shopify's own
 * (shopify-app-session-storage-test-utils, battery-of-tests.ts): store / load / delete of offline and
 * online sessions, expiry, scopes, overwriting, deleteSessions, findSessionsByShop. Shopify's battery uses
 * ids like `test_session`; ours are the ids embedded apps really get (`offline_<shop>`, `<shop>_<user>`),
 * because our storage refuses anything else.
 */
import { randomBytes } from 'node:crypto';
import { Session } from '@shopify/shopify-api';
import type { SessionStorage } from '@shopify/shopify-app-session-storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

export interface SessionStorageHarness {
  readonly storage: SessionStorage;
  readonly cleanup: (shops: readonly string[]) => Promise<void>;
}

const SCOPES = 'write_shipping,read_products';

export function runSessionStorageContract(name: string, open: () => Promise<SessionStorageHarness>): void {
  describe(`SessionStorage contract: ${name}`, () => {
    let harness: SessionStorageHarness;
    let storage: SessionStorage;
    const shops: string[] = [];
    const newShop = () => {
      const shop = `contract-${randomBytes(4).toString('hex')}.myshopify.com`;
      shops.push(shop);
      return shop;
    };
    const inAnHour = () => {
      const date = new Date(Date.now() + 3_600_000);
      date.setMilliseconds(0);
      return date;
    };

    beforeAll(async () => {
      harness = await open();
      storage = harness.storage;
    });
    afterAll(() => harness.cleanup(shops));

    it('stores, loads and deletes every kind of offline session', async () => {
      const shop = newShop();
      const id = `offline_${shop}`;
      const variants: Record<string, unknown>[] = [
        {},
        { expires: inAnHour() },
        { expires: null },
        { expires: undefined },
        { expires: inAnHour(), refreshToken: 'rt-contract', refreshTokenExpires: inAnHour() },
      ];
      for (const extra of variants) {
        const session = new Session({
          id,
          shop,
          state: 'state',
          isOnline: false,
          scope: SCOPES,
          accessToken: 'at-contract',
          ...extra,
        });
        await expect(storage.storeSession(session)).resolves.toBe(true);
        const loaded = await storage.loadSession(id);
        expect(session.equals(loaded), JSON.stringify(extra)).toBe(true);
        expect(loaded).toBeInstanceOf(Session);
        expect(loaded?.isActive(SCOPES)).toBe(true);
        await expect(storage.deleteSession(id)).resolves.toBe(true);
        await expect(storage.loadSession(id)).resolves.toBeUndefined();
        // Deleting what is not there succeeds.
        await expect(storage.deleteSession(id)).resolves.toBe(true);
      }
    });

    it('stores online sessions with their associated user', async () => {
      const shop = newShop();
      const id = `${shop}_123`;
      const session = new Session({
        id,
        shop,
        state: 'state',
        isOnline: true,
        scope: SCOPES,
        accessToken: 'at-online',
        expires: inAnHour(),
        onlineAccessInfo: {
          expires_in: 86399,
          associated_user_scope: SCOPES,
          associated_user: {
            id: 123,
            first_name: 'First',
            last_name: 'Last',
            email: 'staff@example.com',
            account_owner: true,
            locale: 'en',
            collaborator: false,
            email_verified: true,
          },
        },
      });
      await storage.storeSession(session);
      const loaded = await storage.loadSession(id);
      expect(session.equals(loaded)).toBe(true);
      expect(loaded?.onlineAccessInfo?.associated_user.email).toBe('staff@example.com');
      expect(loaded?.isActive(SCOPES)).toBe(true);
    });

    it('stores a session without a token, and one with a scope longer than 255 characters', async () => {
      const shop = newShop();
      const bare = new Session({ id: `offline_${shop}`, shop, state: 'state', isOnline: false });
      await storage.storeSession(bare);
      expect(bare.equals(await storage.loadSession(bare.id))).toBe(true);
      const longScope = Array.from({ length: 30 }, (_, i) => `read_scope_number_${i}`).join(',');
      const wide = new Session({ id: `${shop}_7`, shop, state: 'state', isOnline: false, scope: longScope });
      await storage.storeSession(wide);
      expect((await storage.loadSession(wide.id))?.scope).toBe(longScope);
    });

    it('overwrites a session stored under the same id', async () => {
      const shop = newShop();
      const id = `offline_${shop}`;
      await storage.storeSession(
        new Session({ id, shop, state: 'a', isOnline: false, accessToken: 'first' }),
      );
      await storage.storeSession(
        new Session({ id, shop, state: 'b', isOnline: false, accessToken: 'second', scope: SCOPES }),
      );
      const loaded = await storage.loadSession(id);
      expect([loaded?.state, loaded?.accessToken, loaded?.scope]).toEqual(['b', 'second', SCOPES]);
      expect(await storage.findSessionsByShop(shop)).toHaveLength(1);
    });

    it('reports an expired session as inactive', async () => {
      const shop = newShop();
      const session = new Session({
        id: `offline_${shop}`,
        shop,
        state: '',
        isOnline: false,
        accessToken: 'expired',
        expires: new Date(Date.now() - 60_000),
      });
      await storage.storeSession(session);
      const loaded = await storage.loadSession(session.id);
      expect(loaded?.isExpired()).toBe(true);
      expect(loaded?.isActive(undefined)).toBe(false);
    });

    it('returns undefined for ids it does not hold or cannot hold', async () => {
      await expect(storage.loadSession(`offline_${newShop()}`)).resolves.toBeUndefined();
      await expect(storage.loadSession('not_a_session_id')).resolves.toBeUndefined();
      await expect(storage.loadSession('')).resolves.toBeUndefined();
    });

    it('finds all the sessions of one shop and only those', async () => {
      const [shop1, shop2] = [newShop(), newShop()];
      const sessions = [
        new Session({ id: `offline_${shop1}`, shop: shop1, state: 's', isOnline: false }),
        new Session({ id: `offline_${shop2}`, shop: shop2, state: 's', isOnline: false }),
        new Session({ id: `${shop1}_11`, shop: shop1, state: 's', isOnline: true }),
        new Session({ id: `${shop2}_12`, shop: shop2, state: 's', isOnline: true }),
      ];
      for (const session of sessions) await expect(storage.storeSession(session)).resolves.toBe(true);
      const found = await storage.findSessionsByShop(shop1);
      expect(found.map((s) => s.id).sort()).toEqual([`${shop1}_11`, `offline_${shop1}`].sort());
      for (const session of found) {
        expect(session.equals(sessions.find((s) => s.id === session.id))).toBe(true);
      }
      expect(await storage.findSessionsByShop(newShop())).toEqual([]);
      expect(await storage.findSessionsByShop('not a shop')).toEqual([]);
    });

    it('deletes the sessions of a list of ids', async () => {
      const [shop1, shop2] = [newShop(), newShop()];
      const sessions = [
        new Session({ id: `offline_${shop1}`, shop: shop1, state: 's', isOnline: false }),
        new Session({ id: `${shop1}_21`, shop: shop1, state: 's', isOnline: true }),
        new Session({ id: `offline_${shop2}`, shop: shop2, state: 's', isOnline: false }),
      ];
      for (const session of sessions) await storage.storeSession(session);
      const ids = (await storage.findSessionsByShop(shop1)).map((s) => s.id);
      expect(ids).toHaveLength(2);
      await expect(storage.deleteSessions([...ids, 'not_a_session_id'])).resolves.toBe(true);
      expect(await storage.findSessionsByShop(shop1)).toEqual([]);
      expect(await storage.findSessionsByShop(shop2)).toHaveLength(1);
    });

    it('refuses ids that are not Shopify session ids, and sessions stored under another shop', async () => {
      const shop = newShop();
      const other = newShop();
      const bad = [
        new Session({ id: 'test_session', shop: 'shop', state: 's', isOnline: false }),
        new Session({ id: 'offline_example.com', shop: 'example.com', state: 's', isOnline: false }),
        new Session({ id: `offline_${shop}`, shop: other, state: 's', isOnline: false }),
        new Session({ id: `${shop}_abc`, shop, state: 's', isOnline: true }),
      ];
      for (const session of bad) {
        await expect(storage.storeSession(session), session.id).rejects.toMatchObject({
          code: 'RB_ERR_VALIDATION',
        });
      }
      expect(await storage.findSessionsByShop(shop)).toEqual([]);
      expect(await storage.findSessionsByShop(other)).toEqual([]);
    });
  });
}
