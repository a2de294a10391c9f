/**
 * The rate log writes off the checkout's path: recording never waits for the store, every queued entry is
 * written (in order) by the next flush, a page shows what was recorded, and a stalled store bounds the queue.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createRateLog } from '../../../core/quoting/rate-log.js';
import { createRateLogQueue } from '../../../core/quoting/rate-log-queue.js';
import { openEmbeddedStore, type EmbeddedStore } from '../../../core/storage/embedded-store.js';
import type { RateLogEntry } from '../../../core/quoting/rate-log.js';
import type { Store } from '../../../core/storage/store.js';
import { tempDir } from '../../support/temp-dir.js';

const entry = (id: string) => ({ id, at: new Date(0).toISOString() }) as unknown as RateLogEntry;

describe('the rate log queue', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  async function embedded(): Promise<EmbeddedStore> {
    const dir = await tempDir('rate-log-queue');
    const store = await openEmbeddedStore({ dataDir: dir.dir });
    cleanups.push(async () => (await store.close(), await dir.remove()));
    return store;
  }

  it('records without waiting for a store that never answers, and bounds what waits', async () => {
    let pushes = 0;
    const stalled = {
      listPush: () => (pushes++, new Promise<void>(() => undefined)),
    } as unknown as Store;
    const queue = createRateLogQueue(stalled, { list: 'rate-log', cap: 500, maxQueued: 3 });
    for (const id of ['a', 'b', 'c', 'd', 'e']) queue.add('t1', { id });
    expect(queue.dropped()).toBe(2);
    void queue.flush();
    expect(pushes).toBe(3);
    const log = createRateLog(stalled);
    await expect(log.record('t1', entry('x'))).resolves.toBeUndefined();
  });

  it('writes every recorded entry, newest first, and a page shows them at once', async () => {
    const store = await embedded();
    const log = createRateLog(store);
    for (let i = 0; i < 600; i++) await log.record('t1', entry(`rl_${i}`));
    await log.record('t2', entry('other'));
    const page = await log.page('t1', 0, 3);
    expect(page.total).toBe(500);
    expect(page.entries.map((e) => e.id)).toEqual(['rl_599', 'rl_598', 'rl_597']);
    expect((await log.page('t2', 0, 10)).entries.map((e) => e.id)).toEqual(['other']);
  });

  it('flushes by itself, and what a flush wrote survives a reopen', async () => {
    const dir = await tempDir('rate-log-queue-reopen');
    cleanups.push(() => dir.remove());
    const store = await openEmbeddedStore({ dataDir: dir.dir });
    const log = createRateLog(store);
    await log.record('t1', entry('kept'));
    await expect.poll(() => store.listLength('t1', 'rate-log')).toBe(1);
    await store.close();
    const reopened = await openEmbeddedStore({ dataDir: dir.dir });
    expect(await reopened.listRange('t1', 'rate-log', 0, 5)).toEqual([entry('kept')]);
    await reopened.close();
  });
});
