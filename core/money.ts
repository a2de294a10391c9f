import type { Brand } from './ids.js';

/** Money as a whole number of cents (AUD unless a currency says otherwise). Never a float of dollars. */
export type Cents = Brand<number, 'Cents'>;

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

/** Formats cents as a decimal string of dollars, "12.50" (WooCommerce's cost field). */
export function centsToDecimalString(value: Cents): string {
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
