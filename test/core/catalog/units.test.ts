import { describe, expect, it } from 'vitest';
import {
  decimalText,
  parseLengthUnit,
  parseWeightUnit,
  toCentimetres,
  toKilograms,
} from '../../../core/catalog/units.js';

describe('toKilograms', () => {
  it('converts by the exact definitions of the units', () => {
    expect(toKilograms(1, 'lbs')).toBe(0.45359237);
    expect(toKilograms('1', 'oz')).toBe(0.028349523125);
    expect(toKilograms(16, 'oz')).toBe(0.45359237);
    expect(toKilograms('1250', 'g')).toBe(1.25);
    expect(toKilograms('2.5', 'kg')).toBe(2.5);
  });

  it('keeps decimal inputs free of binary float noise', () => {
    // 0.1 * 3 and 0.7 / 1000 are the classic float traps.
    expect(toKilograms('0.3', 'kg')).toBe(0.3);
    expect(toKilograms(0.7, 'g')).toBe(0.0007);
    expect(toKilograms('2.2', 'lbs')).toBe(0.997903214);
    expect(toKilograms('0.1', 'lbs')).toBe(0.045359237);
  });

  it('rounds to 12 decimal places, half away from zero', () => {
    // 0.1 oz = 0.0028349523125 kg: 13 decimals, the 13th a 5.
    expect(toKilograms('0.1', 'oz')).toBe(0.002834952313);
    expect(toKilograms('0.000000000001', 'g')).toBe(0);
  });

  it('refuses what is not a plain number', () => {
    for (const bad of ['', ' ', '1,5', '12kg', 'abc', '1.2.3', '.', '-'])
      expect(toKilograms(bad, 'kg')).toBeUndefined();
    expect(toKilograms(Number.NaN, 'kg')).toBeUndefined();
    expect(toKilograms(Number.POSITIVE_INFINITY, 'kg')).toBeUndefined();
  });

  it('reads numbers in exponent form the way String() writes them', () => {
    expect(toKilograms(1e-7, 'kg')).toBe(1e-7);
    expect(toKilograms(1e21, 'g')).toBe(1e18);
  });
});

describe('toCentimetres', () => {
  it('converts by the exact definitions of the units', () => {
    expect(toCentimetres(1, 'in')).toBe(2.54);
    expect(toCentimetres('1', 'yd')).toBe(91.44);
    expect(toCentimetres('0.3', 'm')).toBe(30);
    expect(toCentimetres('1.15', 'm')).toBe(115);
    expect(toCentimetres('455', 'mm')).toBe(45.5);
    expect(toCentimetres('12.7', 'in')).toBe(32.258);
    expect(toCentimetres(' 40 ', 'cm')).toBe(40);
  });
});

describe('unit names', () => {
  it('reads the WooCommerce settings values and common spellings', () => {
    expect(parseWeightUnit('lbs')).toBe('lbs');
    expect(parseWeightUnit('LB')).toBe('lbs');
    expect(parseWeightUnit('g')).toBe('g');
    expect(parseWeightUnit('stone')).toBeUndefined();
    expect(parseLengthUnit('in')).toBe('in');
    expect(parseLengthUnit('Inches')).toBe('in');
    expect(parseLengthUnit('ft')).toBeUndefined();
  });
});

describe('decimalText', () => {
  it('never writes exponents', () => {
    expect(decimalText(1e-7)).toBe('0.0000001');
    expect(decimalText(0.028349523125)).toBe('0.028349523125');
    expect(decimalText(45)).toBe('45');
  });
});
