/**
 * A state's public holidays, from date-holidays (its data follows each state's gazette, substitute days
 * included), looked up once per state and year and then kept: this runs on every checkout, and building a
 * year of holidays costs far more than a set lookup. Only whole days count: a holiday that starts in the
 * evening (Christmas Eve from 19:00 in SA and NT) closes neither a warehouse nor a carrier's depot.
 */
import Holidays from 'date-holidays';
import type { AuState } from '../../wire/vocabulary.js';

const byStateYear = new Map<string, ReadonlySet<string>>();

export function publicHolidays(state: AuState, year: number): ReadonlySet<string> {
  const key = `${state}:${year}`;
  let days = byStateYear.get(key);
  if (!days) {
    const listed = new Holidays('AU', state).getHolidays(year) || [];
    days = new Set(
      listed
        .filter((holiday) => holiday.type === 'public' && holiday.date.endsWith(' 00:00:00'))
        .map((holiday) => holiday.date.slice(0, 10)),
    );
    byStateYear.set(key, days);
  }
  return days;
}

export function isPublicHoliday(state: AuState, date: string): boolean {
  return publicHolidays(state, Number(date.slice(0, 4))).has(date);
}
