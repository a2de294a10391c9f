/**
 * Calendar dates (`YYYY-MM-DD`) with no time of day and no zone. Arithmetic on them runs at UTC midnight,
 * where every day is 24 hours long: a daylight-saving change never moves a date. Which date "today" is
 * belongs to a zone, and is read once (core/locations/local-clock.ts).
 */
import type { Weekday } from '../../wire/vocabulary.js';

const DAY_MS = 86_400_000;
/** Indexed by `Date#getUTCDay()`. */
const WEEKDAYS: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function weekdayOf(date: string): Weekday {
  return WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()] as Weekday;
}

export function isWeekend(date: string): boolean {
  const day = weekdayOf(date);
  return day === 'sat' || day === 'sun';
}

/** `HH:MM` as minutes since midnight. */
export function minutesOf(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}
