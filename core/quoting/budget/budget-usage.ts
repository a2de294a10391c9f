/**
 * What this instance last saw of each token's budget, for /metrics' `budget used` gauge: the counts live
 * in the shared counters, and reading them back for every token at each scrape would cost the platforms'
 * limits nothing but Redis a round trip per token. A token not used lately drops out (bounded memory).
 */
import { LRUCache } from 'lru-cache';
import { entryBound } from '../../entry-bound.js';

export interface BudgetReading {
  readonly platform: string;
  readonly window: 'minute' | 'day';
  readonly used: number;
  readonly limit: number;
}

export function createBudgetUsage(maxTokens = 10_000) {
  const seen = new LRUCache<string, BudgetReading>({
    ...entryBound(maxTokens * 2),
    ttl: 24 * 60 * 60 * 1000,
  });
  return {
    record(subject: string, reading: BudgetReading): void {
      seen.set(`${subject}|${reading.window}`, reading);
    },
    readings(): readonly BudgetReading[] {
      return [...seen.values()];
    },
  };
}

export type BudgetUsage = ReturnType<typeof createBudgetUsage>;
