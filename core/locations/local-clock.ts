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

/**
 * The last answer per zone, by UTC minute: every Australian zone is a whole number of minutes from UTC, so
 * within one UTC minute the local date and minute cannot change, and formatToParts (a few µs, several
 * times per checkout) runs once a minute per zone instead.
 */
const lastByZone = new Map<string, { readonly minute: number; readonly clock: LocalClock }>();

export function localClock(now: number, state: AuState): LocalClock {
  const zone = STATE_TIME_ZONES[state];
  const minute = Math.floor(now / 60_000);
  const last = lastByZone.get(zone);
  if (last?.minute === minute) return last.clock;
  const clock = formatClock(now, zone);
  lastByZone.set(zone, { minute, clock });
  return clock;
}

function formatClock(now: number, zone: string): LocalClock {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(zone).formatToParts(new Date(now))) {
    parts[part.type] = part.value;
  }
  return {
    date: `${parts['year']}-${parts['month']}-${parts['day']}`,
    minutes: Number(parts['hour']) * 60 + Number(parts['minute']),
  };
}

/** Offsets by state and date: the same few dates are asked on every Shopify answer. */
const offsets = new Map<string, string>();

/** The state's offset from UTC on that date at noon, as `+1100` (what Shopify's date format carries). */
export function utcOffsetAtNoon(date: string, state: AuState): string {
  const key = `${state}|${date}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    if (offsets.size >= 4096) offsets.clear();
    offset = offsetAtNoon(date, STATE_TIME_ZONES[state]);
    offsets.set(key, offset);
  }
  return offset;
}

function offsetAtNoon(date: string, zone: string): string {
  const noonUtc = Date.parse(`${date}T12:00:00Z`);
  // Formatted directly, not through localClock: a noon of another day would displace its minute's answer.
  const local = formatClock(noonUtc, zone);
  const dayShift = local.date === date ? 0 : local.date > date ? 1 : -1;
  const minutes = dayShift * 1440 + local.minutes - 12 * 60;
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
}
