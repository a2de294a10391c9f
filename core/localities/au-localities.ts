/**
 * Offline answers about Australian localities, from the bundled reference table: suburb search for
 * autocomplete, suburb/postcode/state validation of addresses, and coordinates for distance pricing.
 * Every function is synchronous; the first call loads the table (locality-table.ts).
 */
import { isAuState, type AuState } from '../platforms/freight-platform.js';
import type { Coordinates } from './distance.js';
import { type AuLocality, localityTable, suburbPostcodeKey, tripleKey } from './locality-table.js';
import { postcodeInStateRange } from './postcode-ranges.js';
import { suburbKey } from './suburb-name.js';

export const DEFAULT_SEARCH_LIMIT = 20;
export const MAX_SEARCH_LIMIT = 100;

/** One reading of what was typed: a suburb prefix, optionally narrowed by a postcode prefix and a state. */
interface SearchTerms {
  readonly name?: string;
  readonly postcode?: string;
  readonly state?: AuState;
}

/**
 * Suburbs whose name starts with the query, or postcodes that do, best first. "Richmond vic 3121",
 * "Perth, WA" and "2000" all work; a trailing state or postcode narrows the match.
 *
 * Ranking: street delivery areas before PO-box/large-volume postcodes; then an exact name before a name
 * that starts with the query before a later word that does ("Melbourne" -> Melbourne, Melbourne Airport,
 * then East Melbourne); the query read literally before it read with a trailing state; then
 * alphabetically (by postcode first for a postcode query).
 */
export function searchLocalities(query: string, limit = DEFAULT_SEARCH_LIMIT): AuLocality[] {
  const words = suburbKey(query.replace(/,/g, ' ')).split(' ').filter(Boolean);
  const max = Math.min(Math.max(Math.trunc(limit), 0), MAX_SEARCH_LIMIT);
  if (words.length === 0 || max === 0) return [];

  const readings = interpret(words);
  const { rows, keys } = localityTable();
  const ranks = new Map<number, number>();
  for (const [reading, terms] of readings.entries()) {
    for (let index = 0; index < rows.length; index += 1) {
      const row = rows[index];
      const key = keys[index];
      if (row === undefined || key === undefined) continue;
      const tier = matchTier(row, key, terms);
      if (tier === undefined) continue;
      // The literal reading wins a tie: "Port Sa" lists Port Samson before Port Adelaide (SA).
      const rank = (row.postalOnly ? 6 : 0) + tier * 2 + (reading === 0 ? 0 : 1);
      ranks.set(index, Math.min(ranks.get(index) ?? rank, rank));
    }
  }

  const postcodeFirst = readings.every((terms) => terms.name === undefined);
  return [...ranks]
    .sort(([a, rankA], [b, rankB]) => {
      if (rankA !== rankB) return rankA - rankB;
      const nameOrder = compare(keys[a] ?? '', keys[b] ?? '');
      const postcodeOrder = compare(rows[a]?.postcode ?? '', rows[b]?.postcode ?? '');
      return (postcodeFirst ? postcodeOrder || nameOrder : nameOrder || postcodeOrder) || a - b;
    })
    .slice(0, max)
    .flatMap(([index]) => rows[index] ?? []);
}

function interpret(words: readonly string[]): SearchTerms[] {
  const readings: SearchTerms[] = [];
  const all = words.join(' ');
  readings.push(/^\d{1,4}$/.test(all) ? { postcode: all } : { name: all });

  // Peel a trailing postcode and state (either order) off the end: "Richmond VIC 3121", "Sydney 2000 NSW".
  const rest = [...words];
  let postcode: string | undefined;
  let state: AuState | undefined;
  for (let peeled = 0; peeled < 2 && rest.length > 0; peeled += 1) {
    const last = rest[rest.length - 1] ?? '';
    if (postcode === undefined && /^\d{1,4}$/.test(last)) postcode = last;
    else if (state === undefined && isAuState(last)) state = last;
    else break;
    rest.pop();
  }
  const name = rest.length > 0 ? rest.join(' ') : undefined;
  if ((postcode !== undefined || state !== undefined) && (name !== undefined || postcode !== undefined)) {
    readings.push({ name, postcode, state });
  }
  return readings;
}

/** 0 exact, 1 prefix, 2 a later word starts with it; undefined for no match. */
function matchTier(row: AuLocality, key: string, terms: SearchTerms): number | undefined {
  if (terms.state !== undefined && row.state !== terms.state) return undefined;
  if (terms.postcode !== undefined && !row.postcode.startsWith(terms.postcode)) return undefined;
  if (terms.name === undefined) return row.postcode === terms.postcode ? 0 : 1;
  if (key === terms.name) return 0;
  if (key.startsWith(terms.name)) return 1;
  const name = terms.name;
  return [' ', '-', '('].some((separator) => key.includes(separator + name)) ? 2 : undefined;
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The locality with exactly this suburb, postcode and state (suburb compared case- and
 * apostrophe-insensitively); undefined when the triple does not exist. The dataset is trusted over the
 * postcode ranges: Mungindi 2406 QLD and Jervis Bay 2540 ACT are found.
 */
export function findLocality(suburb: string, postcode: string, state: string): AuLocality | undefined {
  return localityTable().byTriple.get(tripleKey(suburb, postcode, state));
}

/**
 * Whether the postcode can belong to the state: inside the state's ranges (answered without loading the
 * table), or used by at least one locality of that state in the dataset (the border exceptions).
 */
export function postcodeMatchesState(postcode: string, state: string): boolean {
  const code = postcode.trim();
  const upper = state.trim().toUpperCase();
  if (!/^\d{4}$/.test(code) || !isAuState(upper)) return false;
  return (
    postcodeInStateRange(code, upper) || (localityTable().statesByPostcode.get(code)?.has(upper) ?? false)
  );
}

/**
 * Where a suburb is. Without a state, a postcode shared across a border (Mungindi 2406 NSW and QLD)
 * answers with its street delivery area.
 */
export function coordinatesOf(suburb: string, postcode: string, state?: string): Coordinates | undefined {
  const table = localityTable();
  const locality =
    state === undefined
      ? table.bySuburbPostcode.get(suburbPostcodeKey(suburb, postcode))?.[0]
      : table.byTriple.get(tripleKey(suburb, postcode, state));
  return locality === undefined ? undefined : { lat: locality.lat, lng: locality.lng };
}

/** Every locality with this postcode, street delivery areas first; empty for an unknown postcode. */
export function localitiesInPostcode(postcode: string): readonly AuLocality[] {
  return localityTable().byPostcode.get(postcode.trim()) ?? [];
}
