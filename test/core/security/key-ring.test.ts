import { stat, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadOrCreateLocalKeyRing } from '../../../core/security/key-ring.js';
import { tempDir } from '../../support/temp-dir.js';

describe('local key ring (embedded store without RATEBRIDGE_KEYS)', () => {
  it('is generated once into DATA_DIR with mode 0600, then reused', async () => {
    const { dir, remove } = await tempDir('keys');
    const first = await loadOrCreateLocalKeyRing(dir);
    expect(first.created).toBe(true);
    const file = path.join(dir, 'keys');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const second = await loadOrCreateLocalKeyRing(dir);
    expect(second.created).toBe(false);
    expect(second.ring.primary.id).toBe(first.ring.primary.id);
    expect(second.ring.primary.key.equals(first.ring.primary.key)).toBe(true);
    expect((await readFile(file, 'utf8')).trim()).toMatch(/^local[a-z0-9]+:[A-Za-z0-9+/]{43}=$/);
    await remove();
  });

  it('creates DATA_DIR when it does not exist yet', async () => {
    const { dir, remove } = await tempDir('keys-fresh');
    const nested = path.join(dir, 'not', 'yet');
    expect((await loadOrCreateLocalKeyRing(nested)).created).toBe(true);
    await remove();
  });
});
