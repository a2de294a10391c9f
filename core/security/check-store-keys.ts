/**
 * At start, on a shared store: can this instance's key ring open what the store already holds? Every
 * instance seals one known value into the store the first time (and re-seals it with its primary key
 * after a rotation); an instance whose ring cannot open it stops at start with one line, instead of
 * running and failing on every stored token. That covers the instance that was given the wrong
 * RATEBRIDGE_KEYS and the one that was given none and generated a key of its own in DATA_DIR.
 */
import { rbError, RateBridgeError } from '../errors.js';
import { GLOBAL_TENANT, type Store } from '../storage/store.js';
import type { Sealer } from './seal.js';

const REF = { tenant: GLOBAL_TENANT, kind: 'key-check', id: 'canary' };
const OWNER = 'key-check:canary';
const PLAINTEXT = 'RateBridge key check';

export async function checkStoreKeys(
  store: Store,
  sealer: Sealer,
  where: string,
  keySource: string,
): Promise<void> {
  const fresh = sealer.seal(PLAINTEXT, OWNER);
  if (await store.putDocIfAbsent(REF, { sealed: fresh })) return;
  const stored = await store.getDoc(REF);
  const sealed = (stored as { sealed?: unknown } | undefined)?.sealed;
  if (typeof sealed !== 'string') return void (await store.putDoc(REF, { sealed: fresh }));
  try {
    if (sealer.open(sealed, OWNER) !== PLAINTEXT) throw rbError('RB_ERR_SEAL_UNREADABLE');
  } catch (error) {
    if (error instanceof RateBridgeError && error.code.startsWith('RB_ERR_SEAL_'))
      throw rbError('RB_ERR_KEYS_DO_NOT_OPEN_STORE', where, keySource);
    throw error;
  }
  const resealed = sealer.reseal(sealed, OWNER);
  if (resealed) await store.putDoc(REF, { sealed: resealed });
}
