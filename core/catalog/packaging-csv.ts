/**
 * The packaging CSV (docs/packaging-csv.md): reading a merchant's file into profiles, with every problem
 * reported on the file line it is on, and writing profiles back in the same format so an export imports
 * unchanged. Pure: no store, no clock; catalog.ts applies the result.
 */
import { PACKAGE_TYPES, type PackageType } from '../platforms/freight-platform.js';
import { nameKey } from '../locations/location-record.js';
import { formatCsv, parseCsv } from './csv-format.js';
import {
  MAX_PACKAGE_KINDS,
  MAX_LOCATIONS_PER_PROFILE,
  plausibilityProblems,
  skuKey,
  skuSchema,
  variantIdSchema,
  variantKey,
  type PackageField,
  type PackagingPackage,
  type PackagingProfile,
  type ProfileKey,
} from './packaging-profile.js';
import {
  decimalText,
  parseLengthUnit,
  parseWeightUnit,
  toCentimetres,
  toKilograms,
  type LengthUnit,
  type WeightUnit,
} from './units.js';

/** The header export writes and the documentation shows. */
export const PACKAGING_CSV_HEADER = [
  'sku',
  'variant_id',
  'package_type',
  'length_cm',
  'width_cm',
  'height_cm',
  'weight_kg',
  'quantity',
  'locations',
  'consolidatable',
] as const;

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

type Dimension = 'lengthCm' | 'widthCm' | 'heightCm';

type Column =
  | { readonly role: 'sku' | 'variant_id' | 'package_type' | 'quantity' | 'locations' | 'consolidatable' }
  | { readonly role: 'dimension'; readonly field: Dimension; readonly unit: LengthUnit }
  | { readonly role: 'weight'; readonly unit: WeightUnit };

const PLAIN_COLUMNS = [
  'sku',
  'variant_id',
  'package_type',
  'quantity',
  'locations',
  'consolidatable',
] as const;
const DIMENSION_FIELDS: ReadonlyMap<string, Dimension> = new Map([
  ['length', 'lengthCm'],
  ['width', 'widthCm'],
  ['height', 'heightCm'],
]);
const LENGTH_UNIT_HINT = 'mm, cm, m, in or yd';
const WEIGHT_UNIT_HINT = 'g, kg, lb or oz';

// --- reading -----------------------------------------------------------------------------------

export function readPackagingCsv(text: string, locations: readonly LocationRef[]): PackagingCsvRead {
  const problems = new ProblemList();
  if (Buffer.byteLength(text, 'utf8') > MAX_CSV_BYTES) {
    problems.add({
      line: 1,
      message: `The file is larger than ${MAX_CSV_BYTES / 1024 / 1024} MB: split it.`,
    });
    return problems.result();
  }
  const parsed = parseCsv(text);
  if (!parsed.ok) {
    problems.add({ line: parsed.line, message: parsed.message });
    return problems.result();
  }
  const [headerRecord, ...rows] = parsed.records;
  if (headerRecord === undefined) {
    problems.add({
      line: 1,
      message: `The file is empty. Its first line must be the header: ${PACKAGING_CSV_HEADER.join(',')}`,
    });
    return problems.result();
  }
  const header = readHeader(headerRecord.fields, headerRecord.line, problems);
  if (header === undefined) return problems.result();
  if (rows.length > MAX_CSV_ROWS) {
    const first = rows[MAX_CSV_ROWS];
    problems.add({
      line: first?.line ?? headerRecord.line,
      message: `The file has ${rows.length} rows; at most ${MAX_CSV_ROWS} are read at once. Split it.`,
    });
    return problems.result();
  }

  const resolveLocation = locationResolver(locations);
  const drafts: RowDraft[] = [];
  for (const record of rows) {
    const draft = readRow(record.fields, record.line, header, resolveLocation, problems);
    if (draft) drafts.push(draft);
  }
  const profiles = groupRows(drafts, problems);
  return problems.count > 0 ? problems.result() : { ok: true, profiles, rows: rows.length };
}

class ProblemList {
  private readonly kept: CsvProblem[] = [];
  count = 0;

  add(problem: CsvProblem): void {
    this.count += 1;
    if (this.kept.length < MAX_REPORTED_PROBLEMS) this.kept.push(problem);
  }

  result(): PackagingCsvRead {
    const problems = [...this.kept].sort((a, b) => a.line - b.line);
    return { ok: false, problems, moreProblems: this.count - this.kept.length };
  }
}

interface Header {
  readonly columns: readonly (Column & { readonly name: string })[];
}

function readHeader(cells: readonly string[], line: number, problems: ProblemList): Header | undefined {
  const columns: (Column & { name: string })[] = [];
  const unknown: string[] = [];
  const seen = new Map<string, string>();
  let failed = false;
  const fail = (column: string, message: string) => {
    failed = true;
    problems.add({ line, column, message });
  };

  for (const cell of cells) {
    const name = cell.trim();
    const lower = name.toLowerCase();
    const column = readColumn(lower);
    if (column === 'no-unit') {
      const hint = lower === 'weight' ? WEIGHT_UNIT_HINT : LENGTH_UNIT_HINT;
      fail(
        name,
        `The column "${name}" needs its unit in the name, e.g. ${lower}_${lower === 'weight' ? 'kg' : 'cm'} (units: ${hint}).`,
      );
      continue;
    }
    if (column === 'bad-unit') {
      const [base] = lower.split('_');
      const hint = base === 'weight' ? WEIGHT_UNIT_HINT : LENGTH_UNIT_HINT;
      fail(name, `The unit in "${name}" is not one RateBridge converts; use ${base}_ followed by ${hint}.`);
      continue;
    }
    if (column === undefined) {
      unknown.push(name === '' ? '(a column with no name)' : `"${name}"`);
      continue;
    }
    const slot = column.role === 'dimension' ? column.field : column.role;
    const earlier = seen.get(slot);
    if (earlier !== undefined) {
      fail(name, `The columns "${earlier}" and "${name}" say the same thing; keep one.`);
      continue;
    }
    seen.set(slot, name);
    columns.push({ ...column, name });
  }

  if (unknown.length > 0) {
    failed = true;
    problems.add({
      line,
      message: `Unknown column${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}. The columns are: ${PACKAGING_CSV_HEADER.join(', ')} (lengths and weight may name another unit, e.g. weight_g, length_mm).`,
    });
  }
  const missing: string[] = [];
  if (!seen.has('sku') && !seen.has('variant_id')) missing.push('sku or variant_id');
  if (!seen.has('package_type')) missing.push('package_type');
  for (const [word, field] of DIMENSION_FIELDS) if (!seen.has(field)) missing.push(`${word}_cm`);
  if (!seen.has('weight')) missing.push('weight_kg');
  if (missing.length > 0) {
    failed = true;
    problems.add({
      line,
      message: `Missing column${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}. Is the first line the header?`,
    });
  }
  return failed ? undefined : { columns };
}

function readColumn(name: string): Column | 'no-unit' | 'bad-unit' | undefined {
  if ((PLAIN_COLUMNS as readonly string[]).includes(name)) {
    return { role: name as (typeof PLAIN_COLUMNS)[number] };
  }
  if (name === 'weight' || DIMENSION_FIELDS.has(name)) return 'no-unit';
  const match = /^(length|width|height|weight)_(.+)$/.exec(name);
  if (!match) return undefined;
  const [, base = '', unitText = ''] = match;
  if (base === 'weight') {
    const unit = parseWeightUnit(unitText);
    return unit === undefined ? 'bad-unit' : { role: 'weight', unit };
  }
  const unit = parseLengthUnit(unitText);
  const field = DIMENSION_FIELDS.get(base);
  return unit === undefined || field === undefined ? 'bad-unit' : { role: 'dimension', field, unit };
}

interface RowDraft {
  readonly line: number;
  readonly key: ProfileKey;
  readonly sku?: string;
  readonly variantId?: string;
  readonly package?: PackagingPackage;
  /** Undefined when the cell is empty (inherits from the product's other rows). */
  readonly locationIds?: readonly string[];
  readonly consolidatable?: boolean;
}

const PACKAGE_ROLES = new Set(['package_type', 'dimension', 'weight', 'quantity']);

function readRow(
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
  const fail = (column: string, message: string) => problems.add({ line, column, message });
  let sku: string | undefined;
  let variantId: string | undefined;
  let type: PackageType | undefined;
  const numbers: Partial<Record<PackageField, number>> = {};
  const units: Partial<Record<PackageField, { column: string; unit: string }>> = {};
  let locationIds: string[] | undefined;
  let consolidatable: boolean | undefined;
  const packageCells: { column: string; empty: boolean }[] = [];

  for (const [index, column] of header.columns.entries()) {
    const cell = (fields[index] ?? '').trim();
    if (PACKAGE_ROLES.has(column.role)) packageCells.push({ column: column.name, empty: cell === '' });
    switch (column.role) {
      case 'sku': {
        if (cell === '') break;
        const parsed = skuSchema.safeParse(cell);
        if (parsed.success) sku = parsed.data;
        else fail(column.name, parsed.error.issues[0]?.message ?? 'Not a valid SKU.');
        break;
      }
      case 'variant_id': {
        if (cell === '') break;
        if (/^\d+(\.\d+)?e\+\d+$/i.test(cell)) {
          fail(
            column.name,
            `"${cell}" is a variant id a spreadsheet turned into scientific notation. Format the column as text and export again.`,
          );
          break;
        }
        const parsed = variantIdSchema.safeParse(cell);
        if (parsed.success) variantId = parsed.data;
        else fail(column.name, parsed.error.issues[0]?.message ?? 'Not a valid variant id.');
        break;
      }
      case 'package_type': {
        if (cell === '') break;
        const lower = cell.toLowerCase();
        if ((PACKAGE_TYPES as readonly string[]).includes(lower)) type = lower as PackageType;
        else fail(column.name, `"${cell}" is not a package type; use one of: ${PACKAGE_TYPES.join(', ')}.`);
        break;
      }
      case 'dimension':
      case 'weight': {
        if (cell === '') break;
        const problem = numberProblem(cell, column.name);
        if (problem) {
          fail(column.name, problem);
          break;
        }
        const field: PackageField = column.role === 'weight' ? 'weightKg' : column.field;
        const value =
          column.role === 'weight' ? toKilograms(cell, column.unit) : toCentimetres(cell, column.unit);
        if (value === undefined) fail(column.name, `"${cell}" is not a number.`);
        else {
          numbers[field] = value;
          units[field] = { column: column.name, unit: column.unit };
        }
        break;
      }
      case 'quantity': {
        if (cell === '') break;
        if (/^\d+$/.test(cell)) numbers.quantity = Number(cell);
        else fail(column.name, `"${cell}" is not a whole number of packages.`);
        break;
      }
      case 'locations': {
        if (cell === '') break;
        const ids: string[] = [];
        for (const ref of cell
          .split('|')
          .map((part) => part.trim())
          .filter(Boolean)) {
          const id = resolveLocation(ref);
          if (id === undefined) {
            fail(
              column.name,
              `There is no pickup location named "${ref}". Add it under Locations first, or fix the name.`,
            );
          } else if (!ids.includes(id)) ids.push(id);
        }
        if (ids.length > MAX_LOCATIONS_PER_PROFILE) {
          fail(column.name, `A product ships from at most ${MAX_LOCATIONS_PER_PROFILE} locations.`);
        }
        locationIds = ids;
        break;
      }
      case 'consolidatable': {
        if (cell === '') break;
        const value = readBoolean(cell);
        if (value === undefined) fail(column.name, `"${cell}" is not yes or no; write true or false.`);
        else consolidatable = value;
        break;
      }
    }
  }

  if (sku === undefined && variantId === undefined && problems.count === before) {
    fail('sku', 'Give a sku or a variant_id: the row says nothing about which product it packs.');
  }

  // A row with every package cell empty only sets locations or consolidation for the product.
  let pkg: PackagingPackage | undefined;
  const anyPackageCell = packageCells.some((cell) => !cell.empty);
  if (anyPackageCell) {
    for (const cell of packageCells) {
      if (cell.empty && !/^quantity$/i.test(cell.column)) fail(cell.column, 'This cell is empty.');
    }
    const { lengthCm, widthCm, heightCm, weightKg } = numbers;
    if (
      problems.count === before &&
      type !== undefined &&
      lengthCm !== undefined &&
      widthCm !== undefined &&
      heightCm !== undefined &&
      weightKg !== undefined
    ) {
      const candidate = { type, lengthCm, widthCm, heightCm, weightKg, quantity: numbers.quantity ?? 1 };
      for (const problem of plausibilityProblems(candidate)) {
        const source = units[problem.field];
        fail(source?.column ?? 'quantity', problem.message + unitHint(problem.field, source?.unit));
      }
      pkg = candidate;
    }
  }
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
  };
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

/** The column name that would make an implausible value right, when the column used the default unit. */
function unitHint(field: PackageField, unit: string | undefined): string {
  if (field === 'weightKg' && unit === 'kg') return ' If so, name the column weight_g.';
  if (field !== 'weightKg' && field !== 'quantity' && unit === 'cm') {
    const word = field.replace('Cm', '');
    return ` If so, name the column ${word}_mm (or ${word}_m for metres).`;
  }
  return '';
}

function readBoolean(cell: string): boolean | undefined {
  const lower = cell.toLowerCase();
  if (['true', 'yes', 'y', '1'].includes(lower)) return true;
  if (['false', 'no', 'n', '0'].includes(lower)) return false;
  return undefined;
}

function locationResolver(locations: readonly LocationRef[]): (ref: string) => string | undefined {
  const byId = new Map(locations.map((location) => [location.id, location.id]));
  const byName = new Map(locations.map((location) => [nameKey(location.name), location.id]));
  return (ref) => byId.get(ref) ?? byName.get(nameKey(ref));
}

/** Rows of one product become one profile; its rows must not contradict each other. */
function groupRows(drafts: readonly RowDraft[], problems: ProblemList): ProfileDraft[] {
  interface Group {
    readonly key: ProfileKey;
    readonly firstLine: number;
    sku?: { value: string; line: number };
    variantId?: string;
    locations?: { ids: readonly string[]; line: number };
    consolidatable?: { value: boolean; line: number };
    readonly packages: PackagingPackage[];
  }
  const groups = new Map<ProfileKey, Group>();
  for (const draft of drafts) {
    let group = groups.get(draft.key);
    if (!group) {
      group = { key: draft.key, firstLine: draft.line, packages: [] };
      if (draft.variantId !== undefined) group.variantId = draft.variantId;
      groups.set(draft.key, group);
    }
    if (draft.sku !== undefined) {
      if (group.sku === undefined) group.sku = { value: draft.sku, line: draft.line };
      else if (group.sku.value !== draft.sku) {
        problems.add({
          line: draft.line,
          column: 'sku',
          message: `This variant has the SKU "${group.sku.value}" on line ${group.sku.line}; a variant has one SKU.`,
        });
      }
    }
    if (draft.locationIds !== undefined) {
      if (group.locations === undefined) group.locations = { ids: draft.locationIds, line: draft.line };
      else if (!sameSet(group.locations.ids, draft.locationIds)) {
        problems.add({
          line: draft.line,
          column: 'locations',
          message: `Different locations from line ${group.locations.line} for the same product. Give all its rows the same locations, or leave them empty after the first.`,
        });
      }
    }
    if (draft.consolidatable !== undefined) {
      if (group.consolidatable === undefined) {
        group.consolidatable = { value: draft.consolidatable, line: draft.line };
      } else if (group.consolidatable.value !== draft.consolidatable) {
        problems.add({
          line: draft.line,
          column: 'consolidatable',
          message: `Differs from line ${group.consolidatable.line} for the same product. Give all its rows the same value, or leave it empty after the first.`,
        });
      }
    }
    if (draft.package) {
      group.packages.push(draft.package);
      if (group.packages.length === MAX_PACKAGE_KINDS + 1) {
        problems.add({
          line: draft.line,
          message: `More than ${MAX_PACKAGE_KINDS} package rows for one product (from line ${group.firstLine}). Use the quantity column for identical packages.`,
        });
      }
    }
  }
  return [...groups.values()].map((group) => ({
    key: group.key,
    ...(group.sku === undefined ? {} : { sku: group.sku.value }),
    ...(group.variantId === undefined ? {} : { variantId: group.variantId }),
    packages: group.packages,
    locationIds: group.locations?.ids ?? [],
    consolidatable: group.consolidatable?.value ?? false,
  }));
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value) => b.includes(value));
}

// --- writing -----------------------------------------------------------------------------------

/**
 * The documented header, then one row per package (a profile without packages gets one row with its
 * package cells empty). Locations are written by name, or by id where a name holds a `|`; ids of locations
 * that no longer exist are left out, since they could not be imported. A BOM leads so that spreadsheets
 * open non-ASCII SKUs correctly; the reader skips it.
 */
export function writePackagingCsv(
  profiles: readonly PackagingProfile[],
  locations: readonly LocationRef[],
): string {
  const label = new Map(
    locations.map((location) => [location.id, location.name.includes('|') ? location.id : location.name]),
  );
  const rows: string[][] = [[...PACKAGING_CSV_HEADER]];
  for (const profile of profiles) {
    const shared = {
      sku: profile.sku ?? '',
      variant: profile.variantId ?? '',
      locations: profile.locationIds.flatMap((id) => label.get(id) ?? []).join('|'),
      consolidatable: profile.consolidatable ? 'true' : 'false',
    };
    const packages = profile.packages.length > 0 ? profile.packages : [undefined];
    for (const pkg of packages) {
      rows.push([
        shared.sku,
        shared.variant,
        pkg?.type ?? '',
        pkg ? decimalText(pkg.lengthCm) : '',
        pkg ? decimalText(pkg.widthCm) : '',
        pkg ? decimalText(pkg.heightCm) : '',
        pkg ? decimalText(pkg.weightKg) : '',
        pkg ? String(pkg.quantity) : '',
        shared.locations,
        shared.consolidatable,
      ]);
    }
  }
  return formatCsv(rows, { bom: true });
}
