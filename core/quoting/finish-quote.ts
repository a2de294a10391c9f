import type { QuoteOutcome } from './engine-dependencies.js';
import { fallbackRates } from './fallback-rates.js';
import type { Rate } from './quote-request.js';
import type { EngineContext, QuoteRun } from './quote-run.js';
import type { QuoteOutcomeKind } from '../wire/vocabulary.js';
import { newRateLogId, type RateLogEntry } from './rate-log.js';
import { summariseDelivery, summariseGroups, summariseRequest } from './summarise-request.js';

export interface Finished {
  readonly rates: readonly Rate[];
  readonly source: QuoteOutcome['source'];
  readonly fallbackReason?: string;
  readonly rulesApplied?: readonly string[];
}

/** Writes the quote's rate-log entry (without holding up the checkout) and returns the outcome. */
export function finishQuote(ctx: EngineContext, run: QuoteRun, outcome: Finished): QuoteOutcome {
  const reason = outcome.fallbackReason === undefined ? {} : { fallbackReason: outcome.fallbackReason };
  const delivery = summariseDelivery(run.groups, run.delivery);
  const log: RateLogEntry = {
    id: newRateLogId(),
    at: new Date(run.started).toISOString(),
    source: outcome.source,
    outcome: outcomeOf(outcome.source, run.upstreamCalls),
    ...reason,
    durationMs: ctx.now() - run.started,
    request: summariseRequest(run.request),
    groups: summariseGroups(run.groups, delivery.perGroup),
    ...(delivery.quote ? { delivery: delivery.quote } : {}),
    upstream: run.upstreamCalls,
    rulesApplied: outcome.rulesApplied ?? [],
    rates: outcome.rates,
  };
  if (run.overrides.record !== false) recordQuote(ctx, run.tenant, log);
  if (outcome.source === 'fallback')
    ctx.logger.info({ tenant: run.tenant, reason: outcome.fallbackReason }, 'quote fell back');
  const packing = run.groups.map((group) => ({ locationId: group.locationId, ...group.packing }));
  return { rates: outcome.rates, source: outcome.source, ...reason, log, packing };
}

/** The quote's rate-log entry written (without holding up the checkout), and its listeners told. */
export function recordQuote(ctx: EngineContext, tenant: string, log: RateLogEntry): void {
  tellQuoted(ctx, tenant, log);
  ctx.rateLog
    .record(tenant, log)
    .catch((error: unknown) => ctx.logger.error({ err: error, tenant }, 'rate log write failed'));
}

/**
 * A kept answer (answer-memo.ts) given to another checkout: a rate-log entry of its own, every price in it
 * served from memory, so marked as cache hits.
 */
export function answerAgain(
  ctx: EngineContext,
  tenant: string,
  kept: QuoteOutcome,
  started: number,
): QuoteOutcome {
  const log: RateLogEntry = {
    ...kept.log,
    id: newRateLogId(),
    at: new Date(started).toISOString(),
    outcome: 'cached',
    durationMs: ctx.now() - started,
    // Every call of a kept answer priced (answer-memo.ts keeps no other).
    upstream: kept.log.upstream.map((call) => ({ ...call, cache: 'hit' as const, latencyMs: 0 })),
  };
  recordQuote(ctx, tenant, log);
  return { ...kept, log };
}

/** The merchant's fallback rates, with the reason in the rate log. */
export function fallBack(ctx: EngineContext, run: QuoteRun, reason: string): QuoteOutcome {
  return finishQuote(ctx, run, {
    rates: fallbackRates(run.settings),
    source: 'fallback',
    fallbackReason: reason,
  });
}

/** A live answer is as old as its oldest price: last-known-good over stale over cached over live. */
function outcomeOf(source: QuoteOutcome['source'], calls: RateLogEntry['upstream']): QuoteOutcomeKind {
  if (source !== 'live') return source;
  const priced = calls.filter((call) => call.outcome === 'ok');
  if (priced.some((call) => call.cache === 'last-known-good')) return 'last-known-good';
  if (priced.some((call) => call.cache === 'stale')) return 'stale';
  if (priced.length > 0 && priced.every((call) => call.cache === 'hit')) return 'cached';
  return 'live';
}

/** Listeners (metrics, alerts) hear of the quote; one that throws must not fail the checkout. */
export function tellQuoted(ctx: EngineContext, tenant: string, log: RateLogEntry): void {
  try {
    ctx.onQuoted?.(tenant, log);
  } catch (error) {
    ctx.logger.error({ err: error, tenant }, 'a quote listener failed');
  }
}
