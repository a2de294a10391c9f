/**
 * WooCommerce states weights and dimensions in the store's own units (Settings → Products: kg, g, lbs, oz;
 * m, cm, mm, in, yd) as decimal strings. They become grams and centimetres here, exactly: the decimal digits
 * are multiplied in integer arithmetic (core's conversion does the reading and rounding), so "0.0153" kg is
 * 15.3 g and not 15.299999999999999.
 *
 * The factors are WooCommerce's own (wc_get_weight, wc_get_dimension): 1 lbs = 0.453592 kg and
 * 1 oz = 0.0283495 kg, not the exact definitions, so a weight here is the one WooCommerce itself and every
 * other shipping plugin of the store computes. Its length factors are the exact ones.
 */
import {
  parseLengthUnit,
  parseWeightUnit,
  toCentimetres,
  toKilograms,
  type LengthUnit,
  type WeightUnit,
} from '../core/index.js';
import type { StoreUnits } from '../core/wire/admin-api-types.js';

export type { StoreUnits } from '../core/wire/admin-api-types.js';

export interface Dimensions<T> {
  readonly length: T;
  readonly width: T;
  readonly height: T;
}

/** A measurement as WooCommerce sends it: "1.5", 1.5, "" or null (not set). */
export type MeasureText = string | number | null | undefined;

/** WooCommerce's own unit names (settings `value`), with the usual spellings. */
export function readStoreUnits(weight: string, dimension: string): StoreUnits | undefined {
  const weightUnit = parseWeightUnit(weight);
  const dimensionUnit = parseLengthUnit(dimension);
  return weightUnit && dimensionUnit ? { weight: weightUnit, dimension: dimensionUnit } : undefined;
}

/** Whether a value is present at all (WooCommerce sends "" for an unset weight or dimension). */
export function isSet(value: MeasureText): value is string | number {
  return value !== null && value !== undefined && String(value).trim() !== '';
}

/** WooCommerce's kilograms per unit (wc_get_weight), as decimal digits and a scale: 0.453592 = 453592e-6. */
const WOO_KILOGRAMS_PER: Readonly<Record<WeightUnit, { digits: bigint; scale: number }>> = {
  g: { digits: 1n, scale: 3 },
  kg: { digits: 1n, scale: 0 },
  lbs: { digits: 453592n, scale: 6 },
  oz: { digits: 283495n, scale: 7 },
};

/** Grams of `value` in `unit`; undefined when it is not a plain non-negative decimal. */
export function toGrams(value: MeasureText, unit: WeightUnit): number | undefined {
  return wooWeight(value, unit, 3);
}

/** Kilograms of `value` in `unit`; undefined when it is not a plain non-negative decimal. */
export function toWeightKg(value: MeasureText, unit: WeightUnit): number | undefined {
  return wooWeight(value, unit, 0);
}

/** `value` × WooCommerce's factor × 10^shift, exactly, through core's decimal reading and rounding. */
function wooWeight(value: MeasureText, unit: WeightUnit, shift: number): number | undefined {
  if (!isSet(value)) return undefined;
  const decimal = readDecimal(String(value).trim());
  if (decimal === undefined) return undefined;
  const factor = WOO_KILOGRAMS_PER[unit];
  const exponent = shift - decimal.scale - factor.scale;
  const kilograms = toKilograms(`${decimal.digits * factor.digits}e${exponent}`, 'kg');
  return kilograms !== undefined && kilograms >= 0 ? kilograms : undefined;
}

/** All three dimensions in centimetres when all three are set and positive; undefined otherwise. */
export function toDimensionsCm(
  dimensions: Partial<Dimensions<MeasureText>> | null | undefined,
  unit: LengthUnit,
): Dimensions<number> | undefined {
  if (!dimensions) return undefined;
  const convert = (value: MeasureText) =>
    isSet(value) ? toCentimetres(String(value).trim(), unit) : undefined;
  const length = convert(dimensions.length);
  const width = convert(dimensions.width);
  const height = convert(dimensions.height);
  if (length === undefined || width === undefined || height === undefined) return undefined;
  if (!(length > 0 && width > 0 && height > 0)) return undefined;
  return { length, width, height };
}

/** "12", "1.50", ".5", "2e-3" as integer digits over 10^scale; undefined for anything else (negatives too). */
function readDecimal(text: string): { digits: bigint; scale: number } | undefined {
  const match = /^\+?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d{1,3}))?$/.exec(text);
  if (!match) return undefined;
  const [, whole = '', fraction = '', exponent = '0'] = match;
  if (whole === '' && fraction === '') return undefined;
  return { digits: BigInt(`${whole}${fraction}`), scale: fraction.length - Number(exponent) };
}
