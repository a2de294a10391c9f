/**
 * One request's spend against a token's two windows: the minute first, then the day; a day that refuses
 * hands the minute's slot back, so a refused request costs the token nothing.
 */
import type { BudgetDecision, CallLimits } from '../../platforms/freight-platform.js';
import type { BudgetUsage } from './budget-usage.js';
import type { DayWindow } from './calendar-day.js';
import type { SlidingWindow } from './sliding-minute.js';

export interface BudgetWindows {
  readonly minute: SlidingWindow;
  readonly day: DayWindow;
  readonly usage: BudgetUsage;
  readonly now: () => number;
}

export async function spendBudget(
  windows: BudgetWindows,
  platform: string,
  subject: string,
  limits: CallLimits,
): Promise<BudgetDecision> {
  const { minute, day, usage } = windows;
  const at = windows.now();
  const perMinute = await minute.take(subject, limits.perMinute, at);
  usage.record(subject, { platform, window: 'minute', used: perMinute.used, limit: limits.perMinute });
  if (!perMinute.granted) return { granted: false, window: 'minute', retryAfterMs: perMinute.retryAfterMs };
  const perDay = await day.take(subject, limits.perDay, at);
  usage.record(subject, { platform, window: 'day', used: perDay.used, limit: limits.perDay });
  if (perDay.granted) return { granted: true };
  await minute.giveBack(subject, at);
  return { granted: false, window: 'day', retryAfterMs: perDay.retryAfterMs };
}
