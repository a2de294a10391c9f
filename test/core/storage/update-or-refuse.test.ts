import { describe, expect, it } from 'vitest';
import { rbError } from '../../../core/errors.js';
import { openEmbeddedStore } from '../../../core/storage/embedded-store.js';
import { updateDocOrRefuse } from '../../../core/storage/update-or-refuse.js';
import { tempDir } from '../../support/temp-dir.js';

describe('updateDocOrRefuse', () => {
  it('writes what the updater returns, and on a coded refusal writes nothing and throws that error', async () => {
    const { dir, remove } = await tempDir('refuse');
    const store = await openEmbeddedStore({ dataDir: dir });
    const ref = { tenant: 't', kind: 'labels', id: 'all' };
    expect(await updateDocOrRefuse(store, ref, () => ({ labels: ['Main'] }))).toEqual({ labels: ['Main'] });
    await expect(
      updateDocOrRefuse(store, ref, () => {
        throw rbError('RB_ERR_LABEL_TAKEN', 'Main');
      }),
    ).rejects.toMatchObject({ code: 'RB_ERR_LABEL_TAKEN' });
    expect(await store.getDoc(ref)).toEqual({ labels: ['Main'] });
    // Anything that is not a coded refusal is a bug and propagates as it is.
    await expect(
      updateDocOrRefuse(store, ref, () => {
        throw new TypeError('boom');
      }),
    ).rejects.toThrow(TypeError);
    await store.close();
    await remove();
  });
});
