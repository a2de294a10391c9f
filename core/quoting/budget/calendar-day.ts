/**
 * "At most N requests a day", where the day is the platforms' calendar day (Big Post: 12:00am-11:59pm;
 * Australia/Sydney): one counter per token per date, counted first and taken back when over the limit,
 * for the same reason as the minute window (sliding-minute.ts).
 */
import { platformToday } from '../delivery-days.js';
import type { CounterFactory } from '../../storage/budget-counters.js';
import type { WindowVerdict } from './sliding-minute.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface DayWindow {
  take(subject: string, limit: number, now: number): Promise<WindowVerdict>;
}

export function createDayWindow(counters: CounterFactory): DayWindow {
  // Two days: a counter made late on its date must outlive the date in every time zone.
  const counter = counters({ name: 'day:', ttlSeconds: (2 * DAY_MS) / 1000 });
  return {
    async take(subject, limit, now) {
      const key = `${subject}:${platformToday(now)}`;
      const taken = await counter.consume(key, 1);
      if (taken.consumedPoints <= limit)
        return { granted: true, retryAfterMs: 0, used: taken.consumedPoints };
      await counter.reward(key, 1);
      return {
        granted: false,
        retryAfterMs: untilNextDay(now),
        used: Math.min(taken.consumedPoints - 1, limit),
      };
    },
  };
}

/** Milliseconds until the platform date changes (probed hourly: the zone's offset is not fixed). */
function untilNextDay(now: number): number {
  const today = platformToday(now);
  let probe = now;
  while (platformToday(probe) === today && probe - now < DAY_MS + 3_600_000) probe += 3_600_000;
  return probe - now;
}
