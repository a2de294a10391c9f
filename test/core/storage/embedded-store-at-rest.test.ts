/**
 * What the embedded store leaves on disk: files only its owner can read, personal data sealed, and
 * single-use marks that a restart does not forget.
 */
import { readFile, stat, chmod, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openEmbeddedStore, type StoreCodec } from '../../../core/storage/embedded-store.js';
import { createSealer } from '../../../core/security/seal.js';
import { parseKeyRing } from '../../../core/security/key-ring.js';
import { tempDir } from '../../support/temp-dir.js';

const codecFor = (text: string): StoreCodec => {
  const parsed = parseKeyRing(text);
  if (!parsed.ok) throw new Error(parsed.problem);
  const sealer = createSealer(parsed.ring);
  return {
    seal: (text, part) => sealer.seal(text, `embedded-store:${part}`),
    open: (text, part) => sealer.open(text, `embedded-store:${part}`),
  };
};
const RING = `k1:${Buffer.alloc(32, 7).toString('base64')}`;
const OTHER_RING = `k9:${Buffer.alloc(32, 9).toString('base64')}`;
const PERSON = { name: 'Jo Citizen', addressLine1: '12 Canary Street', suburb: 'Fitzroy' };

describe('the embedded store at rest', () => {
  it('keeps its journal, snapshot and pid file private to its owner (0600 in a 0700 folder)', async () => {
    const { dir, remove } = await tempDir('modes');
    // A journal left world-readable by an older version is tightened on open.
    await mkdir(path.join(dir, 'store'), { recursive: true, mode: 0o755 });
    await writeFile(path.join(dir, 'store', 'journal.ndjson'), '', { mode: 0o644 });
    await chmod(path.join(dir, 'store', 'journal.ndjson'), 0o644);
    const store = await openEmbeddedStore({ dataDir: dir, compactAfterBytes: 1, codec: codecFor(RING) });
    await store.putDoc({ tenant: 't', kind: 'k', id: 'a' }, PERSON);
    await store.putDoc({ tenant: 't', kind: 'k', id: 'b' }, PERSON);
    await new Promise((resolve) => setTimeout(resolve, 100)); // compaction runs after the flush
    for (const file of ['journal.ndjson', 'snapshot.json', 'owner.pid']) {
      const mode = (await stat(path.join(dir, 'store', file))).mode & 0o777;
      expect(mode.toString(8), file).toBe('600');
    }
    expect(((await stat(path.join(dir, 'store'))).mode & 0o777).toString(8)).toBe('700');
    await store.close();
    await remove();
  });

  it('seals every journal line and the snapshot, and reads them back after a restart', async () => {
    const { dir, remove } = await tempDir('sealed');
    const store = await openEmbeddedStore({ dataDir: dir, codec: codecFor(RING) });
    await store.putDoc({ tenant: 't', kind: 'locations', id: 'l1' }, PERSON);
    await store.listPush('t', 'log', PERSON, 10);
    // Pushed in one turn, as the rate log flushes: one line for the batch, sealed like the others.
    await Promise.all([store.listPush('t', 'batch', PERSON, 10), store.listPush('t', 'batch', PERSON, 10)]);
    await store.close();
    const journal = await readFile(path.join(dir, 'store', 'journal.ndjson'), 'utf8');
    expect(journal.trim().split('\n')).toHaveLength(3);
    for (const line of journal.trim().split('\n'))
      expect(Object.keys(JSON.parse(line) as object)).toEqual(['s', 'x']);
    expect(journal).not.toContain('Canary');
    expect(journal).not.toContain('Jo Citizen');
    expect(journal).not.toContain('locations');

    const compacting = await openEmbeddedStore({ dataDir: dir, compactAfterBytes: 1, codec: codecFor(RING) });
    expect(await compacting.getDoc({ tenant: 't', kind: 'locations', id: 'l1' })).toEqual(PERSON);
    await compacting.putDoc({ tenant: 't', kind: 'k', id: 'x' }, 1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await compacting.close();
    const snapshot = await readFile(path.join(dir, 'store', 'snapshot.json'), 'utf8');
    expect(snapshot).toContain('"x":"rb1.');
    expect(snapshot).not.toContain('Canary');

    const reopened = await openEmbeddedStore({ dataDir: dir, codec: codecFor(RING) });
    expect(await reopened.getDoc({ tenant: 't', kind: 'locations', id: 'l1' })).toEqual(PERSON);
    expect(await reopened.listRange('t', 'log', 0, 10)).toEqual([PERSON]);
    expect(await reopened.listRange('t', 'batch', 0, 10)).toEqual([PERSON, PERSON]);
    await reopened.close();
    await remove();
  });

  it('reads a plain journal written before sealing and seals it at the next compaction', async () => {
    const { dir, remove } = await tempDir('migrate');
    const plain = await openEmbeddedStore({ dataDir: dir });
    await plain.putDoc({ tenant: 't', kind: 'k', id: 'old' }, PERSON);
    await plain.close();
    const sealed = await openEmbeddedStore({ dataDir: dir, compactAfterBytes: 1, codec: codecFor(RING) });
    expect(await sealed.getDoc({ tenant: 't', kind: 'k', id: 'old' })).toEqual(PERSON);
    await sealed.putDoc({ tenant: 't', kind: 'k', id: 'new' }, 2);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await sealed.close();
    expect(await readFile(path.join(dir, 'store', 'snapshot.json'), 'utf8')).not.toContain('Canary');
    await remove();
  });

  it('refuses to start on a folder sealed with other keys, with one line that names the fix', async () => {
    const { dir, remove } = await tempDir('foreign');
    const store = await openEmbeddedStore({ dataDir: dir, codec: codecFor(RING) });
    await store.putDoc({ tenant: 't', kind: 'k', id: 'a' }, PERSON);
    await store.close();
    await expect(openEmbeddedStore({ dataDir: dir, codec: codecFor(OTHER_RING) })).rejects.toMatchObject({
      code: 'RB_ERR_CONFIG',
      message: expect.stringContaining('RATEBRIDGE_KEYS') as unknown as string,
    });
    await remove();
  });

  it('remembers a claimed single-use mark across a restart until it expires', async () => {
    const { dir, remove } = await tempDir('once');
    let offset = 0;
    const now = () => Date.now() + offset;
    const first = await openEmbeddedStore({ dataDir: dir, now, codec: codecFor(RING) });
    expect(await first.claimOnce('login:n1', 60_000)).toBe(true);
    await first.close();
    const second = await openEmbeddedStore({ dataDir: dir, now, codec: codecFor(RING) });
    expect(await second.claimOnce('login:n1', 60_000)).toBe(false);
    offset += 61_000;
    expect(await second.claimOnce('login:n1', 60_000)).toBe(true);
    await second.close();
    await remove();
  });
});
