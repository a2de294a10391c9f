/**
 * Weights and lengths into RateBridge's units (kg, cm), exactly. Shop platforms and spreadsheets state
 * weights in g, kg, lbs or oz and lengths in mm, cm, m, in or yd (WooCommerce's own unit settings); the
 * freight platforms take kg and cm.
 *
 * Exact means: the value is read as a decimal (never as a binary float), multiplied by the exact
 * definition of the unit (1 lb = 0.45359237 kg, 1 oz = 0.028349523125 kg, 1 in = 2.54 cm, 1 yd = 91.44 cm)
 * in integer arithmetic, rounded half away from zero to 12 decimal places, and only then turned into the
 * nearest double. So `toKilograms('1', 'oz')` is the literal 0.028349523125 and `toCentimetres('0.3', 'm')`
 * is 30, where float multiplication would give 0.30000000000000004-style noise. 1e-12 kg and 1e-12 cm are
 * far below anything a carrier measures.
 */

import type { LengthUnit, WeightUnit } from '../wire/vocabulary.js';

export type { LengthUnit, WeightUnit } from '../wire/vocabulary.js';

/** value = digits / 10^scale, exactly. */
interface Decimal {
  readonly digits: bigint;
  readonly scale: number;
}

const DECIMAL_PLACES = 12;

const KILOGRAMS_PER: Readonly<Record<WeightUnit, Decimal>> = {
  g: { digits: 1n, scale: 3 },
  kg: { digits: 1n, scale: 0 },
  lbs: { digits: 45359237n, scale: 8 },
  oz: { digits: 28349523125n, scale: 12 },
};

const CENTIMETRES_PER: Readonly<Record<LengthUnit, Decimal>> = {
  mm: { digits: 1n, scale: 1 },
  cm: { digits: 1n, scale: 0 },
  m: { digits: 100n, scale: 0 },
  in: { digits: 254n, scale: 2 },
  yd: { digits: 9144n, scale: 2 },
};

// Spellings seen in WooCommerce settings, spreadsheets and column names, to the unit they mean. Maps, not
// object literals: a column named `weight___proto__` must find nothing rather than Object.prototype.
const WEIGHT_ALIASES: ReadonlyMap<string, WeightUnit> = new Map([
  ['g', 'g'],
  ['gram', 'g'],
  ['grams', 'g'],
  ['kg', 'kg'],
  ['kgs', 'kg'],
  ['lb', 'lbs'],
  ['lbs', 'lbs'],
  ['oz', 'oz'],
]);

const LENGTH_ALIASES: ReadonlyMap<string, LengthUnit> = new Map([
  ['mm', 'mm'],
  ['cm', 'cm'],
  ['m', 'm'],
  ['in', 'in'],
  ['inch', 'in'],
  ['inches', 'in'],
  ['yd', 'yd'],
  ['yds', 'yd'],
]);

export function parseWeightUnit(text: string): WeightUnit | undefined {
  return WEIGHT_ALIASES.get(text.trim().toLowerCase());
}

export function parseLengthUnit(text: string): LengthUnit | undefined {
  return LENGTH_ALIASES.get(text.trim().toLowerCase());
}

/** Kilograms, or undefined when `value` is not a plain decimal number ("12", "1.5", ".5", 2.25). */
export function toKilograms(value: number | string, unit: WeightUnit): number | undefined {
  return convert(value, KILOGRAMS_PER[unit]);
}

/** Centimetres, or undefined when `value` is not a plain decimal number. */
export function toCentimetres(value: number | string, unit: LengthUnit): number | undefined {
  return convert(value, CENTIMETRES_PER[unit]);
}

function convert(value: number | string, factor: Decimal): number | undefined {
  const decimal = readDecimal(value);
  if (decimal === undefined) return undefined;
  const product = { digits: decimal.digits * factor.digits, scale: decimal.scale + factor.scale };
  return Number(formatDecimal(roundTo(product, DECIMAL_PLACES)));
}

/** Reads "12", "-1.50", ".5", "3." and exponent forms (what String(1e-7) gives); nothing else. */
function readDecimal(value: number | string): Decimal | undefined {
  if (typeof value === 'number' && !Number.isFinite(value)) return undefined;
  const text = typeof value === 'number' ? String(value) : value.trim();
  const match = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d{1,3}))?$/.exec(text);
  if (!match) return undefined;
  const [, sign = '', whole = '', fraction = '', exponentText] = match;
  if (whole === '' && fraction === '') return undefined;
  const exponent = exponentText === undefined ? 0 : Number(exponentText);
  let digits = BigInt(`${whole}${fraction}` || '0');
  let scale = fraction.length - exponent;
  if (scale < 0) {
    digits *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return { digits: sign === '-' ? -digits : digits, scale };
}

function roundTo(value: Decimal, places: number): Decimal {
  if (value.scale <= places) return value;
  const divisor = 10n ** BigInt(value.scale - places);
  const negative = value.digits < 0n;
  const magnitude = negative ? -value.digits : value.digits;
  let quotient = magnitude / divisor;
  if ((magnitude % divisor) * 2n >= divisor) quotient += 1n;
  return { digits: negative ? -quotient : quotient, scale: places };
}

function formatDecimal(value: Decimal): string {
  const negative = value.digits < 0n;
  const text = (negative ? -value.digits : value.digits).toString().padStart(value.scale + 1, '0');
  const whole = text.slice(0, text.length - value.scale);
  const fraction = text.slice(text.length - value.scale).replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** A number as plain decimal text, never in exponent form (CSV cells, messages): 0.0000001 -> "0.0000001". */
export function decimalText(value: number): string {
  const decimal = readDecimal(value);
  return decimal === undefined ? String(value) : formatDecimal(decimal);
}
