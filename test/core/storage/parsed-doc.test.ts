import { describe, expect, it } from 'vitest';
import { openEmbeddedStore } from '../../../core/storage/embedded-store.js';
import { GuardedStore } from '../../../core/storage/guarded-store.js';
import { readParsedDoc } from '../../../core/storage/parsed-doc.js';
import type { JsonValue } from '../../../core/storage/store.js';
import { tempDir } from '../../support/temp-dir.js';

const ref = { tenant: 't', kind: 'settings', id: 'all' };

function countingParse() {
  const seen: unknown[] = [];
  const parse = (raw: JsonValue | undefined) => {
    seen.push(raw);
    return { value: (raw as { v?: number } | undefined)?.v ?? 0 };
  };
  return { parse, seen };
}

describe('readParsedDoc', () => {
  it('parses a stored version once, and a written one again at once', async () => {
    const { dir, remove } = await tempDir('parsed-doc');
    const inner = await openEmbeddedStore({ dataDir: dir });
    const store = new GuardedStore(inner);
    const { parse, seen } = countingParse();
    await store.putDoc(ref, { v: 1 });
    expect(await readParsedDoc(store, ref, parse)).toEqual({ value: 1 });
    expect(await readParsedDoc(store, ref, parse)).toEqual({ value: 1 });
    expect(seen).toHaveLength(1);

    await store.updateDoc(ref, () => ({ v: 2 }));
    expect(await readParsedDoc(store, ref, parse)).toEqual({ value: 2 });
    await store.deleteDoc(ref);
    expect(await readParsedDoc(store, ref, parse)).toEqual({ value: 0 });
    expect(seen).toHaveLength(3);

    // A copy handed out by getDoc and changed by its reader leaves the stored version (and its parse) alone.
    await store.putDoc(ref, { v: 3 });
    const copy = (await store.getDoc(ref)) as { v: number };
    copy.v = 99;
    expect(await readParsedDoc(store, ref, parse)).toEqual({ value: 3 });
    await inner.close();
    await remove();
  });

  it('parses on every read where the store makes a new value each time', async () => {
    const { dir, remove } = await tempDir('parsed-doc-copies');
    const inner = await openEmbeddedStore({ dataDir: dir });
    await inner.putDoc(ref, { v: 1 });
    // As Redis behaves: no getDocShared, a fresh value per read.
    const copying = { getDoc: inner.getDoc.bind(inner) } as unknown as typeof inner;
    const { parse, seen } = countingParse();
    await readParsedDoc(copying, ref, parse);
    await readParsedDoc(copying, ref, parse);
    expect(seen).toHaveLength(2);
    await inner.close();
    await remove();
  });
});
