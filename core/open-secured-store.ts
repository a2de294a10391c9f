/**
 * The keys and the store every part shares, opened at start: the key ring (from config, or a local key
 * file outside production), the store wrapped so an outage is a coded 503, and a shared Redis checked to
 * hold data these keys can open (one clear line at start rather than failed checkouts later).
 */
import type { Config } from './config.js';
import { rbError } from './errors.js';
import type { Logger } from './logger.js';
import { checkStoreKeys } from './security/check-store-keys.js';
import { createFingerprinter } from './security/fingerprint.js';
import { loadOrCreateLocalKeyRing, type KeyRing } from './security/key-ring.js';
import { createSealer, type Sealer } from './security/seal.js';
import { guardStore } from './storage/guarded-store.js';
import { openStore } from './storage/open-store.js';
import { isStoreUnavailable } from './storage/store-unavailable.js';
import type { Store } from './storage/store.js';

export async function openSecuredStore(config: Config, logger: Logger, injected?: Store) {
  const keyRing = await resolveKeyRing(config, logger);
  const sealer = createSealer(keyRing);
  // Every part gets the guarded store: an outage is a coded 503 to an admin, a last copy to a checkout.
  const store: Store = guardStore(injected ?? (await openStore(config, logger, sealer)));
  if (store.kind === 'redis') await checkRedisKeys(store, sealer, config);
  return { keyRing, sealer, store, fingerprinter: createFingerprinter(keyRing) };
}

/** A shared Redis: this instance's keys must open what is there (one line at start when they cannot). */
async function checkRedisKeys(store: Store, sealer: Sealer, config: Config): Promise<void> {
  const where = `Redis (key prefix ${config.redisKeyPrefix})`;
  const keySource = config.keyRing ? 'RATEBRIDGE_KEYS' : `the key generated in ${config.dataDir}/keys`;
  try {
    await checkStoreKeys(store, sealer, where, keySource);
  } catch (error) {
    if (!isStoreUnavailable(error)) throw error;
    throw rbError('RB_ERR_CONFIG', `${where} does not answer: check REDIS_URL and that Redis is running`);
  }
}

async function resolveKeyRing(config: Config, logger: Logger): Promise<KeyRing> {
  if (config.keyRing) return config.keyRing;
  const { ring, created } = await loadOrCreateLocalKeyRing(config.dataDir);
  logger.warn(
    { keyFile: `${config.dataDir}/keys`, created },
    'RATEBRIDGE_KEYS is not set: sealing with a key kept in DATA_DIR. Production must set RATEBRIDGE_KEYS.',
  );
  return ring;
}
