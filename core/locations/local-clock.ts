/**
 * The wall clock in a state at one instant: its calendar date and the minutes since its midnight. A
 * location's cut-off is read against this, so 14:00 means 14:00 in Perth for a Perth warehouse, daylight
 * saving included.
 */
import { STATE_TIME_ZONES, type AuState } from '../wire/vocabulary.js';

export interface LocalClock {
  /** `YYYY-MM-DD` in the state's time zone. */
  readonly date: string;
  /** Minutes since midnight there (0-1439). */
  readonly minutes: number;
}

// One formatter per zone, built on first use: constructing an Intl.DateTimeFormat costs far more than
// formatting with one (a sixth of a cache-hit checkout's CPU, when it was built per call).
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

export function localClock(now: number, state: AuState): LocalClock {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(STATE_TIME_ZONES[state]).formatToParts(new Date(now))) {
    parts[part.type] = part.value;
  }
  return {
    date: `${parts['year']}-${parts['month']}-${parts['day']}`,
    minutes: Number(parts['hour']) * 60 + Number(parts['minute']),
  };
}

/** The state's offset from UTC on that date at noon, as `+1100` (what Shopify's date format carries). */
export function utcOffsetAtNoon(date: string, state: AuState): string {
  const noonUtc = Date.parse(`${date}T12:00:00Z`);
  const local = localClock(noonUtc, state);
  const dayShift = local.date === date ? 0 : local.date > date ? 1 : -1;
  const minutes = dayShift * 1440 + local.minutes - 12 * 60;
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
}
