import { describe } from 'vitest';
import { probeRedis, testRedisStore } from '../../support/redis.js';
import { runStoreContract } from './store-contract.js';

const redis = await probeRedis();

describe.skipIf(!redis.ok)(`RedisStore (${redis.reason})`, () => {
  runStoreContract('redis', async () => {
    const store = testRedisStore();
    return {
      store,
      advance: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      cleanup: () => store.close(),
    };
  });
});
