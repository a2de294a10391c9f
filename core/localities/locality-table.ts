/**
 * The locality reference table: read from au-localities.json on first use (never at import, so a
 * process that never validates a suburb never pays the ~100 ms and ~10 MB), then kept for the life of
 * the process with the indexes the lookups need.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AuState } from '../platforms/freight-platform.js';
import { localityFileSchema } from './locality-file.js';
import { suburbKey } from './suburb-name.js';

export interface AuLocality {
  /** Title Case, as Australia Post spells it: "Mount Kuring-Gai". */
  readonly suburb: string;
  /** Four digits: "0800". */
  readonly postcode: string;
  readonly state: AuState;
  readonly lat: number;
  readonly lng: number;
  /** A PO-box or large-volume-receiver postcode: a valid address, but not a street delivery area. */
  readonly postalOnly: boolean;
}

export interface LocalityTable {
  readonly rows: readonly AuLocality[];
  /** `suburbKey` of each row, by row index: computed once, not per search. */
  readonly keys: readonly string[];
  readonly byTriple: ReadonlyMap<string, AuLocality>;
  /** Street delivery areas first, so a lookup by (suburb, postcode) prefers them. */
  readonly bySuburbPostcode: ReadonlyMap<string, readonly AuLocality[]>;
  readonly statesByPostcode: ReadonlyMap<string, ReadonlySet<AuState>>;
  /** Every locality of a postcode, street delivery areas first (checkout resolves destinations by it). */
  readonly byPostcode: ReadonlyMap<string, readonly AuLocality[]>;
}

export const tripleKey = (suburb: string, postcode: string, state: string): string =>
  `${suburbKey(suburb)}|${postcode.trim()}|${state.trim().toUpperCase()}`;
export const suburbPostcodeKey = (suburb: string, postcode: string): string =>
  `${suburbKey(suburb)}|${postcode.trim()}`;

/**
 * Where the JSON is. tsc does not copy a file that is read rather than imported, so next to this module
 * is right under tsx and vitest (core/localities/) but not in the compiled server (dist/core/localities/);
 * from there the second candidate reaches back to the source tree, which ships beside dist/.
 */
const CANDIDATE_PATHS = [
  new URL('./au-localities.json', import.meta.url),
  new URL('../../../core/localities/au-localities.json', import.meta.url),
].map((url) => fileURLToPath(url));

let table: LocalityTable | undefined;

export function localityTable(): LocalityTable {
  table ??= loadTable();
  return table;
}

function loadTable(): LocalityTable {
  const path = CANDIDATE_PATHS.find((candidate) => existsSync(candidate));
  if (path === undefined) {
    const tried = CANDIDATE_PATHS.join(', ');
    throw new Error(
      `au-localities.json not found (tried ${tried}); run: npx tsx scripts/build-localities.ts`,
    );
  }
  const file = localityFileSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
  // A missing cell means a column is shorter than `suburb`: the file is corrupt, not the row optional.
  const cell = <T>(column: readonly T[], index: number): T => {
    const value = column[index];
    if (value === undefined) throw new Error(`${path} is corrupt: row ${index} is incomplete`);
    return value;
  };
  const postalOnly = new Set(file.postalOnly);
  const rows = file.suburb.map((suburb, index): AuLocality =>
    Object.freeze({
      suburb,
      postcode: cell(file.postcode, index),
      state: cell(file.states, cell(file.state, index)),
      lat: cell(file.lat, index),
      lng: cell(file.lng, index),
      postalOnly: postalOnly.has(index),
    }),
  );

  const byTriple = new Map<string, AuLocality>();
  const bySuburbPostcode = new Map<string, AuLocality[]>();
  const statesByPostcode = new Map<string, Set<AuState>>();
  const byPostcode = new Map<string, AuLocality[]>();
  for (const row of rows) {
    const inPostcode = byPostcode.get(row.postcode) ?? [];
    if (row.postalOnly) inPostcode.push(row);
    else inPostcode.unshift(row);
    byPostcode.set(row.postcode, inPostcode);
    byTriple.set(tripleKey(row.suburb, row.postcode, row.state), row);
    const pairKey = suburbPostcodeKey(row.suburb, row.postcode);
    const pair = bySuburbPostcode.get(pairKey) ?? [];
    if (row.postalOnly) pair.push(row);
    else pair.unshift(row);
    bySuburbPostcode.set(pairKey, pair);
    const states = statesByPostcode.get(row.postcode) ?? new Set<AuState>();
    states.add(row.state);
    statesByPostcode.set(row.postcode, states);
  }
  return {
    rows,
    keys: rows.map((row) => suburbKey(row.suburb)),
    byTriple,
    bySuburbPostcode,
    statesByPostcode,
    byPostcode,
  };
}
