/**
 * A platform's transit estimate as business days from despatch (`minDays`/`maxDays`). Business days where
 * the platform counts them (MachShip's `totalBusinessDays`); else counted from the day the platform
 * answered (or its own despatch date) to its estimated delivery date (Big Post's `Eta`), in business days
 * of the destination: weekends and the destination state's public holidays do not count. Counting from
 * the answer's own day, not today, is what lets a cached answer give today's dates (delivery-dates/).
 */
import type { QuoteOption } from '../platforms/freight-platform.js';
import type { AuState } from '../wire/vocabulary.js';
import { dayNumber, isWeekendDay } from './delivery-dates/calendar-date.js';
import { isPublicHolidayDay } from './delivery-dates/public-holidays.js';

/** Estimates further out than this are not believed (the fallback rates' own limit). */
const MAX_DAYS = 60;
/** The platforms' dates are Australian local dates; the east coast's is the one most of them use. */
const PLATFORM_TIME_ZONE = 'Australia/Sydney';

/** Today's calendar date (`YYYY-MM-DD`) where the platforms' dates are written. */
export function platformToday(now: number): string {
  // Sydney is a whole number of minutes from UTC: the date cannot change within one UTC minute.
  const minute = Math.floor(now / 60_000);
  if (lastToday.minute !== minute) lastToday = { minute, date: PLATFORM_DATE.format(new Date(now)) };
  return lastToday.date;
}
let lastToday = { minute: Number.NaN, date: '' };
// Built once: constructing an Intl.DateTimeFormat was a sixth of a cache-hit checkout's CPU time.
const PLATFORM_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: PLATFORM_TIME_ZONE });

/**
 * Business days after `today` up to and including `date` (both `YYYY-MM-DD`); 0 if not after. Monday to
 * Friday, less `state`'s public holidays when a state is given.
 */
export function businessDaysUntil(today: string, date: string, state?: AuState): number {
  const to = dayNumber(date);
  let count = 0;
  for (let day = dayNumber(today) + 1; day <= to; day += 1) {
    if (state ? !isWeekendDay(day) && !isPublicHolidayDay(state, day) : !isWeekendDay(day)) count += 1;
  }
  return count;
}

/** The option's transit in business days, or nothing when the platform gave no estimate. */
export function deliveryDays(
  option: Pick<QuoteOption, 'eta' | 'dates'>,
  answeredDay: string,
  destination?: AuState,
): { readonly minDays: number; readonly maxDays: number } | undefined {
  // A platform's own count is believed only within the same bound as a date: the window is counted day by
  // day (delivery-dates/), so an ETA of 100,000 days cost half a second of a checkout's CPU.
  if (option.eta) return withinBound(option.eta) ? option.eta : undefined;
  const date = option.dates?.delivery;
  const from = option.dates?.despatch ?? answeredDay;
  // A date already past is not an estimate; one years away would only be counted slowly to be refused.
  const span = date === undefined ? Number.NaN : Date.parse(date) - Date.parse(from);
  if (!(span >= 0 && span <= MAX_DAYS * 2 * 24 * 60 * 60 * 1000)) return undefined;
  const days = businessDaysUntil(from, date as string, destination);
  return days <= MAX_DAYS ? { minDays: days, maxDays: days } : undefined;
}

function withinBound(eta: { readonly minDays: number; readonly maxDays: number }): boolean {
  const { minDays, maxDays } = eta;
  return minDays >= 0 && maxDays >= 0 && minDays <= MAX_DAYS && maxDays <= MAX_DAYS;
}
