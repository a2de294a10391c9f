/**
 * Redis for tests: the real server at REDIS_TEST_URL (default 127.0.0.1:6379). When none answers, suites
 * that need it skip with a printed reason, except under CI, where a missing Redis is a failure.
 */
import net from 'node:net';
import { randomBytes } from 'node:crypto';
import { createRedisStore, type RedisStore } from '../../core/storage/redis-store.js';

export const REDIS_TEST_URL = process.env.REDIS_TEST_URL ?? 'redis://127.0.0.1:6379';

export interface RedisProbe {
  readonly ok: boolean;
  readonly reason: string;
}

export async function probeRedis(): Promise<RedisProbe> {
  const url = new URL(REDIS_TEST_URL);
  const ok = await new Promise<boolean>((resolve) => {
    const socket = net.connect({ host: url.hostname, port: Number(url.port || 6379) });
    const done = (result: boolean) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
  });
  const reason = ok ? 'Redis answered' : `no Redis answered PING at ${REDIS_TEST_URL}`;
  if (!ok && process.env.CI) {
    throw new Error(`${reason}; CI requires Redis for this suite (start redis-server)`);
  }
  if (!ok) console.warn(`SKIPPING Redis-backed tests: ${reason}. Set REDIS_TEST_URL or start redis-server.`);
  return { ok, reason };
}

/**
 * A RedisStore on a key prefix of its own, so test files never see each other's data; two stores given the
 * same prefix behave as two app instances sharing one Redis.
 */
export function testRedisStore(keyPrefix = `rbtest:${randomBytes(4).toString('hex')}:`): RedisStore {
  return createRedisStore({ connection: { mode: 'standalone', url: REDIS_TEST_URL }, keyPrefix });
}
