/**
 * The embedded store's snapshot, stringified a slice at a time, is exactly JSON.stringify's text (recovery
 * parses it with JSON.parse), for any state; and a large one lets the event loop run while it is written.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { snapshotText, type SnapshotParts } from '../../../core/storage/snapshot-text.js';
import type { JsonValue } from '../../../core/storage/store.js';

const json = fc.jsonValue() as fc.Arbitrary<JsonValue>;
const key = fc.string({ maxLength: 12 });
const body: fc.Arbitrary<SnapshotParts> = fc.record(
  {
    docs: fc.dictionary(key, fc.dictionary(key, fc.dictionary(key, json, { maxKeys: 4 }), { maxKeys: 3 })),
    lists: fc.dictionary(key, fc.dictionary(key, fc.array(json, { maxLength: 80 }), { maxKeys: 3 })),
    onces: fc.dictionary(key, fc.integer()),
  },
  { requiredKeys: ['docs', 'lists'] },
);

describe('the embedded store snapshot text', () => {
  it('is JSON.stringify of the same body', async () => {
    await fc.assert(
      fc.asyncProperty(body, async (parts) => {
        expect(await snapshotText(parts)).toBe(JSON.stringify(parts));
      }),
      { numRuns: 200 },
    );
  });

  it('lets other work run while a large rate log is written', async () => {
    const entry = { id: 'x'.repeat(24), request: { lines: Array.from({ length: 40 }, (_, i) => ({ i })) } };
    const lists = { shop: { 'rate-log': Array.from({ length: 20_000 }, () => entry) } };
    let turns = 0;
    const ticker = setInterval(() => turns++, 0);
    try {
      const text = await snapshotText({ docs: {}, lists });
      expect(text.length).toBeGreaterThan(5_000_000);
    } finally {
      clearInterval(ticker);
    }
    expect(turns).toBeGreaterThan(0);
  });
});
