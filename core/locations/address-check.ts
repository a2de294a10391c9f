/**
 * Offline checks of a pickup address against Australia Post's reference data (core/localities). Only the
 * impossible is refused: a state that is not an Australian state, a postcode that is not four digits, a
 * postcode no locality of the state uses. A suburb the data does not list with that postcode is a warning:
 * the data is not perfect, and the merchant knows their own warehouse.
 */
import type { ErrorDetail } from '../errors.js';
import {
  findLocality,
  postcodeMatchesState,
  searchLocalities,
  STATE_POSTCODE_RANGES,
  suburbKey,
} from '../localities/index.js';
import { AU_STATES, type AuState } from '../platforms/freight-platform.js';

/** The reference data, injectable so tests can pin its answers. */
export interface LocalityReference {
  findLocality(suburb: string, postcode: string, state: string): { readonly suburb: string } | undefined;
  postcodeMatchesState(postcode: string, state: string): boolean;
  searchLocalities(
    query: string,
    limit: number,
  ): readonly { readonly suburb: string; readonly postcode: string; readonly state: string }[];
}

export const AUSTRALIA_POST_LOCALITIES: LocalityReference = {
  findLocality,
  postcodeMatchesState,
  searchLocalities,
};

export interface AddressInput {
  readonly suburb: string;
  readonly postcode: string | number;
  readonly state: string;
}

export interface CheckedAddress {
  /** As the reference data spells it when listed ("Mount Kuring-Gai"), else as typed, trimmed. */
  readonly suburb: string;
  readonly postcode: string;
  readonly state: AuState;
}

export type AddressCheck =
  | {
      readonly ok: true;
      readonly address: CheckedAddress;
      /** Whether the reference data lists this suburb, postcode and state together. */
      readonly listed: boolean;
      readonly warnings: readonly string[];
    }
  | { readonly ok: false; readonly problems: readonly ErrorDetail[] };

const STATE_NAMES: ReadonlyMap<string, AuState> = new Map([
  ['AUSTRALIAN CAPITAL TERRITORY', 'ACT'],
  ['NEW SOUTH WALES', 'NSW'],
  ['NORTHERN TERRITORY', 'NT'],
  ['QUEENSLAND', 'QLD'],
  ['SOUTH AUSTRALIA', 'SA'],
  ['TASMANIA', 'TAS'],
  ['VICTORIA', 'VIC'],
  ['WESTERN AUSTRALIA', 'WA'],
]);

const MAX_SUBURB_LENGTH = 60;
const SUGGESTIONS = 5;

export function checkAddress(input: AddressInput, reference: LocalityReference): AddressCheck {
  const problems: ErrorDetail[] = [];
  const state = readState(input.state);
  if (state === undefined) {
    problems.push({
      path: 'state',
      message: `"${String(input.state).trim()}" is not an Australian state or territory; use one of ${AU_STATES.join(', ')}.`,
    });
  }

  const typedPostcode = String(input.postcode).trim();
  // Spreadsheets drop the leading zero of NT and ACT postcodes (0800 -> 800).
  const postcode =
    /^\d{3}$/.test(typedPostcode) &&
    state !== undefined &&
    reference.postcodeMatchesState(`0${typedPostcode}`, state)
      ? `0${typedPostcode}`
      : typedPostcode;
  if (!/^\d{4}$/.test(postcode)) {
    problems.push({
      path: 'postcode',
      message: `"${typedPostcode}" is not a postcode: Australian postcodes are 4 digits.`,
    });
  } else if (state !== undefined && !reference.postcodeMatchesState(postcode, state)) {
    problems.push({ path: 'postcode', message: wrongStateMessage(postcode, state, reference) });
  }

  const suburb = input.suburb.replace(/\s+/g, ' ').trim();
  if (suburb === '' || !/\p{L}/u.test(suburb)) {
    problems.push({ path: 'suburb', message: 'Enter the suburb or town.' });
  } else if (suburb.length > MAX_SUBURB_LENGTH) {
    problems.push({ path: 'suburb', message: `A suburb is at most ${MAX_SUBURB_LENGTH} characters.` });
  }
  if (problems.length > 0 || state === undefined) return { ok: false, problems };

  const listed = reference.findLocality(suburb, postcode, state);
  if (listed)
    return { ok: true, address: { suburb: listed.suburb, postcode, state }, listed: true, warnings: [] };
  return {
    ok: true,
    address: { suburb, postcode, state },
    listed: false,
    warnings: [unlistedMessage(suburb, postcode, state, reference)],
  };
}

function readState(value: string): AuState | undefined {
  const upper = String(value).replace(/\s+/g, ' ').trim().toUpperCase();
  if ((AU_STATES as readonly string[]).includes(upper)) return upper as AuState;
  return STATE_NAMES.get(upper);
}

function wrongStateMessage(postcode: string, state: AuState, reference: LocalityReference): string {
  const ranges = STATE_POSTCODE_RANGES[state]
    .map(([low, high]) => `${String(low).padStart(4, '0')}–${String(high).padStart(4, '0')}`)
    .join(', ');
  const owners = AU_STATES.filter(
    (other) => other !== state && reference.postcodeMatchesState(postcode, other),
  );
  const belongs = owners.length > 0 ? ` ${postcode} is in ${owners.join(' or ')}.` : '';
  return `${postcode} is not a ${state} postcode (${state} uses ${ranges}).${belongs}`;
}

function unlistedMessage(
  suburb: string,
  postcode: string,
  state: AuState,
  reference: LocalityReference,
): string {
  const key = suburbKey(suburb);
  const samePostcode = reference
    .searchLocalities(postcode, 100)
    .filter((locality) => locality.postcode === postcode && locality.state === state)
    .map((locality) => locality.suburb);
  const sameName = reference
    .searchLocalities(`${suburb} ${state}`, 20)
    .filter((locality) => suburbKey(locality.suburb) === key && locality.state === state)
    .map((locality) => `${locality.suburb} ${locality.postcode}`);
  const hints: string[] = [];
  if (sameName.length > 0)
    hints.push(`Australia Post lists ${[...new Set(sameName)].slice(0, SUGGESTIONS).join(', ')}.`);
  if (samePostcode.length > 0) {
    hints.push(
      `Suburbs with postcode ${postcode}: ${[...new Set(samePostcode)].slice(0, SUGGESTIONS).join(', ')}.`,
    );
  }
  return [
    `Australia Post's data does not list ${suburb} with postcode ${postcode} in ${state}; check the spelling, or carriers may not find it.`,
    ...hints,
  ].join(' ');
}
