/**
 * Money, for the server and the admin UI alike: a whole number of cents on the wire and in the core, read
 * from dollars and shown as dollars only at the edges. Pure (no Node imports), so the UI bundles it.
 */
import type { z } from 'zod';

/**
 * Money as a whole number of cents (AUD unless a currency says otherwise). Never a float of dollars.
 * Branded the way zod brands, so what core/wire's `centsSchema` reads is this type.
 */
export type Cents = number & z.$brand<'Cents'>;

export const cents = (value: number): Cents => {
  if (!Number.isSafeInteger(value)) throw new RangeError(`cents must be a safe integer, got ${value}`);
  return value as Cents;
};

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

/**
 * Converts a dollar amount as a platform sends it (a JSON number like 10.1 or a string like "10.10") into
 * cents by reading its decimal digits, so 10.10 -> 1010 exactly (10.1 * 100 is 1009.9999999999999).
 * A third decimal place rounds half away from zero. Returns undefined for anything that is not a finite
 * decimal amount.
 */
export function dollarsToCents(amount: number | string): Cents | undefined {
  const text = typeof amount === 'number' ? numberToPlainString(amount) : amount.trim();
  if (text === undefined) return undefined;
  const match = DECIMAL.exec(text);
  if (!match) return undefined;
  const [, sign, whole = '0', fraction = ''] = match;
  const padded = (fraction + '000').slice(0, 3);
  let value = Number(whole) * 100 + Number(padded.slice(0, 2));
  if (Number(padded[2]) >= 5) value += 1;
  if (!Number.isSafeInteger(value)) return undefined;
  return cents(sign === '-' && value !== 0 ? -value : value);
}

function numberToPlainString(amount: number): string | undefined {
  if (!Number.isFinite(amount)) return undefined;
  // toString never uses exponent notation for amounts in the range money lives in (< 1e21, >= 1e-6).
  const text = amount.toString();
  return text.includes('e') ? amount.toFixed(6) : text;
}

/**
 * Dollars as a merchant types them into a form ("12", "12.5", "$1,200.00") to cents; undefined when it is
 * not an amount. Stricter than `dollarsToCents`: a person means at most two decimal places.
 */
export function typedDollarsToCents(text: string): Cents | undefined {
  const cleaned = text.replace(/[$,\s]/g, '');
  if (!/^-?\d+(\.\d{0,2})?$/.test(cleaned)) return undefined;
  return dollarsToCents(cleaned.endsWith('.') ? cleaned.slice(0, -1) : cleaned);
}

/** Cents as a decimal string of dollars, "12.50": WooCommerce's cost field, and a form field's value. */
export function centsToDecimalString(value: number): string {
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Cents shown to a person with the currency's sign, "$12.50" (en-AU). */
export function formatCents(value: number, currency = 'AUD'): string {
  return new Intl.NumberFormat('en-AU', { style: 'currency', currency }).format(value / 100);
}
