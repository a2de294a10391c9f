/**
 * The core, built once from validated config: every namespace the front ends use hangs off the object this
 * returns, and its type is derived from the factory rather than written twice.
 */
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import { loadOrCreateLocalKeyRing, type KeyRing } from './security/key-ring.js';
import { createSealer } from './security/seal.js';
import { createFingerprinter } from './security/fingerprint.js';
import { openStore } from './storage/open-store.js';
import type { Store } from './storage/store.js';

export interface CoreOptions {
  readonly config: Config;
  readonly logger: Logger;
  /** Tests inject a store; otherwise it is opened from config. */
  readonly store?: Store;
}

export async function createCore(options: CoreOptions) {
  const { config, logger } = options;
  const store = options.store ?? (await openStore(config, logger));
  const keyRing = await resolveKeyRing(config, logger);
  const sealer = createSealer(keyRing);
  const fingerprinter = createFingerprinter(keyRing);

  return {
    config,
    logger,
    store,
    sealer,
    fingerprinter,
    async close(): Promise<void> {
      await store.close();
    },
  };
}

export type Core = Awaited<ReturnType<typeof createCore>>;

async function resolveKeyRing(config: Config, logger: Logger): Promise<KeyRing> {
  if (config.keyRing) return config.keyRing;
  const { ring, created } = await loadOrCreateLocalKeyRing(config.dataDir);
  logger.warn(
    { keyFile: `${config.dataDir}/keys`, created },
    'RATEBRIDGE_KEYS is not set: sealing with a key kept in DATA_DIR. Production must set RATEBRIDGE_KEYS.',
  );
  return ring;
}
