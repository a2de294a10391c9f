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
import { dateOfDay, dayNumber, minutesOf, weekdayOfDay } from './calendar-date.js';
import { isPublicHolidayDay } from './public-holidays.js';

/** Settings that close a location for longer than this give no date rather than a search forever. */
const SEARCH_DAYS = 400;

function isDespatchDayNumber(day: number, state: AuState, settings: DespatchSettings): boolean {
  if (!settings.weekdays.includes(weekdayOfDay(day))) return false;
  if (settings.closedDates.length > 0) {
    const date = dateOfDay(day);
    if (settings.closedDates.some((range) => range.from <= date && date <= range.to)) return false;
  }
  return !isPublicHolidayDay(state, day);
}

/** The first despatch day on or after `day`; undefined when none is within the search window. */
function nextDespatchDay(day: number, state: AuState, settings: DespatchSettings): number | undefined {
  for (let candidate = day; candidate < day + SEARCH_DAYS; candidate += 1) {
    if (isDespatchDayNumber(candidate, state, settings)) return candidate;
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
  const today = dayNumber(clock.date);
  const received = clock.minutes >= minutesOf(settings.cutoff) ? today + 1 : today;
  let day = nextDespatchDay(received, state, settings);
  const handling = settings.handlingDays + extraHandlingDays;
  for (let handled = 0; day !== undefined && handled < handling; handled += 1) {
    day = nextDespatchDay(day + 1, state, settings);
  }
  return day === undefined ? undefined : dateOfDay(day);
}
