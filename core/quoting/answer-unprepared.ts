import type { QuoteOutcome, QuoteOverrides } from './engine-dependencies.js';
import { fallbackRates } from './fallback-rates.js';
import { tellQuoted } from './finish-quote.js';
import type { QuoteRequest } from './quote-request.js';
import type { EngineContext } from './quote-run.js';
import { DEFAULT_QUOTE_SETTINGS, type QuoteSettings } from './quote-settings.js';
import { newRateLogId, type RateLogEntry } from './rate-log.js';
import { summariseRequest } from './summarise-request.js';

/**
 * Storage failed or stalled before the platforms were asked (or a bug threw): the shopper still gets the
 * merchant's fallback rates, from the settings this instance last read for the tenant.
 */
export function answerUnprepared(
  ctx: EngineContext,
  input: {
    tenant: string;
    request: QuoteRequest;
    overrides: QuoteOverrides;
    started: number;
    lastSettings: QuoteSettings | undefined;
    /** Undefined: the attempt had not settled by the deadline. */
    error: unknown;
    settled: boolean;
  },
): QuoteOutcome {
  const { tenant, overrides, error } = input;
  const reason = input.settled
    ? `RateBridge could not prepare the quote (${error instanceof Error ? error.name : 'error'})`
    : 'RateBridge could not read its settings before the deadline';
  ctx.logger.error({ err: error, tenant }, 'quote failed before reaching the platforms');
  const settings = overrides.settings ?? input.lastSettings ?? DEFAULT_QUOTE_SETTINGS;
  const rates = fallbackRates(settings);
  const log: RateLogEntry = {
    id: newRateLogId(),
    at: new Date(input.started).toISOString(),
    source: 'fallback',
    outcome: 'fallback',
    fallbackReason: reason,
    durationMs: ctx.now() - input.started,
    request: summariseRequest(input.request),
    groups: [],
    upstream: [],
    rulesApplied: [],
    rates,
  };
  if (overrides.record !== false) {
    tellQuoted(ctx, tenant, log);
    ctx.rateLog.record(tenant, log).catch(() => undefined);
  }
  return { rates, source: 'fallback', fallbackReason: reason, log };
}
