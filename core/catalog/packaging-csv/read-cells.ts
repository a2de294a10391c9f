/** The cells of one row read by their column's role; each problem is reported on its cell. */
import { PACKAGE_TYPES, type PackageType } from '../../platforms/freight-platform.js';
import {
  MAX_LOCATIONS_PER_PROFILE,
  skuSchema,
  variantIdSchema,
  type PackageField,
} from '../packaging-profile.js';
import { toCentimetres, toKilograms } from '../units.js';
import type { NamedColumn } from './read-header.js';

export interface RowCells {
  sku?: string;
  variantId?: string;
  type?: PackageType;
  readonly numbers: Partial<Record<PackageField, number>>;
  readonly units: Partial<Record<PackageField, { column: string; unit: string }>>;
  locationIds?: string[];
  consolidatable?: boolean;
  shipsAlone?: boolean;
  readonly packageCells: { column: string; empty: boolean }[];
}

type Fail = (column: string, message: string) => void;
type ResolveLocation = (ref: string) => string | undefined;

const PACKAGE_ROLES = new Set(['package_type', 'dimension', 'weight', 'quantity']);

export function readCells(
  fields: readonly string[],
  columns: readonly NamedColumn[],
  resolveLocation: ResolveLocation,
  fail: Fail,
): RowCells {
  const cells: RowCells = { numbers: {}, units: {}, packageCells: [] };
  for (const [index, column] of columns.entries()) {
    const cell = (fields[index] ?? '').trim();
    if (PACKAGE_ROLES.has(column.role)) cells.packageCells.push({ column: column.name, empty: cell === '' });
    // An empty cell says nothing (a product's later rows may leave shared cells empty).
    if (cell !== '') readCell(cells, column, cell, (message) => fail(column.name, message), resolveLocation);
  }
  return cells;
}

function readCell(
  cells: RowCells,
  column: NamedColumn,
  cell: string,
  fail: (message: string) => void,
  resolveLocation: ResolveLocation,
): void {
  switch (column.role) {
    case 'sku': {
      const parsed = skuSchema.safeParse(cell);
      if (parsed.success) cells.sku = parsed.data;
      else fail(parsed.error.issues[0]?.message ?? 'Not a valid SKU.');
      return;
    }
    case 'variant_id':
      return readVariantId(cells, cell, fail);
    case 'package_type': {
      const lower = cell.toLowerCase();
      if ((PACKAGE_TYPES as readonly string[]).includes(lower)) cells.type = lower as PackageType;
      else fail(`"${cell}" is not a package type; use one of: ${PACKAGE_TYPES.join(', ')}.`);
      return;
    }
    case 'dimension':
    case 'weight':
      return readMeasure(cells, column, cell, fail);
    case 'quantity':
      if (/^\d+$/.test(cell)) cells.numbers.quantity = Number(cell);
      else fail(`"${cell}" is not a whole number of packages.`);
      return;
    case 'locations':
      cells.locationIds = readLocations(cell, fail, resolveLocation);
      return;
    case 'consolidatable':
    case 'ships_alone': {
      const value = readBoolean(cell);
      if (value === undefined) fail(`"${cell}" is not yes or no; write true or false.`);
      else if (column.role === 'consolidatable') cells.consolidatable = value;
      else cells.shipsAlone = value;
      return;
    }
  }
}

function readVariantId(cells: RowCells, cell: string, fail: (message: string) => void): void {
  if (/^\d+(\.\d+)?e\+\d+$/i.test(cell)) {
    fail(
      `"${cell}" is a variant id a spreadsheet turned into scientific notation. Format the column as text and export again.`,
    );
    return;
  }
  const parsed = variantIdSchema.safeParse(cell);
  if (parsed.success) cells.variantId = parsed.data;
  else fail(parsed.error.issues[0]?.message ?? 'Not a valid variant id.');
}

/** A length or the weight, converted from the column's unit to centimetres or kilograms. */
function readMeasure(
  cells: RowCells,
  column: NamedColumn & { readonly role: 'dimension' | 'weight' },
  cell: string,
  fail: (message: string) => void,
): void {
  const problem = numberProblem(cell, column.name);
  if (problem) {
    fail(problem);
    return;
  }
  const field: PackageField = column.role === 'weight' ? 'weightKg' : column.field;
  const value = column.role === 'weight' ? toKilograms(cell, column.unit) : toCentimetres(cell, column.unit);
  if (value === undefined) fail(`"${cell}" is not a number.`);
  else {
    cells.numbers[field] = value;
    cells.units[field] = { column: column.name, unit: column.unit };
  }
}

/** `Sydney DC|Melbourne`: locations by name (or id), each once. */
function readLocations(
  cell: string,
  fail: (message: string) => void,
  resolveLocation: ResolveLocation,
): string[] {
  const ids: string[] = [];
  for (const ref of cell
    .split('|')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const id = resolveLocation(ref);
    if (id === undefined) {
      fail(`There is no pickup location named "${ref}". Add it under Locations first, or fix the name.`);
    } else if (!ids.includes(id)) ids.push(id);
  }
  if (ids.length > MAX_LOCATIONS_PER_PROFILE) {
    fail(`A product ships from at most ${MAX_LOCATIONS_PER_PROFILE} locations.`);
  }
  return ids;
}

/** What is wrong with a number cell, said so the merchant can fix it; undefined when it reads. */
function numberProblem(cell: string, column: string): string | undefined {
  if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(cell)) return undefined;
  if (/^\d+,\d+$/.test(cell)) {
    return `"${cell}": write numbers with a point for decimals and no thousands separator (1.5, 1200).`;
  }
  if (/^[+-]?(\d+\.?\d*|\.\d+)\s*[a-z"'′″]+$/i.test(cell)) {
    return `"${cell}" has a unit in it. Write only the number; the unit belongs in the column name (${column}).`;
  }
  return `"${cell}" is not a number.`;
}

function readBoolean(cell: string): boolean | undefined {
  const lower = cell.toLowerCase();
  if (['true', 'yes', 'y', '1'].includes(lower)) return true;
  if (['false', 'no', 'n', '0'].includes(lower)) return false;
  return undefined;
}
