/**
 * The same cart asked again within a second is answered with the first answer rather than quoted again.
 * A checkout calls back for one cart several times in a row (Shopify asks at each step of its checkout and
 * again when the buyer edits the address; a WooCommerce page recalculates on every cart change), and a
 * cache-hit quote rereads the tenant's documents, repacks and recombines to arrive at the same rates.
 *
 * Exactly as fresh as quoting again, within its window:
 *   - an answer is kept only when every price in it came from the platform or the quote cache (`live` or
 *     `cached`), every call answered before the deadline: never a cut-short answer, fallback rates, stale
 *     or last-known-good prices, previews or unrecorded quotes;
 *   - a document write for the tenant through this instance (settings, connections, locations, packaging:
 *     `Store.writeGeneration`) ends every answer of that tenant at once; a write through another instance
 *     sharing Redis is seen within the window;
 *   - the window is a second at most, never longer than the quote cache's TTL, and ends at the minute: the
 *     despatch cut-offs and delivery dates the answer holds are worked out to the minute;
 *   - every answer is still a checkout of its own: its own rate-log entry (its prices marked as served from
 *     cache), metrics and alerts.
 */
import { LRUCache } from 'lru-cache';
import type { AnswerMemo, QuoteOutcome } from './engine-dependencies.js';
import type { QuoteRequest } from './quote-request.js';

export type { AnswerMemo } from './engine-dependencies.js';

/** How long an answer is reused at most. */
export const ANSWER_MEMO_MS = 1000;
const MAX_ANSWERS = 2000;

interface Kept {
  readonly outcome: QuoteOutcome;
  readonly generation: number;
  readonly from: number;
  readonly until: number;
}

export function createAnswerMemo(options: {
  /** The tenant's document-write generation (Store.writeGeneration). */
  readonly generation: (tenant: string) => number;
  /** The quote cache's TTL: an answer is never reused for longer. */
  readonly cacheTtlMs: number;
}): AnswerMemo {
  const windowMs = Math.min(ANSWER_MEMO_MS, options.cacheTtlMs);
  // Purged as they expire, so a quiet instance does not hold its last 2,000 answers.
  const answers = new LRUCache<string, Kept>({
    max: MAX_ANSWERS,
    ...(windowMs > 0 ? { ttl: windowMs, ttlAutopurge: true } : {}),
  });
  // The request as the front end built it: the same cart from the same front end is the same text.
  const keyOf = (tenant: string, request: QuoteRequest) => `${tenant}\n${JSON.stringify(request)}`;

  return {
    generation: options.generation,
    find(tenant, request, now) {
      if (windowMs <= 0) return undefined;
      const key = keyOf(tenant, request);
      const kept = answers.get(key);
      if (!kept) return undefined;
      // `from`: a clock stepped back does not stretch the window.
      const fresh = now >= kept.from && now < kept.until;
      if (fresh && kept.generation === options.generation(tenant)) return kept.outcome;
      answers.delete(key);
      return undefined;
    },
    keep(tenant, request, outcome, generation, startedAt) {
      if (windowMs <= 0 || !reusable(outcome)) return;
      const nextMinute = Math.floor(startedAt / 60_000) * 60_000 + 60_000;
      answers.set(keyOf(tenant, request), {
        outcome,
        generation,
        from: startedAt,
        until: Math.min(startedAt + windowMs, nextMinute),
      });
    },
  };
}

/**
 * Only answers priced in full by the platforms (directly or through the quote cache): every call answered,
 * none timed out or failed. An answer the deadline cut short (`keep` is not called then) or that lacks a
 * connection's rates would be less than the next quote gives.
 */
function reusable(outcome: QuoteOutcome): boolean {
  const { log } = outcome;
  return (
    outcome.source === 'live' &&
    (log.outcome === 'live' || log.outcome === 'cached') &&
    log.upstream.length > 0 &&
    log.upstream.every((call) => call.outcome === 'ok')
  );
}
