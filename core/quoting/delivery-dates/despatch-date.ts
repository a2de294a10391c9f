/**
 * When goods ordered now leave a location: the order counts from today in the location's own time zone,
 * or from tomorrow when it lands at or after the daily cut-off; each handling day then takes one despatch
 * day; and goods leave on the first despatch day after that. A despatch day is one of the location's
 * despatch weekdays that is neither in a closed range (a Christmas shutdown) nor a public holiday of the
 * location's state.
 */
import { localClock } from '../../locations/local-clock.js';
import type { AuState } from '../../wire/vocabulary.js';
import type { DespatchSettings } from '../../wire/admin-api-types.js';
import { addDays, minutesOf, weekdayOf } from './calendar-date.js';
import { isPublicHoliday } from './public-holidays.js';

/** Settings that close a location for longer than this give no date rather than a search forever. */
const SEARCH_DAYS = 400;

export function isDespatchDay(date: string, state: AuState, settings: DespatchSettings): boolean {
  if (!settings.weekdays.includes(weekdayOf(date))) return false;
  if (settings.closedDates.some((range) => range.from <= date && date <= range.to)) return false;
  return !isPublicHoliday(state, date);
}

/** The first despatch day on or after `date`; undefined when none is within the search window. */
export function nextDespatchDay(
  date: string,
  state: AuState,
  settings: DespatchSettings,
): string | undefined {
  for (let offset = 0; offset < SEARCH_DAYS; offset += 1) {
    const day = addDays(date, offset);
    if (isDespatchDay(day, state, settings)) return day;
  }
  return undefined;
}

/** `extraHandlingDays` is the store-wide padding of the rules page, on top of the location's own. */
export function despatchDate(
  now: number,
  state: AuState,
  settings: DespatchSettings,
  extraHandlingDays = 0,
): string | undefined {
  const clock = localClock(now, state);
  const received = clock.minutes >= minutesOf(settings.cutoff) ? addDays(clock.date, 1) : clock.date;
  let day = nextDespatchDay(received, state, settings);
  for (
    let handled = 0;
    day !== undefined && handled < settings.handlingDays + extraHandlingDays;
    handled += 1
  ) {
    day = nextDespatchDay(addDays(day, 1), state, settings);
  }
  return day;
}
