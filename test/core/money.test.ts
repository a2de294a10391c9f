import { describe, expect, it } from 'vitest';
import { centsToDecimalString, dollarsToCents, formatCents, typedDollarsToCents } from '../../core/money.js';

describe('money: one module for the server and the admin UI', () => {
  it('reads a platform amount by its decimal digits, rounding a third place half away from zero', () => {
    expect(dollarsToCents(10.1)).toBe(1010);
    expect(dollarsToCents('10.10')).toBe(1010);
    expect(dollarsToCents('0.125')).toBe(13);
    expect(dollarsToCents('-0.125')).toBe(-13);
    expect(dollarsToCents('$10')).toBeUndefined();
    expect(dollarsToCents(Number.NaN)).toBeUndefined();
  });

  it('reads dollars a merchant typed: a sign, thousands commas and a trailing point, at most two decimals', () => {
    expect(typedDollarsToCents('12')).toBe(1200);
    expect(typedDollarsToCents('12.5')).toBe(1250);
    expect(typedDollarsToCents('$1,200.00')).toBe(120_000);
    expect(typedDollarsToCents('12.')).toBe(1200);
    expect(typedDollarsToCents(' 0.05 ')).toBe(5);
    expect(typedDollarsToCents('-3.20')).toBe(-320);
    expect(typedDollarsToCents('12.345')).toBeUndefined();
    expect(typedDollarsToCents('twelve')).toBeUndefined();
    expect(typedDollarsToCents('')).toBeUndefined();
  });

  it('writes cents as a decimal string for a cost field and as currency for a person', () => {
    expect(centsToDecimalString(1250)).toBe('12.50');
    expect(centsToDecimalString(5)).toBe('0.05');
    expect(centsToDecimalString(-5)).toBe('-0.05');
    expect(formatCents(123_450)).toBe('$1,234.50');
    expect(formatCents(1250, 'USD')).toMatch(/^USD\s12\.50$/);
  });
});
