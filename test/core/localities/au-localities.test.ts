import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  coordinatesOf,
  distanceKm,
  findLocality,
  postcodeInStateRange,
  postcodeMatchesState,
  searchLocalities,
  toTitleCase,
} from '../../../core/localities/index.js';
import { localityTable } from '../../../core/localities/locality-table.js';

const label = (l: { suburb: string; postcode: string; state: string }) =>
  `${l.suburb} ${l.postcode} ${l.state}`;

describe('findLocality', () => {
  it('finds known triples whatever the case and spacing', () => {
    expect(findLocality('Sydney', '2000', 'NSW')).toMatchObject({
      suburb: 'Sydney',
      postcode: '2000',
      state: 'NSW',
    });
    expect(findLocality('  MELBOURNE ', '3000', 'vic')).toMatchObject({ suburb: 'Melbourne', state: 'VIC' });
  });

  it('trusts the dataset over the postcode ranges at the borders', () => {
    expect(findLocality('Mungindi', '2406', 'QLD')).toMatchObject({ state: 'QLD' });
    expect(findLocality('Mungindi', '2406', 'NSW')).toMatchObject({ state: 'NSW' });
    expect(findLocality('Jervis Bay', '2540', 'ACT')).toMatchObject({ suburb: 'Jervis Bay', state: 'ACT' });
    expect(findLocality('Ranken', '4825', 'NT')).toBeDefined();
  });

  it('treats curly and straight apostrophes as the same suburb', () => {
    expect(findLocality('O’Connor', '2602', 'ACT')).toMatchObject({ suburb: "O'Connor" });
  });

  it('rejects a triple that does not exist', () => {
    expect(findLocality('Sydney', '2000', 'VIC')).toBeUndefined();
    expect(findLocality('Sydney', '3000', 'NSW')).toBeUndefined();
    expect(findLocality('Nowhereville', '2000', 'NSW')).toBeUndefined();
  });
});

describe('postcodeMatchesState', () => {
  it('accepts postcodes inside the state ranges', () => {
    expect(postcodeMatchesState('2000', 'NSW')).toBe(true);
    expect(postcodeMatchesState('0200', 'ACT')).toBe(true);
    expect(postcodeMatchesState('2600', 'act')).toBe(true);
    expect(postcodeMatchesState('0800', 'NT')).toBe(true);
    expect(postcodeMatchesState('7000', 'TAS')).toBe(true);
  });

  it('accepts the border exceptions the dataset records', () => {
    expect(postcodeInStateRange('2406', 'QLD')).toBe(false);
    expect(postcodeMatchesState('2406', 'QLD')).toBe(true);
    expect(postcodeMatchesState('2540', 'ACT')).toBe(true);
    expect(postcodeMatchesState('0872', 'WA')).toBe(true);
    expect(postcodeMatchesState('0872', 'SA')).toBe(true);
    expect(postcodeMatchesState('4825', 'NT')).toBe(true);
    expect(postcodeMatchesState('2611', 'NSW')).toBe(true);
  });

  it('refuses a postcode of another state and anything malformed', () => {
    expect(postcodeMatchesState('2000', 'VIC')).toBe(false);
    expect(postcodeMatchesState('3000', 'NSW')).toBe(false);
    expect(postcodeMatchesState('2540', 'VIC')).toBe(false);
    expect(postcodeMatchesState('200', 'NSW')).toBe(false);
    expect(postcodeMatchesState('20000', 'NSW')).toBe(false);
    expect(postcodeMatchesState('2000', 'XYZ')).toBe(false);
  });
});

describe('searchLocalities', () => {
  it('puts the exact suburb first, then names starting with it, then later words', () => {
    const found = searchLocalities('melbourne', 50).map(label);
    expect(found[0]).toBe('Melbourne 3000 VIC');
    expect(found.indexOf('Melbourne Airport 3045 VIC')).toBeGreaterThan(0);
    expect(found.indexOf('East Melbourne 3002 VIC')).toBeGreaterThan(
      found.indexOf('Melbourne Airport 3045 VIC'),
    );
  });

  it('is case-insensitive and respects the limit', () => {
    expect(searchLocalities('SYD', 5)).toEqual(searchLocalities('syd', 5));
    expect(searchLocalities('syd', 5)).toHaveLength(5);
    expect(searchLocalities('   ', 5)).toEqual([]);
    expect(searchLocalities('syd', 0)).toEqual([]);
  });

  it('lists street delivery areas before PO-box postcodes', () => {
    const found = searchLocalities('sydney', 100);
    expect(label(found[0]!)).toBe('Sydney 2000 NSW');
    const firstPostal = found.findIndex((l) => l.postalOnly);
    expect(firstPostal).toBeGreaterThan(0);
    expect(found.slice(firstPostal).every((l) => l.postalOnly)).toBe(true);
  });

  it('searches by postcode prefix, in postcode order', () => {
    const exact = searchLocalities('2000', 20);
    expect(exact.length).toBeGreaterThan(1);
    expect(exact.every((l) => l.postcode === '2000')).toBe(true);
    const prefix = searchLocalities('08', 20).map((l) => l.postcode);
    expect(prefix[0]).toBe('0800');
    expect(prefix).toEqual([...prefix].sort());
  });

  it('narrows by a trailing state and postcode', () => {
    expect(label(searchLocalities('Perth WA', 5)[0]!)).toBe('Perth 6000 WA');
    expect(searchLocalities('Perth, TAS', 5).map(label)).toContain('Perth 7300 TAS');
    expect(searchLocalities('Richmond vic 3121', 5).map(label)[0]).toBe('Richmond 3121 VIC');
    expect(searchLocalities('Mungindi', 5).map(label)).toEqual(['Mungindi 2406 NSW', 'Mungindi 2406 QLD']);
  });
});

describe('coordinates and distance', () => {
  it('measures Sydney to Melbourne at about 713 km', () => {
    const sydney = coordinatesOf('Sydney', '2000')!;
    const melbourne = coordinatesOf('Melbourne', '3000', 'VIC')!;
    expect(distanceKm(sydney, melbourne)).toBeGreaterThan(693);
    expect(distanceKm(sydney, melbourne)).toBeLessThan(733);
    expect(distanceKm(melbourne, sydney)).toBeCloseTo(distanceKm(sydney, melbourne), 9);
    expect(distanceKm(sydney, sydney)).toBe(0);
  });

  it('measures Perth to Sydney at about 3,290 km', () => {
    const perth = coordinatesOf('Perth', '6000', 'WA')!;
    expect(distanceKm(perth, coordinatesOf('Sydney', '2000')!)).toBeGreaterThan(3200);
    expect(distanceKm(perth, coordinatesOf('Sydney', '2000')!)).toBeLessThan(3350);
  });

  it('knows nothing of a place that does not exist', () => {
    expect(coordinatesOf('Sydney', '3000')).toBeUndefined();
    expect(coordinatesOf('Sydney', '2000', 'QLD')).toBeUndefined();
  });
});

describe('the bundled table', () => {
  it('is compact and holds every state', () => {
    const bytes = statSync(new URL('../../../core/localities/au-localities.json', import.meta.url)).size;
    expect(bytes).toBeLessThan(1024 * 1024);
    const { rows } = localityTable();
    expect(rows.length).toBeGreaterThan(18_000);
    expect(new Set(rows.map((row) => row.state)).size).toBe(8);
  });

  it('has one row per triple, every one placed in Australia', () => {
    const { rows } = localityTable();
    expect(new Set(rows.map(label)).size).toBe(rows.length);
    const outside = rows.filter((row) => row.lat > -9 || row.lat < -55 || row.lng < 96 || row.lng > 169);
    expect(outside).toEqual([]);
  });
});

describe('toTitleCase', () => {
  it('writes suburb names as Australia Post does', () => {
    expect(toTitleCase('MOUNT KURING-GAI')).toBe('Mount Kuring-Gai');
    expect(toTitleCase("O'CONNOR")).toBe("O'Connor");
    expect(toTitleCase('MCMAHONS POINT')).toBe('McMahons Point');
    expect(toTitleCase('HOME ISLAND COCOS (KEELING) ISLANDS')).toBe('Home Island Cocos (Keeling) Islands');
    expect(toTitleCase('PERTH GPO')).toBe('Perth GPO');
    expect(toTitleCase("STUN'SAIL BOOM")).toBe("Stun'sail Boom");
  });
});
