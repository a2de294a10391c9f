/**
 * The battery of tests every Store implementation passes. Modelled on Shopify's session-storage battery:
 * one shared suite, run against each backend by a two-line test file.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UNCHANGED, type JsonValue, type Store } from '../../../core/storage/store.js';

export interface StoreHarness {
  readonly store: Store;
  /** Waits `ms` of store time (real time, or an advanced fake clock). */
  readonly advance: (ms: number) => Promise<void>;
  readonly cleanup: () => Promise<void>;
}

export function runStoreContract(name: string, open: () => Promise<StoreHarness>): void {
  describe(`Store contract: ${name}`, () => {
    let harness: StoreHarness;
    let store: Store;
    const tenants: string[] = [];
    const tenant = () => {
      const id = `t-${randomBytes(4).toString('hex')}`;
      tenants.push(id);
      return id;
    };
    const key = (label: string) => `${label}-${randomBytes(4).toString('hex')}`;

    beforeAll(async () => {
      harness = await open();
      store = harness.store;
    });
    afterAll(async () => {
      for (const id of tenants) await store.deleteTenant(id);
      await harness.cleanup();
    });

    it('stores, reads and deletes a document', async () => {
      const t = tenant();
      const ref = { tenant: t, kind: 'widgets', id: 'w1' };
      expect(await store.getDoc(ref)).toBeUndefined();
      await store.putDoc(ref, { name: 'first', sizes: [1, 2], nested: { ok: true } });
      expect(await store.getDoc(ref)).toEqual({ name: 'first', sizes: [1, 2], nested: { ok: true } });
      expect(await store.deleteDoc(ref)).toBe(true);
      expect(await store.deleteDoc(ref)).toBe(false);
      expect(await store.getDoc(ref)).toBeUndefined();
    });

    it('returns copies, so mutating a read value never changes what is stored', async () => {
      const ref = { tenant: tenant(), kind: 'widgets', id: 'w1' };
      await store.putDoc(ref, { list: [1] });
      const read = (await store.getDoc(ref)) as { list: number[] };
      read.list.push(2);
      expect(await store.getDoc(ref)).toEqual({ list: [1] });
    });

    it('a shared read is the same object until the document is written, then the new value at once', async () => {
      const ref = { tenant: tenant(), kind: 'widgets', id: 'w1' };
      expect(await store.getDocShared?.(ref)).toBeUndefined();
      await store.putDoc(ref, { v: 1 });
      const first = await store.getDocShared?.(ref);
      expect(first).toEqual({ v: 1 });
      expect(await store.getDocShared?.(ref)).toBe(first);
      await store.updateDoc(ref, () => ({ v: 2 }));
      expect(await store.getDocShared?.(ref)).toEqual({ v: 2 });
      // A copy from getDoc changed by its reader leaves the shared value alone.
      const copy = (await store.getDoc(ref)) as { v: number };
      copy.v = 99;
      expect(await store.getDocShared?.(ref)).toEqual({ v: 2 });
      await store.deleteDoc(ref);
      expect(await store.getDocShared?.(ref)).toBeUndefined();
    });

    it('lists the documents of one kind for one tenant only', async () => {
      const a = tenant();
      const b = tenant();
      await store.putDoc({ tenant: a, kind: 'locations', id: 'l1' }, { n: 1 });
      await store.putDoc({ tenant: a, kind: 'locations', id: 'l2' }, { n: 2 });
      await store.putDoc({ tenant: a, kind: 'other', id: 'x' }, { n: 3 });
      await store.putDoc({ tenant: b, kind: 'locations', id: 'l9' }, { n: 9 });
      const listed = await store.listDocs(a, 'locations');
      expect(Object.fromEntries(listed)).toEqual({ l1: { n: 1 }, l2: { n: 2 } });
      expect((await store.listDocs(tenant(), 'locations')).size).toBe(0);
    });

    it('putDocIfAbsent stores only the first value', async () => {
      const ref = { tenant: tenant(), kind: 'index', id: 'fingerprint' };
      expect(await store.putDocIfAbsent(ref, 'first')).toBe(true);
      expect(await store.putDocIfAbsent(ref, 'second')).toBe(false);
      expect(await store.getDoc(ref)).toBe('first');
    });

    it('updateDoc creates, changes, leaves unchanged and deletes', async () => {
      const ref = { tenant: tenant(), kind: 'counters', id: 'c' };
      expect(await store.updateDoc(ref, (cur) => (cur === undefined ? { n: 1 } : cur))).toEqual({ n: 1 });
      expect(await store.updateDoc(ref, (cur) => ({ n: (cur as { n: number }).n + 1 }))).toEqual({ n: 2 });
      expect(await store.updateDoc(ref, () => UNCHANGED)).toEqual({ n: 2 });
      expect(await store.updateDoc(ref, () => undefined)).toBeUndefined();
      expect(await store.getDoc(ref)).toBeUndefined();
      expect(await store.updateDoc(ref, () => undefined)).toBeUndefined();
    });

    it('loses no update when many requests change one document at once', async () => {
      const ref = { tenant: tenant(), kind: 'counters', id: 'race' };
      const writers = 40;
      await Promise.all(
        Array.from({ length: writers }, (_, i) =>
          store.updateDoc(ref, (cur) => {
            const seen = (cur as { ids: number[] } | undefined)?.ids ?? [];
            return { ids: [...seen, i] };
          }),
        ),
      );
      const final = (await store.getDoc(ref)) as { ids: number[] };
      expect(final.ids).toHaveLength(writers);
      expect(new Set(final.ids).size).toBe(writers);
    });

    it('deleteTenant erases every document and list of that tenant and nothing of another', async () => {
      const doomed = tenant();
      const kept = tenant();
      await store.putDoc({ tenant: doomed, kind: 'a', id: '1' }, 1);
      await store.putDoc({ tenant: doomed, kind: 'b', id: '2' }, 2);
      await store.listPush(doomed, 'log', { entry: 1 }, 10);
      await store.putDoc({ tenant: kept, kind: 'a', id: '1' }, 'kept');
      await store.listPush(kept, 'log', 'kept', 10);
      await store.deleteTenant(doomed);
      expect(await store.getDoc({ tenant: doomed, kind: 'a', id: '1' })).toBeUndefined();
      expect((await store.listDocs(doomed, 'b')).size).toBe(0);
      expect(await store.listLength(doomed, 'log')).toBe(0);
      expect(await store.getDoc({ tenant: kept, kind: 'a', id: '1' })).toBe('kept');
      expect(await store.listRange(kept, 'log', 0, 10)).toEqual(['kept']);
    });

    it('cache entries expire after their TTL', async () => {
      const k = key('cache');
      await store.cacheSet(k, { rates: [1, 2] }, 150);
      expect(await store.cacheGet(k)).toEqual({ rates: [1, 2] });
      await harness.advance(300);
      expect(await store.cacheGet(k)).toBeUndefined();
    });

    it('cacheSetIfAbsent refuses a live key and accepts it again once expired', async () => {
      const k = key('nonce');
      expect(await store.cacheSetIfAbsent(k, 1, 150)).toBe(true);
      expect(await store.cacheSetIfAbsent(k, 2, 150)).toBe(false);
      expect(await store.cacheGet(k)).toBe(1);
      await harness.advance(300);
      expect(await store.cacheSetIfAbsent(k, 3, 150)).toBe(true);
      await store.cacheDelete(k);
      expect(await store.cacheGet(k)).toBeUndefined();
    });

    it('claimOnce is true once per key while the mark lives, and again after it expired', async () => {
      const k = key('once');
      expect(await store.claimOnce(k, 150)).toBe(true);
      expect(await store.claimOnce(k, 150)).toBe(false);
      expect(await store.claimOnce(key('other'), 150)).toBe(true);
      // A cache entry of the same name is another thing altogether.
      expect(await store.cacheSetIfAbsent(k, 1, 150)).toBe(true);
      await harness.advance(300);
      expect(await store.claimOnce(k, 150)).toBe(true);
    });

    it('treats a zero or fractional TTL as the shortest one rather than failing', async () => {
      const k = key('zero');
      expect(await store.cacheSetIfAbsent(k, 1, 0)).toBe(true);
      await store.cacheSet(key('frac'), 1, 0.5);
      expect(await store.increment(key('ctr0'), 1, 0)).toBe(1);
    });

    it('capped lists keep the newest entries, newest first, and page', async () => {
      const t = tenant();
      for (let i = 1; i <= 7; i++) await store.listPush(t, 'rate-log', { i }, 5);
      expect(await store.listLength(t, 'rate-log')).toBe(5);
      expect(await store.listRange(t, 'rate-log', 0, 2)).toEqual([{ i: 7 }, { i: 6 }]);
      expect(await store.listRange(t, 'rate-log', 2, 10)).toEqual([{ i: 5 }, { i: 4 }, { i: 3 }]);
      expect(await store.listRange(t, 'rate-log', 5, 10)).toEqual([]);
      expect(await store.listRange(t, 'rate-log', 0, 0)).toEqual([]);
    });

    it('counters add up and expire a fixed time after their first increment', async () => {
      const k = key('ctr');
      expect(await store.increment(k, 1, 200)).toBe(1);
      expect(await store.increment(k, 2, 200)).toBe(3);
      await harness.advance(350);
      expect(await store.increment(k, 1, 200)).toBe(1);
    });

    it('locks exclude a second holder, release only for their owner, and expire', async () => {
      const k = key('lock');
      const first = await store.acquireLock(k, 150);
      expect(first).toBeDefined();
      expect(await store.acquireLock(k, 150)).toBeUndefined();
      await harness.advance(300);
      const second = await store.acquireLock(k, 5000);
      expect(second).toBeDefined();
      await store.releaseLock(first!); // the expired owner must not free the new holder's lock
      expect(await store.acquireLock(k, 150)).toBeUndefined();
      await store.releaseLock(second!);
      expect(await store.acquireLock(k, 150)).toBeDefined();
    });

    it('stores every JSON shape faithfully', async () => {
      const values: JsonValue[] = [
        0,
        -1.5,
        'text with "quotes" and ünïcode',
        true,
        null,
        [],
        {},
        [{ a: [null] }],
      ];
      const t = tenant();
      for (const [i, value] of values.entries()) {
        await store.putDoc({ tenant: t, kind: 'shapes', id: String(i) }, value);
        expect(await store.getDoc({ tenant: t, kind: 'shapes', id: String(i) })).toEqual(value);
      }
    });

    it('answers ping', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });
  });
}
