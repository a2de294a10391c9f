/**
 * Checkout never sees an error: when storage fails or stalls before the platforms are even asked, the engine
 * still answers, by the deadline, with the merchant's fallback rates.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../core/ratebridge.js';
import { openEmbeddedStore, type EmbeddedStore } from '../../../core/storage/embedded-store.js';
import type { Store } from '../../../core/storage/store.js';
import { capturingLogger } from '../../support/log-capture.js';
import { tempDir } from '../../support/temp-dir.js';
import { testConfig } from '../../support/test-config.js';

describe('quote engine when storage fails', () => {
  let store: EmbeddedStore;
  let remove: () => Promise<void>;
  let mode: 'ok' | 'fail' | 'hang' = 'ok';
  let core: Core;

  beforeAll(async () => {
    const dir = await tempDir('engine-failures');
    remove = dir.remove;
    store = await openEmbeddedStore({ dataDir: dir.dir });
    // A store whose document reads fail or hang on demand, as a Redis outage would look.
    const flaky = Object.assign(Object.create(store) as Store, {
      getDoc: (...args: Parameters<Store['getDoc']>) => {
        if (mode === 'fail') return Promise.reject(new Error('Connection is closed.'));
        if (mode === 'hang') return new Promise<never>(() => undefined);
        return store.getDoc(...args);
      },
    });
    core = await createCore({
      config: testConfig({ DATA_DIR: dir.dir }),
      logger: capturingLogger().logger,
      store: flaky,
    });
  });
  afterAll(async () => {
    await store.close();
    await remove();
  });

  const cart = {
    destination: { country: 'AU', postcode: '3000' },
    currency: 'AUD',
    lines: [{ sku: 'A', quantity: 1, priceCents: 100, requiresShipping: true }],
  };

  it('answers with the tenant-s last known fallback rates when reads fail', async () => {
    await core.quoteSettings.put('shop', {
      ...(await core.quoteSettings.get('shop')),
      fallbackRates: [{ code: 'own', name: 'Our flat rate', priceCents: 990 }],
    });
    mode = 'ok';
    await core.quotes.quote('shop', cart, { record: false });
    mode = 'fail';
    const outcome = await core.quotes.quote('shop', cart, { record: false });
    expect(outcome).toMatchObject({ source: 'fallback', rates: [{ code: 'own', totalCents: 990 }] });
    expect(outcome.fallbackReason).toMatch(/could not prepare the quote/);
  });

  it('answers by the deadline when reads hang, with the default fallback for an unknown tenant', async () => {
    mode = 'hang';
    const started = Date.now();
    const outcome = await core.quotes.quote('never-seen', cart, { deadlineMs: 300, record: false });
    expect(Date.now() - started).toBeLessThan(300 + 500);
    expect(outcome).toMatchObject({
      source: 'fallback',
      rates: [{ code: 'fallback-standard', totalCents: 1500 }],
      fallbackReason: expect.stringMatching(/before the deadline/) as string,
    });
    mode = 'ok';
  });
});
