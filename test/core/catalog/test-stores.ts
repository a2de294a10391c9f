/**
 * The stores the catalog and locations suites run against: the embedded store always, Redis when one
 * answers (always under CI). Each test gets a fresh, empty store.
 */
import { openEmbeddedStore } from '../../../core/storage/embedded-store.js';
import type { Store } from '../../../core/storage/store.js';
import { probeRedis, testRedisStore } from '../../support/redis.js';
import { tempDir } from '../../support/temp-dir.js';

export type StoreKind = 'embedded' | 'redis';

const redis = await probeRedis();
export const STORE_KINDS: readonly StoreKind[] = redis.ok ? ['embedded', 'redis'] : ['embedded'];

export async function openTestStore(kind: StoreKind): Promise<{ store: Store; close: () => Promise<void> }> {
  if (kind === 'redis') {
    const store = testRedisStore();
    return { store, close: () => store.close() };
  }
  const { dir, remove } = await tempDir('catalog');
  const store = await openEmbeddedStore({ dataDir: dir });
  return {
    store,
    close: async () => {
      await store.close();
      await remove();
    },
  };
}
