import { appendFile, readFile, rm } from 'node:fs/promises';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openEmbeddedStore } from '../../../core/storage/embedded-store.js';
import { tempDir } from '../../support/temp-dir.js';
import { runStoreContract } from './store-contract.js';

runStoreContract('embedded', async () => {
  const { dir, remove } = await tempDir('store');
  let offset = 0;
  const store = await openEmbeddedStore({ dataDir: dir, now: () => Date.now() + offset });
  return {
    store,
    advance: async (ms) => {
      offset += ms;
    },
    cleanup: async () => {
      await store.close();
      await remove();
    },
  };
});

describe('EmbeddedStore durability', () => {
  it('keeps documents and lists across a close and reopen', async () => {
    const { dir, remove } = await tempDir('reopen');
    const first = await openEmbeddedStore({ dataDir: dir });
    await first.putDoc({ tenant: 't', kind: 'k', id: 'a' }, { v: 1 });
    await first.updateDoc({ tenant: 't', kind: 'k', id: 'a' }, () => ({ v: 2 }));
    await first.putDoc({ tenant: 't', kind: 'k', id: 'gone' }, 1);
    await first.deleteDoc({ tenant: 't', kind: 'k', id: 'gone' });
    await first.listPush('t', 'log', 'one', 2);
    await first.listPush('t', 'log', 'two', 2);
    await first.listPush('t', 'log', 'three', 2);
    await first.close();

    const second = await openEmbeddedStore({ dataDir: dir });
    expect(await second.getDoc({ tenant: 't', kind: 'k', id: 'a' })).toEqual({ v: 2 });
    expect(await second.getDoc({ tenant: 't', kind: 'k', id: 'gone' })).toBeUndefined();
    expect(await second.listRange('t', 'log', 0, 10)).toEqual(['three', 'two']);
    await second.close();
    await remove();
  });

  it('compacts the journal into a snapshot without losing or duplicating anything', async () => {
    const { dir, remove } = await tempDir('compact');
    const store = await openEmbeddedStore({ dataDir: dir, compactAfterBytes: 2_000 });
    for (let i = 0; i < 300; i++) {
      await store.putDoc({ tenant: 't', kind: 'docs', id: String(i % 50) }, { i });
      await store.listPush('t', 'log', i, 100);
    }
    await store.close();
    const snapshot = JSON.parse(await readFile(path.join(dir, 'store', 'snapshot.json'), 'utf8')) as {
      seq: number;
    };
    expect(snapshot.seq).toBeGreaterThan(0);

    const reopened = await openEmbeddedStore({ dataDir: dir });
    expect((await reopened.listDocs('t', 'docs')).size).toBe(50);
    expect(await reopened.getDoc({ tenant: 't', kind: 'docs', id: '49' })).toEqual({ i: 299 });
    const log = await reopened.listRange('t', 'log', 0, 200);
    expect(log).toHaveLength(100);
    expect(log[0]).toBe(299);
    expect(log[99]).toBe(200);
    await reopened.close();
    await remove();
  });

  it('writes the operations of one flush as one line and replays each of them in order', async () => {
    const { dir, remove } = await tempDir('batch');
    const store = await openEmbeddedStore({ dataDir: dir });
    await store.putDoc({ tenant: 't', kind: 'k', id: 'first' }, 0);
    // Issued in one turn, as the rate log's flush does: one journal line, one seal, one fdatasync.
    await Promise.all([
      ...Array.from({ length: 20 }, (_, i) => store.listPush('t', 'log', i, 15)),
      store.putDoc({ tenant: 't', kind: 'k', id: 'a' }, { v: 1 }),
      store.updateDoc({ tenant: 't', kind: 'k', id: 'a' }, () => ({ v: 2 })),
      store.deleteDoc({ tenant: 't', kind: 'k', id: 'first' }),
    ]);
    await store.close();
    const lines = (await readFile(path.join(dir, 'store', 'journal.ndjson'), 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(2);
    expect((JSON.parse(lines[1] ?? '') as { b: unknown[] }).b).toHaveLength(23);

    const reopened = await openEmbeddedStore({ dataDir: dir });
    expect(await reopened.getDoc({ tenant: 't', kind: 'k', id: 'a' })).toEqual({ v: 2 });
    expect(await reopened.getDoc({ tenant: 't', kind: 'k', id: 'first' })).toBeUndefined();
    expect(await reopened.listRange('t', 'log', 0, 20)).toEqual(Array.from({ length: 15 }, (_, i) => 19 - i));
    await reopened.putDoc({ tenant: 't', kind: 'k', id: 'b' }, 'after');
    await reopened.close();
    const again = await openEmbeddedStore({ dataDir: dir });
    expect(await again.getDoc({ tenant: 't', kind: 'k', id: 'b' })).toBe('after');
    expect(await again.listLength('t', 'log')).toBe(15);
    await again.close();
    await remove();
  });

  it('ignores a torn last journal line and keeps every complete one', async () => {
    const { dir, remove } = await tempDir('torn');
    const store = await openEmbeddedStore({ dataDir: dir });
    await store.putDoc({ tenant: 't', kind: 'k', id: 'kept' }, 'yes');
    await store.close();
    await appendFile(
      path.join(dir, 'store', 'journal.ndjson'),
      '{"s":99,"op":"put","t":"t","k":"k","i":"torn","v":"hal',
    );

    const reopened = await openEmbeddedStore({ dataDir: dir });
    expect(await reopened.getDoc({ tenant: 't', kind: 'k', id: 'kept' })).toBe('yes');
    expect(await reopened.getDoc({ tenant: 't', kind: 'k', id: 'torn' })).toBeUndefined();
    await reopened.putDoc({ tenant: 't', kind: 'k', id: 'after' }, 'written after the tear');
    await reopened.close();

    const again = await openEmbeddedStore({ dataDir: dir });
    expect(await again.getDoc({ tenant: 't', kind: 'k', id: 'after' })).toBe('written after the tear');
    await again.close();
    await remove();
  });

  it('refuses every write after a failed journal write, so nothing unrecoverable is acknowledged', async () => {
    const { dir, remove } = await tempDir('failed-write');
    const store = await openEmbeddedStore({ dataDir: dir });
    await store.putDoc({ tenant: 't', kind: 'k', id: 'before' }, 1);
    // Pull the journal's file handle away, as a dying disk would.
    await (store as unknown as { journal: { close(): Promise<void> } }).journal.close();
    await expect(store.putDoc({ tenant: 't', kind: 'k', id: 'lost' }, 2)).rejects.toThrow();
    await expect(store.putDoc({ tenant: 't', kind: 'k', id: 'after' }, 3)).rejects.toThrow();
    await expect(store.ping()).rejects.toThrow();
    await rm(path.join(dir, 'store', 'owner.pid'), { force: true });
    const reopened = await openEmbeddedStore({ dataDir: dir });
    expect(await reopened.getDoc({ tenant: 't', kind: 'k', id: 'before' })).toBe(1);
    await reopened.close();
    await remove();
  });

  it('refuses a second live process on the same DATA_DIR', async () => {
    const { dir, remove } = await tempDir('owner');
    const { writeFile, mkdir } = await import('node:fs/promises');
    await mkdir(path.join(dir, 'store'), { recursive: true });
    // PID 1 is always alive and never us.
    await writeFile(path.join(dir, 'store', 'owner.pid'), '1');
    await expect(openEmbeddedStore({ dataDir: dir })).rejects.toThrow(/in use by process 1/);
    await remove();
  });

  it('keeps every acknowledged write when the process is killed with SIGKILL mid-stream', async () => {
    const { dir, remove } = await tempDir('crash');
    const writer = fileURLToPath(new URL('./crash-writer.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', writer, dir], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const acknowledged: number[] = [];
    let buffered = '';
    await new Promise<void>((resolve, reject) => {
      child.once('error', reject);
      child.stdout.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        for (const line of lines) if (line.startsWith('ack ')) acknowledged.push(Number(line.slice(4)));
        if (acknowledged.length >= 400 && child.exitCode === null && !child.killed) {
          child.kill('SIGKILL');
        }
      });
      child.once('exit', () => resolve());
    });
    expect(child.signalCode).toBe('SIGKILL');
    expect(acknowledged.length).toBeGreaterThanOrEqual(400);

    const reopened = await openEmbeddedStore({ dataDir: dir });
    const docs = await reopened.listDocs('crash', 'writes');
    for (const n of acknowledged) {
      expect(docs.get(String(n)), `acknowledged write ${n}`).toEqual({ n, payload: 'x'.repeat(200) });
    }
    const log = await reopened.listRange('crash', 'log', 0, 100_000);
    expect(log.length).toBeGreaterThanOrEqual(acknowledged.length);
    await reopened.close();
    await remove();
  }, 60_000);
});

describe('EmbeddedStore expiry', () => {
  it('drops expired cache entries nobody reads again, a few per write, without a full pass at once', async () => {
    const { dir, remove } = await tempDir('embedded-sweep');
    let now = Date.parse('2026-12-06T10:00:00Z');
    const store = await openEmbeddedStore({ dataDir: dir, now: () => now });
    const cacheSize = () => (store as unknown as { cache: Map<string, unknown> }).cache.size;
    try {
      for (let i = 0; i < 5_000; i++) await store.cacheSet(`short:${i}`, i, 1_000);
      now += 2_000;
      // Later writes (long-lived) sweep the expired ones as they go; none of the short ones is read.
      for (let i = 0; i < 1_000; i++) await store.cacheSet(`long:${i}`, i, 60_000);
      expect(cacheSize()).toBe(1_000);
      expect(await store.cacheGet('long:999')).toBe(999);
    } finally {
      await store.close();
      await remove();
    }
  });
});
