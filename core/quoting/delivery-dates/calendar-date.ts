/**
 * Calendar dates (`YYYY-MM-DD`) with no time of day and no zone. Arithmetic on them is on day numbers
 * (days since 1970-01-01, i.e. UTC midnights), where every day is 24 hours long: a daylight-saving change
 * never moves a date. Which date "today" is belongs to a zone, and is read once
 * (core/locations/local-clock.ts). Day numbers also keep the checkout cheap: stepping over a week of
 * days is integer arithmetic, not a Date parsed and formatted per day.
 */
import type { Weekday } from '../../wire/vocabulary.js';

const DAY_MS = 86_400_000;
/** Indexed by day number modulo 7: 1970-01-01 was a Thursday. */
const WEEKDAYS_FROM_THURSDAY: readonly Weekday[] = ['thu', 'fri', 'sat', 'sun', 'mon', 'tue', 'wed'];

export function dayNumber(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

/** Formatted once per day number: a checkout formats the same few dates near today over and over. */
const dates = new Map<number, string>();

export function dateOfDay(day: number): string {
  let date = dates.get(day);
  if (date === undefined) {
    if (dates.size >= 4096) dates.clear();
    date = new Date(day * DAY_MS).toISOString().slice(0, 10);
    dates.set(day, date);
  }
  return date;
}

export function yearOfDay(day: number): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}

export function weekdayOfDay(day: number): Weekday {
  return WEEKDAYS_FROM_THURSDAY[((day % 7) + 7) % 7] as Weekday;
}

export function isWeekendDay(day: number): boolean {
  const weekday = weekdayOfDay(day);
  return weekday === 'sat' || weekday === 'sun';
}

/** `HH:MM` as minutes since midnight. */
export function minutesOf(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}
