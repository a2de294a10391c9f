/**
 * "At most N requests in any minute", held exactly across instances with fixed-window counters: the
 * minute is cut into six buckets; a request first counts itself in its bucket, then sums the buckets any
 * 60 seconds ending now can touch (the current one and the six before), and takes its count back when the
 * sum is over N. Counting before reading means two instances racing for the last request can both be
 * refused, never both let through: every request sent saw itself and every earlier one in the sum.
 */
import type { BudgetCounter, CounterFactory } from '../../storage/budget-counters.js';

const BUCKETS = 6;

export interface WindowVerdict {
  readonly granted: boolean;
  /** When refused: how long until the oldest counted bucket leaves the window. */
  readonly retryAfterMs: number;
  /** Requests counted in the window once this one is decided, at most the limit (refusals racing each
   * other are all counted until each takes itself back): what /metrics reports as used. */
  readonly used: number;
}

export interface SlidingWindow {
  take(subject: string, limit: number, now: number): Promise<WindowVerdict>;
  /** Gives back a request taken but not sent (another window refused it). */
  giveBack(subject: string, now: number): Promise<void>;
}

export function createSlidingWindow(counters: CounterFactory, windowMs: number): SlidingWindow {
  const bucketMs = windowMs / BUCKETS;
  // A bucket must outlive every window that can still see it.
  const counter: BudgetCounter = counters({
    name: 'minute:',
    ttlSeconds: Math.ceil((windowMs + bucketMs) / 1000) + 1,
  });
  const bucketKey = (subject: string, bucket: number) => `${subject}:${bucket}`;

  return {
    async take(subject, limit, now) {
      const current = Math.floor(now / bucketMs);
      const mine = await counter.consume(bucketKey(subject, current), 1);
      const earlier = await Promise.all(
        Array.from({ length: BUCKETS }, (_, i) => counter.get(bucketKey(subject, current - BUCKETS + i))),
      );
      const counts = earlier.map((res) => res?.consumedPoints ?? 0);
      const total = mine.consumedPoints + counts.reduce((sum, count) => sum + count, 0);
      if (total <= limit) return { granted: true, retryAfterMs: 0, used: total };
      await counter.reward(bucketKey(subject, current), 1);
      const oldest = counts.findIndex((count) => count > 0);
      const leaves = (current - BUCKETS + (oldest < 0 ? BUCKETS : oldest) + BUCKETS + 1) * bucketMs;
      return {
        granted: false,
        retryAfterMs: Math.max(1, Math.ceil(leaves - now)),
        used: Math.min(total - 1, limit),
      };
    },
    async giveBack(subject, now) {
      await counter.reward(bucketKey(subject, Math.floor(now / bucketMs)), 1);
    },
  };
}
