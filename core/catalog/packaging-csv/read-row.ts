/** One data row: its cells read, then the package they describe checked as a whole. */
import {
  plausibilityProblems,
  skuKey,
  variantKey,
  type PackageField,
  type PackagingPackage,
  type ProfileKey,
} from '../packaging-profile.js';
import type { ProblemList } from './problem-list.js';
import { readCells, type RowCells } from './read-cells.js';
import type { Header } from './read-header.js';

export interface RowDraft {
  readonly line: number;
  readonly key: ProfileKey;
  readonly sku?: string;
  readonly variantId?: string;
  readonly package?: PackagingPackage;
  /** Undefined when the cell is empty (inherits from the product's other rows). */
  readonly locationIds?: readonly string[];
  readonly consolidatable?: boolean;
  readonly shipsAlone?: boolean;
}

type Fail = (column: string, message: string) => void;

export function readRow(
  fields: readonly string[],
  line: number,
  header: Header,
  resolveLocation: (ref: string) => string | undefined,
  problems: ProblemList,
): RowDraft | undefined {
  const width = header.columns.length;
  // Strict: accepting extra empty fields would read "DESK, OAK,…" shifted by one column, unnoticed.
  if (fields.length !== width) {
    problems.add({
      line,
      message: `This row has ${fields.length} fields but the header has ${width}. A value containing a comma must be in double quotes; extra commas at the end of a row count as fields.`,
    });
    return undefined;
  }
  const before = problems.count;
  const fail: Fail = (column, message) => problems.add({ line, column, message });
  const cells = readCells(fields, header.columns, resolveLocation, fail);
  const { sku, variantId, locationIds, consolidatable, shipsAlone } = cells;
  if (sku === undefined && variantId === undefined && problems.count === before) {
    fail('sku', 'Give a sku or a variant_id: the row says nothing about which product it packs.');
  }
  const pkg = rowPackage(cells, fail, () => problems.count === before);
  if (problems.count > before) return undefined;

  const key = variantId !== undefined ? variantKey(variantId) : skuKey(sku as string);
  return {
    line,
    key,
    ...(sku === undefined ? {} : { sku }),
    ...(variantId === undefined ? {} : { variantId }),
    ...(pkg === undefined ? {} : { package: pkg }),
    ...(locationIds === undefined ? {} : { locationIds }),
    ...(consolidatable === undefined ? {} : { consolidatable }),
    ...(shipsAlone === undefined ? {} : { shipsAlone }),
  };
}

/**
 * The package the row describes, when its cells are all there and read cleanly (`clean`). A row with
 * every package cell empty only sets the product's locations, consolidation or ships alone.
 */
function rowPackage(cells: RowCells, fail: Fail, clean: () => boolean): PackagingPackage | undefined {
  const anyPackageCell = cells.packageCells.some((cell) => !cell.empty);
  if (!anyPackageCell) return undefined;
  for (const cell of cells.packageCells) {
    if (cell.empty && !/^quantity$/i.test(cell.column)) fail(cell.column, 'This cell is empty.');
  }
  const { type, numbers, units } = cells;
  const { lengthCm, widthCm, heightCm, weightKg } = numbers;
  if (
    !clean() ||
    type === undefined ||
    lengthCm === undefined ||
    widthCm === undefined ||
    heightCm === undefined ||
    weightKg === undefined
  ) {
    return undefined;
  }
  const candidate = { type, lengthCm, widthCm, heightCm, weightKg, quantity: numbers.quantity ?? 1 };
  for (const problem of plausibilityProblems(candidate)) {
    const source = units[problem.field];
    fail(source?.column ?? 'quantity', problem.message + unitHint(problem.field, source?.unit));
  }
  return candidate;
}

/** The column name that would make an implausible value right, when the column used the default unit. */
function unitHint(field: PackageField, unit: string | undefined): string {
  if (field === 'weightKg' && unit === 'kg') return ' If so, name the column weight_g.';
  if (field !== 'weightKg' && field !== 'quantity' && unit === 'cm') {
    const word = field.replace('Cm', '');
    return ` If so, name the column ${word}_mm (or ${word}_m for metres).`;
  }
  return '';
}
