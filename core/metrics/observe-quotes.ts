/**
 * The quote engine as the front ends see it: each checkout a front end names (`frontEnd`) is counted in
 * /metrics and marks its tenant for the fallback-share alert. The admin's test quotes name no front end
 * and are counted nowhere. A decorator, so the engine itself knows nothing of metrics or alerts.
 */
import type { QuoteOutcome, QuoteOverrides } from '../quoting/engine-dependencies.js';
import type { QuoteEngine } from '../quoting/quote-engine.js';
import type { QuoteRequest } from '../quoting/quote-request.js';
import type { FrontEnd } from './metrics-registry.js';

export interface CheckoutOverrides extends QuoteOverrides {
  /** The shop platform whose checkout asked. */
  readonly frontEnd?: FrontEnd;
}

export type CheckoutObserver = (tenant: string, frontEnd: FrontEnd, outcome: QuoteOutcome) => void;

export function observeQuotes(engine: QuoteEngine, observers: readonly CheckoutObserver[]) {
  return {
    ...engine,
    async quote(tenant: string, request: QuoteRequest, overrides: CheckoutOverrides = {}) {
      const { frontEnd, ...rest } = overrides;
      const outcome = await engine.quote(tenant, request, rest);
      if (frontEnd === undefined) return outcome;
      for (const observe of observers) {
        try {
          observe(tenant, frontEnd, outcome);
        } catch {
          // Counting a checkout must never fail it; the shopper's rates are already in hand.
        }
      }
      return outcome;
    },
  };
}
