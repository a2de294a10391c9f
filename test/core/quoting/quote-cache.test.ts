/**
 * How long the quote cache keeps an answer, on the real embedded store with its clock moved: a complete
 * good answer for its whole keep (fresh then stale), one missing rates for a passing reason (a depot that
 * did not land in time: `QuoteResult.incomplete`) a minute at most, so those rates are asked for again soon.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cents } from '../../../core/money.js';
import type { QuoteOption, QuoteResult } from '../../../core/platforms/freight-platform.js';
import { readCachedQuote, rememberQuote } from '../../../core/quoting/quote-cache.js';
import { openEmbeddedStore, type EmbeddedStore } from '../../../core/storage/embedded-store.js';
import { tempDir } from '../../support/temp-dir.js';

const TEN_MINUTES = 10 * 60 * 1000;
const option: QuoteOption = {
  key: 'bigpost:7:STD:HDS',
  carrier: { id: '7', name: 'Couriers Please' },
  service: { code: 'STD', name: 'Standard' },
  totalCents: cents(1010),
  taxCents: cents(92),
};

describe('the quote cache keeps', () => {
  let now = Date.parse('2026-12-04T10:00:00Z');
  let store: EmbeddedStore;
  let remove: () => Promise<void>;

  beforeEach(async () => {
    const dir = await tempDir('quote-cache');
    remove = dir.remove;
    store = await openEmbeddedStore({ dataDir: dir.dir, now: () => now });
  });
  afterEach(async () => {
    await store.close();
    await remove();
  });

  const keptAfter = async (result: QuoteResult, ms: number) => {
    await rememberQuote(store, 'k', { result, at: now }, TEN_MINUTES);
    now += ms;
    return (await readCachedQuote(store, 'k')) !== undefined;
  };

  it('a complete answer for its whole keep', async () => {
    expect(await keptAfter({ ok: true, value: [option] }, 5 * 60 * 1000)).toBe(true);
  });

  it('an answer missing depot rates a minute, not the whole keep', async () => {
    expect(await keptAfter({ ok: true, value: [option], incomplete: true }, 59_000)).toBe(true);
    now += 2_000;
    expect(await readCachedQuote(store, 'k')).toBeUndefined();
  });
});
