/**
 * A platform's delivery estimate as the business days a rate carries (`Rate.minDays`/`maxDays`: business
 * days from today). Business days where the platform counts them (MachShip's `totalBusinessDays`); else
 * counted from today to the platform's estimated delivery date (Big Post's `Eta`), Monday to Friday.
 * Public holidays are not known here, so a date across one reads a day long.
 */
import type { QuoteOption } from '../platforms/freight-platform.js';

/** Estimates further out than this are not believed (the fallback rates' own limit). */
const MAX_DAYS = 60;
/** The platforms' dates are Australian local dates; the east coast's is the one most of them use. */
const PLATFORM_TIME_ZONE = 'Australia/Sydney';

/** Today's calendar date (`YYYY-MM-DD`) where the platforms' dates are written. */
export function platformToday(now: number): string {
  return PLATFORM_DATE.format(new Date(now));
}
// Built once: constructing an Intl.DateTimeFormat was a sixth of a cache-hit checkout's CPU time.
const PLATFORM_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: PLATFORM_TIME_ZONE });

/** Monday-to-Friday days after `today` up to and including `date` (both `YYYY-MM-DD`); 0 if not after. */
export function businessDaysUntil(today: string, date: string): number {
  const day = 24 * 60 * 60 * 1000;
  const from = Date.parse(`${today}T00:00:00Z`);
  const to = Date.parse(`${date}T00:00:00Z`);
  let count = 0;
  for (let at = from + day; at <= to; at += day) {
    const weekday = new Date(at).getUTCDay();
    if (weekday !== 0 && weekday !== 6) count += 1;
  }
  return count;
}

/** The option's estimate in business days from today, or nothing when the platform gave none. */
export function deliveryDays(
  option: Pick<QuoteOption, 'eta' | 'dates'>,
  today: string,
): { readonly minDays: number; readonly maxDays: number } | undefined {
  if (option.eta) return option.eta;
  const date = option.dates?.delivery;
  // A date already past is not an estimate; one years away would only be counted slowly to be refused.
  const span = date === undefined ? Number.NaN : Date.parse(date) - Date.parse(today);
  if (!(span >= 0 && span <= MAX_DAYS * 2 * 24 * 60 * 60 * 1000)) return undefined;
  const days = businessDaysUntil(today, date as string);
  return days <= MAX_DAYS ? { minDays: days, maxDays: days } : undefined;
}
