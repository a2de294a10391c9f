/** Money is integer cents on the wire; merchants type and read dollars. */

export function formatCents(cents: number, currency = 'AUD'): string {
  return new Intl.NumberFormat('en-AU', { style: 'currency', currency }).format(cents / 100);
}

/** "12.50" for a form field (no currency sign: the field shows it as a prefix). */
export function centsToInput(cents: number): string {
  return (cents / 100).toFixed(2);
}

/** Dollars typed by a merchant ("12", "12.5", "$1,200.00") to cents; undefined when it is not an amount. */
export function dollarsToCents(text: string): number | undefined {
  const cleaned = text.replace(/[$,\s]/g, '');
  if (!/^-?\d+(\.\d{0,2})?$/.test(cleaned)) return undefined;
  const [whole = '0', fraction = ''] = cleaned.replace('-', '').split('.');
  const cents = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  return cleaned.startsWith('-') ? -cents : cents;
}

/** A number typed into a form ("12", "0.5"); undefined when empty or not a number. */
export function parseDecimal(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '' || !/^-?\d*(\.\d+)?$/.test(trimmed)) return undefined;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : undefined;
}
