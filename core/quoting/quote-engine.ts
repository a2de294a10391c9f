/**
 * What every checkout runs: cart -> packages per line -> groups per pickup location -> every group quoted
 * on every active connection concurrently (cache, single-flight, breaker) -> groups combined into
 * shop-level options -> the merchant's rules -> rates sorted by price.
 *
 * One deadline bounds it all. Whatever fails (platform down, deadline, revoked token, unknown SKU) yields
 * the merchant's fallback rates with the reason in the rate log: never an error, never an empty checkout
 * by accident. An empty list means only that nothing in the cart needs shipping, or the destination is
 * outside Australia (which these platforms do not serve).
 *
 * Each step is a file of its own: prepare-cart -> quote-groups -> price-options, composed by quote-cart;
 * answer-unprepared answers when storage fails first.
 */
import { LRUCache } from 'lru-cache';
import { entryBound } from '../entry-bound.js';
import { answerUnprepared } from './answer-unprepared.js';
import type { QuoteEngineOptions, QuoteOutcome, QuoteOverrides } from './engine-dependencies.js';
import { createPackingMemo } from './packing/packing-memo.js';
import { answerAgain } from './finish-quote.js';
import { quoteCart } from './quote-cart.js';
import type { QuoteRequest } from './quote-request.js';
import type { EngineContext, QuoteRun } from './quote-run.js';
import type { QuoteSettings } from './quote-settings.js';
import type { RateLogEntry } from './rate-log.js';
import { checkoutDeadline, untilDeadlinePassed } from './wait-for-deadline.js';

export type { QuoteOutcome } from './engine-dependencies.js';

/** After the deadline, the few ms the engine may take to combine what landed and apply the rules. */
const COMBINE_GRACE_MS = 100;

export function createQuoteEngine(options: QuoteEngineOptions) {
  // The settings each tenant quoted with last: fallback rates stay the merchant's own when storage fails.
  const lastSettings = new LRUCache<string, QuoteSettings>(entryBound(10_000));
  const listeners: ((tenant: string, entry: RateLogEntry) => void)[] = [];
  const ctx: EngineContext = {
    ...options,
    now: options.now ?? Date.now,
    packingMemo: options.packingMemo ?? createPackingMemo(),
    onQuoted(tenant, entry) {
      options.onQuoted?.(tenant, entry);
      for (const listener of listeners) listener(tenant, entry);
    },
  };

  return {
    /**
     * Told of every recorded quote as it is answered, with its rate-log entry (`entry.outcome`: live,
     * cached, stale, last-known-good, fallback, none): what metrics and alerts count. Must not wait.
     */
    onQuoted(listener: (tenant: string, entry: RateLogEntry) => void): void {
      listeners.push(listener);
    },
    /**
     * Quotes a cart; never throws and answers by the deadline (plus a few ms to combine). `overrides.settings`
     * previews unsaved rules (the admin's live preview); `record: false` keeps previews out of the rate log.
     * The same cart again within a second may get the first one's answer (answer-memo.ts says when).
     */
    async quote(
      tenant: string,
      request: QuoteRequest,
      overrides: QuoteOverrides = {},
    ): Promise<QuoteOutcome> {
      const started = ctx.now();
      const memo = reusesAnswers(overrides) ? options.answerMemo : undefined;
      const kept = memo?.find(tenant, request, started);
      if (kept) return answerAgain(ctx, tenant, kept, started);
      // Read before the quote reads anything: a write while it runs leaves its answer unkept.
      const generation = memo?.generation(tenant) ?? 0;
      const { outcome, inTime } = await quoteByDeadline({ tenant, request, overrides, started });
      // An answer the deadline cut short is what landed in time, not what the next quote would get.
      if (inTime) memo?.keep(tenant, request, outcome, generation, started);
      return outcome;
    },
  };

  /** The cart quoted, or the fallback rates once the deadline (and its grace) has passed. */
  async function quoteByDeadline(
    input: Pick<QuoteRun, 'tenant' | 'request' | 'overrides' | 'started'>,
  ): Promise<{ outcome: QuoteOutcome; inTime: boolean }> {
    const timer = checkoutDeadline(input.overrides.deadlineMs ?? options.deadlineMs);
    const run = { ...input, deadline: timer.signal };
    try {
      const attempt = quoteCart(ctx, lastSettings, run).then(
        (outcome) => ({ outcome }),
        (error: unknown) => ({ error }),
      );
      const settled = await untilDeadlinePassed(attempt, run.deadline, COMBINE_GRACE_MS);
      if (settled && 'outcome' in settled) return { outcome: settled.outcome, inTime: !run.deadline.aborted };
      const outcome = answerUnprepared(ctx, {
        ...run,
        lastSettings: lastSettings.get(input.tenant),
        error: settled?.error,
        settled: settled !== undefined,
      });
      return { outcome, inTime: false };
    } finally {
      // Every call of the quote has settled by now, or the deadline has already fired.
      timer.done();
    }
  }
}

/** Previews (unsaved settings) and unrecorded quotes are quoted afresh and never kept. */
const reusesAnswers = (overrides: QuoteOverrides) =>
  overrides.settings === undefined && overrides.record !== false;

export type QuoteEngine = ReturnType<typeof createQuoteEngine>;
