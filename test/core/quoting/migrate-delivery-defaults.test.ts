/**
 * Rules stored before #15 carry `deliveryDefaults`; they read, through the real settings store, into
 * `deliveryOptions`: a `true` the merchant set is kept as an assumption, a `false` (every stored document
 * had the defaults filled in) reads as today's default. Saving writes the new shape only.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createQuoteSettingsStore, DEFAULT_QUOTE_SETTINGS } from '../../../core/quoting/quote-settings.js';
import { openEmbeddedStore } from '../../../core/storage/embedded-store.js';
import type { JsonValue, Store } from '../../../core/storage/store.js';
import { tempDir } from '../../support/temp-dir.js';

describe('rules stored with deliveryDefaults', () => {
  let store: Store;
  let remove: () => Promise<void>;
  const tenant = `shop-${randomBytes(3).toString('hex')}.myshopify.com`;
  const ref = { tenant, kind: 'quote-settings', id: 'rules' };
  const { deliveryOptions: _, ...rest } = DEFAULT_QUOTE_SETTINGS;
  /** A document as a store from before #15 holds it (plain JSON). */
  const legacy = (deliveryDefaults: Record<string, boolean>): Record<string, JsonValue> =>
    JSON.parse(JSON.stringify({ ...rest, markupPercent: 10, deliveryDefaults })) as Record<string, JsonValue>;

  beforeAll(async () => {
    const made = await tempDir('migrate-delivery');
    remove = made.remove;
    store = await openEmbeddedStore({ dataDir: made.dir });
  });
  afterAll(async () => {
    await store.close();
    await remove();
  });

  it('reads the old all-false defaults as the new defaults, keeping the rest', async () => {
    await store.putDoc(ref, legacy({ isBusiness: false, hasForklift: false, authorityToLeave: false }));
    const read = await createQuoteSettingsStore(store).get(tenant);
    expect(read.deliveryOptions).toEqual(DEFAULT_QUOTE_SETTINGS.deliveryOptions);
    expect(read.markupPercent).toBe(10);
    expect('deliveryDefaults' in read).toBe(false);
  });

  it('keeps what the merchant had set: business, a forklift on site, authority to leave', async () => {
    await store.putDoc(ref, legacy({ isBusiness: true, hasForklift: true, authorityToLeave: true }));
    const settings = createQuoteSettingsStore(store);
    const read = await settings.get(tenant);
    expect(read.deliveryOptions).toEqual({
      ...DEFAULT_QUOTE_SETTINGS.deliveryOptions,
      isBusiness: { how: 'assume', assume: true },
      tailLift: { how: 'assume', assume: false, overKg: 30 },
      authorityToLeave: { how: 'assume', assume: true },
    });
    await settings.put(tenant, read);
    const saved = (await store.getDoc(ref)) as Record<string, unknown>;
    expect(Object.keys(saved)).not.toContain('deliveryDefaults');
    expect(saved['deliveryOptions']).toEqual(read.deliveryOptions);
  });

  it('prefers deliveryOptions when a document has both', async () => {
    const options = { ...DEFAULT_QUOTE_SETTINGS.deliveryOptions, handUnload: { how: 'ask', assume: true } };
    await store.putDoc(ref, { ...legacy({ isBusiness: true }), deliveryOptions: options });
    expect((await createQuoteSettingsStore(store).get(tenant)).deliveryOptions).toEqual(options);
  });
});
