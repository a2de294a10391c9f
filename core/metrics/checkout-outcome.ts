/**
 * How a checkout was answered, as /metrics counts it: live (a platform answered for it), cached (every
 * price came from the quote cache), stale (an expired cached quote served while it refreshes),
 * last-known-good (an earlier live quote for the same lane), fallback (the merchant's table), none
 * (nothing to ship, or outside Australia). A bounded set, so it is safe as a Prometheus label.
 */
import type { QuoteOutcome } from '../quoting/quote-engine.js';

export const CHECKOUT_OUTCOMES = ['live', 'cached', 'stale', 'last-known-good', 'fallback', 'none'] as const;
export type CheckoutOutcome = (typeof CHECKOUT_OUTCOMES)[number];

/** `source` values other than live/fallback/none as the engine may name them (stale, last_known_good…). */
const NAMED_SOURCES: Readonly<Record<string, CheckoutOutcome>> = {
  stale: 'stale',
  'last-known-good': 'last-known-good',
  last_known_good: 'last-known-good',
  lastKnownGood: 'last-known-good',
  cached: 'cached',
};

export function checkoutOutcome(outcome: Pick<QuoteOutcome, 'source' | 'log'>): CheckoutOutcome {
  // The rate log names the outcome itself once quoting records it; otherwise it is read from the calls.
  const logged = (outcome.log as { readonly outcome?: string }).outcome;
  const recorded = logged === undefined ? undefined : CHECKOUT_OUTCOMES.find((known) => known === logged);
  if (recorded) return recorded;
  const source: string = outcome.source;
  if (source === 'fallback' || source === 'none') return source;
  const named = NAMED_SOURCES[source];
  if (named) return named;
  const answered = outcome.log.upstream.filter((call) => call.outcome === 'ok');
  for (const call of answered) {
    const cache = NAMED_SOURCES[call.cache];
    if (cache === 'stale' || cache === 'last-known-good') return cache;
  }
  return answered.length > 0 && answered.every((call) => call.cache === 'hit') ? 'cached' : 'live';
}
