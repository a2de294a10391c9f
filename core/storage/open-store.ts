import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { Sealer } from '../security/seal.js';
import { openEmbeddedStore } from './embedded-store.js';
import { createRedisStore } from './redis-store.js';
import type { Store } from './store.js';

/** Redis when configured, else the embedded store under DATA_DIR, sealed at rest with the key ring. */
export async function openStore(config: Config, logger: Logger, sealer: Sealer): Promise<Store> {
  if (!config.redis) {
    return openEmbeddedStore({
      dataDir: config.dataDir,
      codec: {
        seal: (text, part) => sealer.seal(text, `embedded-store:${part}`),
        open: (text, part) => sealer.open(text, `embedded-store:${part}`),
      },
    });
  }
  let lastReported = 0;
  return createRedisStore({
    connection: config.redis,
    keyPrefix: config.redisKeyPrefix,
    onError: (error) => {
      // ioredis retries forever; one line every 10 s is enough to see it without flooding the log.
      if (Date.now() - lastReported < 10_000) return;
      lastReported = Date.now();
      logger.warn(
        { errCode: (error as NodeJS.ErrnoException).code, message: error.message },
        'redis connection problem',
      );
    },
  });
}
