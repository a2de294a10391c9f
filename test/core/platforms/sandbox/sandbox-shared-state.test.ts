/**
 * The sandbox keeps its state in the Store, so it outlives a restart (embedded store) and is one sandbox
 * however many RateBridge instances serve it (Redis).
 */
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { openEmbeddedStore } from '../../../../core/storage/embedded-store.js';
import { createRedisStore } from '../../../../core/storage/redis-store.js';
import { probeRedis, REDIS_TEST_URL } from '../../../support/redis.js';
import { tempDir } from '../../../support/temp-dir.js';
import { startTestSandbox, type TestSandbox } from './sandbox-test-server.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('sandbox state on the embedded store', () => {
  it('keeps tokens, revocations and behaviour across a restart', async () => {
    const data = await tempDir('sandbox-restart');
    cleanups.push(data.remove);

    const firstStore = await openEmbeddedStore({ dataDir: data.dir });
    const first = await startTestSandbox({ store: firstStore });
    const kept = await first.createToken('kept', 'live');
    const revoked = await first.createToken('revoked', 'live');
    await first.call('POST', '/api-tokens/revoked/revoke');
    await first.setBehaviour({ latencyMs: 5 });
    await first.close();
    await firstStore.close();

    const secondStore = await openEmbeddedStore({ dataDir: data.dir });
    const second = await startTestSandbox({ store: secondStore });
    cleanups.push(async () => {
      await second.close();
      await secondStore.close();
    });
    expect((await second.platform('POST', '/v1/ping', kept, 'live')).status).toBe(200);
    expect((await second.platform('POST', '/v1/ping', revoked, 'live')).status).toBe(401);
    expect((await second.call('GET', '/behaviour')).json).toMatchObject({ behaviour: { latencyMs: 5 } });
  });

  it('starts clean over a state document of another shape', async () => {
    const sandbox = await startTestSandbox();
    cleanups.push(sandbox.close);
    await sandbox.store.putDoc(
      { tenant: '_sandbox', kind: 'state', id: 'behaviour-and-stats' },
      { hang: 'yes' },
    );
    expect((await sandbox.call('GET', '/behaviour')).json).toMatchObject({ behaviour: { hang: false } });
  });
});

describe('a failing store', () => {
  it('turns into a coded 500 that is logged and reveals nothing', async () => {
    const data = await tempDir('sandbox-failing');
    const store = await openEmbeddedStore({ dataDir: data.dir });
    const failing = new Proxy(store, {
      get(target, property) {
        if (property === 'getDoc') return () => Promise.reject(new Error('disk on fire'));
        const value: unknown = Reflect.get(target, property);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const logged: unknown[] = [];
    const sandbox = await startTestSandbox({
      store: failing,
      logger: { error: (object: unknown) => logged.push(object) },
    });
    cleanups.push(async () => {
      await sandbox.close();
      await store.close();
      await data.remove();
    });

    const answer = await sandbox.call('GET', '/api-tokens');
    expect(answer.status).toBe(500);
    expect(answer.json).toEqual({
      error: { code: 'internal', message: 'The sandbox failed unexpectedly. Try again.' },
    });
    expect(answer.text).not.toContain('disk on fire');
    expect(logged).toHaveLength(1);
  });
});

const redis = await probeRedis();

describe.skipIf(!redis.ok)(`sandbox state on Redis (${redis.reason})`, () => {
  it('is one sandbox across two instances: tokens, revocation, behaviour and stats', async () => {
    // Two instances of one deployment: separate connections on one key prefix.
    const keyPrefix = `rbtest:${randomBytes(4).toString('hex')}:`;
    const stores = [0, 1].map(() =>
      createRedisStore({ connection: { mode: 'standalone', url: REDIS_TEST_URL }, keyPrefix }),
    );
    const instances: TestSandbox[] = [];
    for (const store of stores) instances.push(await startTestSandbox({ store }));
    cleanups.push(async () => {
      for (const instance of instances) await instance.close();
      await stores[0]!.deleteTenant('_sandbox');
      for (const store of stores) await store.close();
    });
    const [a, b] = instances as [TestSandbox, TestSandbox];

    const token = await a.createToken('shared', 'test');
    expect((await b.platform('POST', '/v1/ping', token, 'test')).status).toBe(200);
    await b.setBehaviour({ status: 503 });
    expect((await a.platform('POST', '/v1/ping', token, 'test')).status).toBe(503);
    await a.setBehaviour({});
    await b.call('POST', '/api-tokens/shared/revoke');
    expect((await a.platform('POST', '/v1/ping', token, 'test')).status).toBe(401);
    expect((await b.call('GET', '/stats')).json).toMatchObject({ calls: { ping: 3 }, injectedFailures: 1 });
  });
});
