/**
 * The guarded store in front of a real embedded store whose calls fail or hang on demand (as a Redis outage
 * or a failing disk looks from here): the contract still holds, an admin sees a coded 503 and nothing
 * written, a checkout gets the instance's last copy.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rbError, type RateBridgeError } from '../../../core/errors.js';
import { runAsCheckout } from '../../../core/storage/checkout-scope.js';
import { openEmbeddedStore, type EmbeddedStore } from '../../../core/storage/embedded-store.js';
import { guardStore, type GuardedStore } from '../../../core/storage/guarded-store.js';
import type { Store } from '../../../core/storage/store.js';
import { tempDir } from '../../support/temp-dir.js';
import { runStoreContract } from './store-contract.js';

runStoreContract('guarded embedded', async () => {
  const { dir, remove } = await tempDir('guarded');
  let offset = 0;
  const inner = await openEmbeddedStore({ dataDir: dir, now: () => Date.now() + offset });
  return {
    store: guardStore(inner, { now: () => Date.now() + offset }),
    advance: async (ms) => {
      offset += ms;
    },
    cleanup: async () => {
      await inner.close();
      await remove();
    },
  };
});

type Mode = 'ok' | 'fail' | 'hang';

describe('guarded store during an outage', () => {
  let inner: EmbeddedStore;
  let store: GuardedStore;
  let remove: () => Promise<void>;
  let mode: Mode = 'ok';
  const ref = { tenant: 'shop-a', kind: 'quote-settings', id: 'rules' };

  /** Every call of the real store, failing or hanging while `mode` says so. */
  function flaky(real: Store): Store {
    const wrapped = Object.create(real) as Store;
    for (const name of Object.getOwnPropertyNames(Object.getPrototypeOf(real)) as (keyof Store)[]) {
      const method = real[name];
      if (typeof method !== 'function' || name === 'close' || (name as string) === 'constructor') continue;
      Object.assign(wrapped, {
        [name]: (...args: unknown[]) => {
          if (mode === 'fail') return Promise.reject(new Error('Connection is closed.'));
          if (mode === 'hang') return new Promise<never>(() => undefined);
          return (method as (...a: unknown[]) => unknown).apply(real, args);
        },
      });
    }
    return wrapped;
  }

  beforeAll(async () => {
    const dir = await tempDir('guarded-outage');
    remove = dir.remove;
    inner = await openEmbeddedStore({ dataDir: dir.dir });
    store = guardStore(flaky(inner), { checkoutWaitMs: 50, downForMs: 200 });
  });
  afterAll(async () => {
    await inner.close();
    await remove();
  });

  async function expectUnavailable(promise: Promise<unknown>): Promise<void> {
    const error = (await promise.then(
      () => undefined,
      (thrown: unknown) => thrown,
    )) as RateBridgeError | undefined;
    expect(error?.code).toBe('RB_ERR_STORE_UNAVAILABLE');
    expect(error?.status).toBe(503);
    expect(error?.retryAfterSeconds).toBeGreaterThan(0);
  }

  it('gives an admin a coded 503 with Retry-After, and writes nothing', async () => {
    mode = 'ok';
    await store.putDoc(ref, { markup: 1 });
    mode = 'fail';
    await expectUnavailable(store.getDoc(ref));
    await expectUnavailable(store.putDoc(ref, { markup: 2 }));
    await expectUnavailable(store.updateDoc(ref, () => ({ markup: 3 })));
    await expectUnavailable(store.claimOnce('link', 1000));
    expect(store.knownDown()).toBe(true);
    mode = 'ok';
    expect(await inner.getDoc(ref)).toEqual({ markup: 1 });
  });

  it("passes the caller's own refusals through untouched", async () => {
    mode = 'ok';
    const refusal = rbError('RB_ERR_CONFLICT');
    await expect(
      store.updateDoc(ref, () => {
        throw refusal;
      }),
    ).rejects.toBe(refusal);
    const bug = new TypeError('a bug in the updater');
    await expect(
      store.updateDoc(ref, () => {
        throw bug;
      }),
    ).rejects.toBe(bug);
  });

  it('answers a checkout from the last copy when reads fail or hang, and fails only for the never-seen', async () => {
    mode = 'ok';
    await store.putDoc(ref, { markup: 4 });
    await store.listDocs('shop-a', 'locations');
    mode = 'fail';
    expect(await runAsCheckout(() => store.getDoc(ref))).toEqual({ markup: 4 });
    expect(await runAsCheckout(() => store.listDocs('shop-a', 'locations'))).toEqual(new Map());
    await expectUnavailable(runAsCheckout(() => store.getDoc({ ...ref, tenant: 'never-seen' })));
    mode = 'hang';
    await new Promise((resolve) => setTimeout(resolve, 250));
    const started = Date.now();
    expect(await runAsCheckout(() => store.getDoc(ref))).toEqual({ markup: 4 });
    expect(Date.now() - started).toBeLessThan(200);
  });

  it('keeps replay marks and locks in process for a checkout, and drops its cache writes', async () => {
    mode = 'fail';
    expect(await runAsCheckout(() => store.cacheSetIfAbsent('replay:1', 1, 60_000))).toBe(true);
    expect(await runAsCheckout(() => store.cacheSetIfAbsent('replay:1', 1, 60_000))).toBe(false);
    const lock = await runAsCheckout(() => store.acquireLock('flight', 5000));
    expect(lock).toBeDefined();
    expect(await runAsCheckout(() => store.acquireLock('flight', 5000))).toBeUndefined();
    if (lock) await runAsCheckout(() => store.releaseLock(lock));
    expect(await runAsCheckout(() => store.acquireLock('flight', 5000))).toBeDefined();
    await runAsCheckout(() => store.cacheSet('quote:x', 1, 1000));
    expect(await runAsCheckout(() => store.cacheGet('quote:x'))).toBeUndefined();
  });

  it('recovers by itself once the store answers again', async () => {
    mode = 'fail';
    await expectUnavailable(store.ping());
    mode = 'ok';
    await store.ping();
    expect(store.knownDown()).toBe(false);
    await store.putDoc(ref, { markup: 5 });
    expect(await inner.getDoc(ref)).toEqual({ markup: 5 });
  });
});

describe('guarded embedded store whose disk fails', () => {
  it('refuses writes with a coded 503 from the first failed journal write, and keeps answering reads', async () => {
    const { dir, remove } = await tempDir('guarded-disk');
    const inner = await openEmbeddedStore({ dataDir: dir });
    const store = guardStore(inner);
    const ref = { tenant: 'shop-b', kind: 'locations', id: 'all' };
    await store.putDoc(ref, { depots: 1 });
    // The journal's file handle goes away under the store, as a failing disk makes writes fail.
    await (inner as unknown as { journal: { close(): Promise<void> } }).journal.close();
    const refused = await store.putDoc(ref, { depots: 2 }).then(
      () => undefined,
      (error: unknown) => error as RateBridgeError,
    );
    expect(refused).toMatchObject({ code: 'RB_ERR_STORE_UNAVAILABLE', status: 503 });
    await expect(store.putDoc({ ...ref, id: 'other' }, 1)).rejects.toMatchObject({
      code: 'RB_ERR_STORE_UNAVAILABLE',
    });
    // The refused change is not served: memory holds what the disk holds.
    expect(await runAsCheckout(() => store.getDoc(ref))).toEqual({ depots: 1 });
    expect(await store.getDoc(ref)).toEqual({ depots: 1 });
    await expect(store.ping()).rejects.toMatchObject({ code: 'RB_ERR_STORE_UNAVAILABLE' });
    // A second on, the store reopens its journal by itself and takes writes again, durably.
    const until = Date.now() + 5000;
    while (
      Date.now() < until &&
      !(await store.ping().then(
        () => true,
        () => false,
      ))
    ) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await store.putDoc(ref, { depots: 3 });
    await inner.close();
    const reopened = await openEmbeddedStore({ dataDir: dir });
    expect(await reopened.getDoc(ref)).toEqual({ depots: 3 });
    await reopened.close();
    await remove();
  });
});
