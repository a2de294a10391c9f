/**
 * From despatch to the door: the platform's transit time counted in the destination's business days
 * (Monday to Friday, less the destination state's public holidays: a carrier's depot there is shut on
 * them). The order arrives when its slowest consignment does, so of several locations' windows the latest
 * wins, at each end.
 */
import type { AuState } from '../../wire/vocabulary.js';
import { dateOfDay, dayNumber, isWeekendDay } from './calendar-date.js';
import { isPublicHolidayDay } from './public-holidays.js';

export interface DeliveryWindow {
  /** `YYYY-MM-DD`, the earliest arrival. */
  readonly minDate: string;
  /** `YYYY-MM-DD`, the latest arrival. */
  readonly maxDate: string;
}

function isBusinessDayNumber(day: number, state: AuState): boolean {
  return !isWeekendDay(day) && !isPublicHolidayDay(state, day);
}

/** `days` business days after `date`; `date` itself when 0 (delivered the day it leaves). */
export function addBusinessDays(date: string, days: number, state: AuState): string {
  let day = dayNumber(date);
  for (let left = days; left > 0;) {
    day += 1;
    if (isBusinessDayNumber(day, state)) left -= 1;
  }
  return dateOfDay(day);
}

export function deliveryWindow(
  despatch: string,
  transit: { readonly minDays: number; readonly maxDays: number },
  destination: AuState,
): DeliveryWindow {
  const low = Math.min(transit.minDays, transit.maxDays);
  const high = Math.max(transit.minDays, transit.maxDays);
  return {
    minDate: addBusinessDays(despatch, low, destination),
    maxDate: addBusinessDays(despatch, high, destination),
  };
}

/** The latest of several windows at each end; undefined unless every one has a window. */
export function latestWindow(windows: readonly (DeliveryWindow | undefined)[]): DeliveryWindow | undefined {
  if (windows.length === 0 || windows.some((window) => window === undefined)) return undefined;
  const known = windows as readonly DeliveryWindow[];
  const latest = (dates: string[]) => dates.reduce((a, b) => (b > a ? b : a));
  return {
    minDate: latest(known.map((window) => window.minDate)),
    maxDate: latest(known.map((window) => window.maxDate)),
  };
}
