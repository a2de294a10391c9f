import { describe, expect, it } from 'vitest';
import {
  AUSTRALIA_POST_LOCALITIES,
  checkAddress,
  type LocalityReference,
} from '../../../core/locations/address-check.js';

describe('checkAddress', () => {
  it('accepts a listed triple and spells it as the data does', () => {
    expect(
      checkAddress(
        { suburb: ' mount  kuring-gai ', postcode: '2080', state: 'nsw' },
        AUSTRALIA_POST_LOCALITIES,
      ),
    ).toEqual({
      ok: true,
      address: { suburb: 'Mount Kuring-Gai', postcode: '2080', state: 'NSW' },
      listed: true,
      warnings: [],
    });
  });

  it('refuses only the impossible, each on its field', () => {
    const result = checkAddress({ suburb: '123', postcode: '2O00', state: 'NZ' }, AUSTRALIA_POST_LOCALITIES);
    expect(result.ok ? [] : result.problems.map((p) => p.path)).toEqual(['state', 'postcode', 'suburb']);
  });

  it('reads full state names and nothing from the object prototype', () => {
    const victoria = checkAddress(
      { suburb: 'Richmond', postcode: '3121', state: ' victoria ' },
      AUSTRALIA_POST_LOCALITIES,
    );
    expect(victoria.ok && victoria.address.state).toBe('VIC');
    for (const state of ['constructor', '__proto__', 'toString']) {
      const result = checkAddress({ suburb: 'Sydney', postcode: '2000', state }, AUSTRALIA_POST_LOCALITIES);
      expect(result.ok ? [] : result.problems.map((p) => p.path)).toEqual(['state']);
    }
  });

  it('names the state a postcode belongs to', () => {
    const result = checkAddress(
      { suburb: 'Perth', postcode: '6000', state: 'SA' },
      AUSTRALIA_POST_LOCALITIES,
    );
    expect(result).toEqual({
      ok: false,
      problems: [
        { path: 'postcode', message: '6000 is not a SA postcode (SA uses 5000–5999). 6000 is in WA.' },
      ],
    });
  });

  it('pads a three-digit postcode only where the padded one belongs to the state', () => {
    const darwin = checkAddress(
      { suburb: 'Darwin', postcode: '800', state: 'NT' },
      AUSTRALIA_POST_LOCALITIES,
    );
    expect(darwin.ok && darwin.address.postcode).toBe('0800');
    const sydney = checkAddress(
      { suburb: 'Sydney', postcode: '200', state: 'NSW' },
      AUSTRALIA_POST_LOCALITIES,
    );
    expect(sydney.ok ? [] : sydney.problems.map((p) => p.message)).toEqual([
      '"200" is not a postcode: Australian postcodes are 4 digits.',
    ]);
  });

  it('warns, with the right spelling, when the suburb is listed elsewhere in the state', () => {
    const result = checkAddress(
      { suburb: 'Richmond', postcode: '3000', state: 'VIC' },
      AUSTRALIA_POST_LOCALITIES,
    );
    expect(result.ok && result.listed).toBe(false);
    expect(result.ok && result.warnings[0]).toContain('Australia Post lists Richmond 3121.');
  });

  it('asks the reference it is given', () => {
    const nothingListed: LocalityReference = {
      findLocality: () => undefined,
      postcodeMatchesState: () => true,
      searchLocalities: () => [],
    };
    const result = checkAddress({ suburb: 'Sydney', postcode: '2000', state: 'NSW' }, nothingListed);
    expect(result).toMatchObject({ ok: true, listed: false, address: { suburb: 'Sydney' } });
  });
});
