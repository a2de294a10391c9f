/**
 * A state's public holidays, from date-holidays (its data follows each state's gazette, substitute days
 * included), looked up once per state and year and then kept as day numbers: this runs on every checkout,
 * and building a year of holidays (milliseconds) costs far more than a set lookup (well under one
 * microsecond). Only whole days count: a holiday that starts in the evening (Christmas Eve from 19:00 in
 * SA and NT) closes neither a warehouse nor a carrier's depot.
 */
import Holidays from 'date-holidays';
import type { AuState } from '../../wire/vocabulary.js';
import { dayNumber, yearOfDay } from './calendar-date.js';

const byStateYear = new Map<string, ReadonlySet<number>>();

/** The state's whole-day public holidays of `year`, as day numbers (calendar-date.ts). */
export function publicHolidays(state: AuState, year: number): ReadonlySet<number> {
  const key = `${state}:${year}`;
  let days = byStateYear.get(key);
  if (!days) {
    const listed = new Holidays('AU', state).getHolidays(year) || [];
    days = new Set(
      listed
        .filter((holiday) => holiday.type === 'public' && holiday.date.endsWith(' 00:00:00'))
        .map((holiday) => dayNumber(holiday.date.slice(0, 10))),
    );
    byStateYear.set(key, days);
  }
  return days;
}

export function isPublicHolidayDay(state: AuState, day: number): boolean {
  return publicHolidays(state, yearOfDay(day)).has(day);
}

export function isPublicHoliday(state: AuState, date: string): boolean {
  return isPublicHolidayDay(state, dayNumber(date));
}
