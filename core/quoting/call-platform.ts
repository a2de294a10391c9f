/**
 * The platform call itself, behind a breaker per connection: a platform that failed 5 times in a row
 * (timeouts, unreachable, broken bodies) is left alone for 30 s.
 */
import {
  BrokenCircuitError,
  circuitBreaker,
  ConsecutiveBreaker,
  handleWhenResult,
  type CircuitBreakerPolicy,
} from 'cockatiel';
import type { PlatformFailure, PlatformQuoteRequest, QuoteResult } from '../platforms/freight-platform.js';
import type { UsableConnection } from '../tokens/token-lifecycle.js';

const TRANSIENT: ReadonlySet<PlatformFailure['reason']> = new Set(['timeout', 'unreachable', 'bad_response']);

export interface BreakerSettings {
  /** Consecutive failures that open a connection's breaker, and how long it stays open. */
  readonly breakerThreshold?: number;
  readonly breakerHalfOpenAfterMs?: number;
}

export type PlatformCaller = (
  usable: UsableConnection,
  request: PlatformQuoteRequest,
  signal: AbortSignal,
) => Promise<QuoteResult>;

export function createPlatformCaller(settings: BreakerSettings): PlatformCaller {
  const breakers = new Map<string, CircuitBreakerPolicy>();
  const breakerFor = (connectionId: string): CircuitBreakerPolicy => {
    let breaker = breakers.get(connectionId);
    if (!breaker) {
      breaker = circuitBreaker(
        handleWhenResult((result) => {
          const quote = result as QuoteResult;
          return !quote.ok && TRANSIENT.has(quote.failure.reason);
        }),
        {
          halfOpenAfter: settings.breakerHalfOpenAfterMs ?? 30_000,
          breaker: new ConsecutiveBreaker(settings.breakerThreshold ?? 5),
        },
      );
      breakers.set(connectionId, breaker);
    }
    return breaker;
  };
  return async (usable, request, signal) => {
    try {
      return await breakerFor(usable.connection.id).execute(async () =>
        asTimeout(await usable.platform.quote(usable.credentials, request, signal), usable, signal),
      );
    } catch (error) {
      return error instanceof BrokenCircuitError ? breakerOpen(usable) : cancelled();
    }
  };
}

/** Our own call timeout fired: that is the platform being slow, which the breaker must count. */
function asTimeout(result: QuoteResult, usable: UsableConnection, signal: AbortSignal): QuoteResult {
  if (result.ok || result.failure.reason !== 'aborted' || !signal.aborted) return result;
  return {
    ok: false,
    failure: { reason: 'timeout', detail: `${usable.platform.displayName} did not answer in time.` },
  };
}

function breakerOpen(usable: UsableConnection): QuoteResult {
  return {
    ok: false,
    failure: {
      reason: 'unreachable',
      detail: `${usable.platform.displayName} failed repeatedly; RateBridge is giving it a moment before asking again.`,
    },
  };
}

function cancelled(): QuoteResult {
  return { ok: false, failure: { reason: 'aborted', detail: 'The quote was cancelled at the deadline.' } };
}
