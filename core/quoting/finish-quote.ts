import type { QuoteOutcome } from './engine-dependencies.js';
import { fallbackRates } from './fallback-rates.js';
import type { Rate } from './quote-request.js';
import type { EngineContext, QuoteRun } from './quote-run.js';
import { newRateLogId, type RateLogEntry } from './rate-log.js';
import { summariseGroups, summariseRequest } from './summarise-request.js';

export interface Finished {
  readonly rates: readonly Rate[];
  readonly source: QuoteOutcome['source'];
  readonly fallbackReason?: string;
  readonly rulesApplied?: readonly string[];
}

/** Writes the quote's rate-log entry (without holding up the checkout) and returns the outcome. */
export function finishQuote(ctx: EngineContext, run: QuoteRun, outcome: Finished): QuoteOutcome {
  const reason = outcome.fallbackReason === undefined ? {} : { fallbackReason: outcome.fallbackReason };
  const log: RateLogEntry = {
    id: newRateLogId(),
    at: new Date(run.started).toISOString(),
    source: outcome.source,
    ...reason,
    durationMs: ctx.now() - run.started,
    request: summariseRequest(run.request),
    groups: summariseGroups(run.groups),
    upstream: run.upstreamCalls,
    rulesApplied: outcome.rulesApplied ?? [],
    rates: outcome.rates,
  };
  if (run.overrides.record !== false) {
    ctx.rateLog
      .record(run.tenant, log)
      .catch((error: unknown) =>
        ctx.logger.error({ err: error, tenant: run.tenant }, 'rate log write failed'),
      );
  }
  if (outcome.source === 'fallback')
    ctx.logger.info({ tenant: run.tenant, reason: outcome.fallbackReason }, 'quote fell back');
  return { rates: outcome.rates, source: outcome.source, ...reason, log };
}

/** The merchant's fallback rates, with the reason in the rate log. */
export function fallBack(ctx: EngineContext, run: QuoteRun, reason: string): QuoteOutcome {
  return finishQuote(ctx, run, {
    rates: fallbackRates(run.settings),
    source: 'fallback',
    fallbackReason: reason,
  });
}
