/**
 * WooCommerce states weights and dimensions in the store's own units (Settings → Products: kg, g, lbs, oz;
 * m, cm, mm, in, yd) as decimal strings. They become grams and centimetres here, exactly: core's unit
 * conversion reads the decimal digits, and grams are reached by shifting the decimal point (an exponent)
 * rather than multiplying a float by 1000, so "0.0153" kg is 15.3 g and not 15.299999999999999.
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

/** Grams of `value` in `unit`; undefined when it is not a plain non-negative decimal. */
export function toGrams(value: MeasureText, unit: WeightUnit): number | undefined {
  if (!isSet(value)) return undefined;
  const kilograms = toKilograms(timesThousand(String(value).trim()), unit);
  return kilograms !== undefined && kilograms >= 0 ? kilograms : undefined;
}

/** Kilograms of `value` in `unit`; undefined when it is not a plain non-negative decimal. */
export function toWeightKg(value: MeasureText, unit: WeightUnit): number | undefined {
  if (!isSet(value)) return undefined;
  const kilograms = toKilograms(String(value).trim(), unit);
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

/** The same decimal times 1000, written with an exponent so no float multiplication happens. */
function timesThousand(text: string): string {
  const match = /^(.*?)(?:[eE]([+-]?\d{1,3}))?$/.exec(text);
  const mantissa = match?.[1] ?? text;
  const exponent = Number(match?.[2] ?? '0') + 3;
  return `${mantissa}e${exponent}`;
}
