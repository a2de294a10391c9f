/**
 * The packaging CSV (docs/packaging-csv.md): reading a merchant's file into profiles, with every problem
 * reported on the file line it is on, and writing profiles back in the same format so an export imports
 * unchanged. Pure: no store, no clock; the catalog's import-csv.ts applies the result.
 *
 * This file holds the format's contract (header, limits, results); the reading and the writing are in
 * packaging-csv/, one step per file.
 */
import type { PackagingProfile } from './packaging-profile.js';

/** The header export writes and the documentation shows (in core/wire, since the admin UI shows it too). */
export { PACKAGING_CSV_HEADER } from '../wire/vocabulary.js';

export const MAX_CSV_BYTES = 5 * 1024 * 1024;
export const MAX_CSV_ROWS = 20_000;
/** More than this many problems are summarised: nobody reads a list of 20,000. */
export const MAX_REPORTED_PROBLEMS = 100;

export interface CsvProblem {
  /** The file's own line number; the header is line 1 and blank lines count. */
  readonly line: number;
  /** The column as the file names it, when the problem is in one cell. */
  readonly column?: string;
  readonly message: string;
}

/** A profile read from the file, not yet stored (no `updatedAt`). */
export type ProfileDraft = Omit<PackagingProfile, 'updatedAt'>;

export type PackagingCsvRead =
  | { readonly ok: true; readonly profiles: readonly ProfileDraft[]; readonly rows: number }
  | { readonly ok: false; readonly problems: readonly CsvProblem[]; readonly moreProblems: number };

export interface LocationRef {
  readonly id: string;
  readonly name: string;
}
