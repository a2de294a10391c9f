/** The header line: which column holds what, in which unit; every problem with it at once. */
import { parseLengthUnit, parseWeightUnit, type LengthUnit, type WeightUnit } from '../units.js';
import { PACKAGING_CSV_HEADER } from '../packaging-csv.js';
import type { ProblemList } from './problem-list.js';

type Dimension = 'lengthCm' | 'widthCm' | 'heightCm';

export type Column =
  | {
      readonly role:
        'sku' | 'variant_id' | 'package_type' | 'quantity' | 'locations' | 'consolidatable' | 'ships_alone';
    }
  | { readonly role: 'dimension'; readonly field: Dimension; readonly unit: LengthUnit }
  | { readonly role: 'weight'; readonly unit: WeightUnit };

export type NamedColumn = Column & { readonly name: string };

export interface Header {
  readonly columns: readonly NamedColumn[];
}

const PLAIN_COLUMNS = [
  'sku',
  'variant_id',
  'package_type',
  'quantity',
  'locations',
  'consolidatable',
  'ships_alone',
] as const;
const DIMENSION_FIELDS: ReadonlyMap<string, Dimension> = new Map([
  ['length', 'lengthCm'],
  ['width', 'widthCm'],
  ['height', 'heightCm'],
]);
const LENGTH_UNIT_HINT = 'mm, cm, m, in or yd';
const WEIGHT_UNIT_HINT = 'g, kg, lb or oz';

export function readHeader(
  cells: readonly string[],
  line: number,
  problems: ProblemList,
): Header | undefined {
  const columns: NamedColumn[] = [];
  const unknown: string[] = [];
  const seen = new Map<string, string>();
  let failed = false;
  const fail = (column: string, message: string) => {
    failed = true;
    problems.add({ line, column, message });
  };

  for (const cell of cells) {
    const column = namedColumn(cell.trim(), seen, unknown, fail);
    if (column) columns.push(column);
  }

  if (unknown.length > 0) {
    failed = true;
    problems.add({
      line,
      message: `Unknown column${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}. The columns are: ${PACKAGING_CSV_HEADER.join(', ')} (lengths and weight may name another unit, e.g. weight_g, length_mm).`,
    });
  }
  const missing = missingColumns(seen);
  if (missing.length > 0) {
    failed = true;
    problems.add({
      line,
      message: `Missing column${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}. Is the first line the header?`,
    });
  }
  return failed ? undefined : { columns };
}

/** The column a header cell names; a problem with it is reported and gives undefined. */
function namedColumn(
  name: string,
  seen: Map<string, string>,
  unknown: string[],
  fail: (column: string, message: string) => void,
): NamedColumn | undefined {
  const lower = name.toLowerCase();
  const column = readColumn(lower);
  if (column === 'no-unit') {
    const hint = lower === 'weight' ? WEIGHT_UNIT_HINT : LENGTH_UNIT_HINT;
    fail(
      name,
      `The column "${name}" needs its unit in the name, e.g. ${lower}_${lower === 'weight' ? 'kg' : 'cm'} (units: ${hint}).`,
    );
    return undefined;
  }
  if (column === 'bad-unit') {
    const [base] = lower.split('_');
    const hint = base === 'weight' ? WEIGHT_UNIT_HINT : LENGTH_UNIT_HINT;
    fail(name, `The unit in "${name}" is not one RateBridge converts; use ${base}_ followed by ${hint}.`);
    return undefined;
  }
  if (column === undefined) {
    unknown.push(name === '' ? '(a column with no name)' : `"${name}"`);
    return undefined;
  }
  const slot = column.role === 'dimension' ? column.field : column.role;
  const earlier = seen.get(slot);
  if (earlier !== undefined) {
    fail(name, `The columns "${earlier}" and "${name}" say the same thing; keep one.`);
    return undefined;
  }
  seen.set(slot, name);
  return { ...column, name };
}

function missingColumns(seen: ReadonlyMap<string, string>): string[] {
  const missing: string[] = [];
  if (!seen.has('sku') && !seen.has('variant_id')) missing.push('sku or variant_id');
  if (!seen.has('package_type')) missing.push('package_type');
  for (const [word, field] of DIMENSION_FIELDS) if (!seen.has(field)) missing.push(`${word}_cm`);
  if (!seen.has('weight')) missing.push('weight_kg');
  return missing;
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
