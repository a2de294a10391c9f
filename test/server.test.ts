import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../core/ratebridge.js';
import { openEmbeddedStore } from '../core/storage/embedded-store.js';
import type { Store } from '../core/storage/store.js';
import { startServer, type RunningServer } from '../server.js';
import { capturingLogger } from './support/log-capture.js';
import { tempDir } from './support/temp-dir.js';
import { testConfig } from './support/test-config.js';

describe('server', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  async function start(wrap: (store: Store) => Store = (store) => store): Promise<RunningServer> {
    const { dir, remove } = await tempDir('server');
    const config = testConfig({ DATA_DIR: dir });
    const { logger } = capturingLogger();
    const store = wrap(await openEmbeddedStore({ dataDir: dir }));
    const running = await startServer(config, logger, await createCore({ config, logger, store }));
    cleanups.push(async () => {
      await running.shutdown();
      await remove();
    });
    return running;
  }

  it('answers /healthz and /readyz with security headers', async () => {
    const { url } = await start();
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    expect(health.headers.get('x-content-type-options')).toBe('nosniff');
    expect(health.headers.get('x-powered-by')).toBeNull();
    const ready = await fetch(`${url}/readyz`);
    expect(await ready.json()).toEqual({ status: 'ready', store: 'embedded' });
  });

  it('reports 503 on /readyz while the store does not answer', async () => {
    const { url } = await start((store) =>
      Object.assign(Object.create(store) as Store, {
        ping: () => Promise.reject(new Error('connection refused')),
        close: () => store.close(),
      }),
    );
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { error: { code: string } }).error.code).toBe('RB_ERR_STORE_UNAVAILABLE');
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  });

  it('finishes in-flight requests on shutdown, then refuses new ones and closes the store', async () => {
    let closed = false;
    const running = await start((store) =>
      Object.assign(Object.create(store) as Store, {
        ping: () => new Promise<void>((resolve) => setTimeout(resolve, 400)),
        close: async () => {
          closed = true;
          await store.close();
        },
      }),
    );
    const inFlight = fetch(`${running.url}/readyz`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const stopped = running.shutdown();
    const response = await inFlight;
    expect(response.status).toBe(200);
    await stopped;
    expect(closed).toBe(true);
    await expect(fetch(`${running.url}/healthz`)).rejects.toThrow();
  });
});
