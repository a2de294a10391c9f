/**
 * The account's surcharge question ids (questions.ts), looked up once per token and kept an hour: they
 * change only when the company edits its questions. One lookup at a time per token (checkouts at once
 * share it), on the signal of the call that needs it (the shared flight's PLATFORM_TIMEOUT_MS signal,
 * core/quoting/shared-flight.ts) and the token's budget like any call.
 *
 * A failed lookup is an answer too: kept a minute, so a broken endpoint costs one call a minute rather than
 * one per checkout (a refused budget, a 401 or an aborted call is not kept), and handed back as the failure
 * it was, so the adapter refuses a quote that needs a question id rather than price it without the
 * surcharge (index.ts).
 */
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Logger } from '../../logger.js';
import type { FailureReason, PlatformCredentials, PlatformResult } from '../freight-platform.js';
import type { MachShipClient } from './client.js';
import { parseQuestions, questionsRequest, type QuestionIds } from './questions.js';

const HOUR_MS = 60 * 60 * 1000;
const FAILED_MS = 60 * 1000;
const NOT_KEPT: ReadonlySet<FailureReason> = new Set(['aborted', 'budget_exhausted', 'unauthorized']);

export type QuestionLookupLogger = Pick<Logger, 'warn'>;

export function createQuestionIdLookup(client: MachShipClient, logger?: QuestionLookupLogger) {
  const known = new LRUCache<string, { readonly read: PlatformResult<QuestionIds> }>({
    max: 1_000,
    ttl: HOUR_MS,
  });
  const asking = new Map<string, Promise<PlatformResult<QuestionIds>>>();

  async function ask(credentials: PlatformCredentials, key: string, signal?: AbortSignal) {
    const sent = await client.send(credentials, questionsRequest, signal);
    const read = sent.ok ? parseQuestions(sent.response) : sent;
    if (read.ok) {
      known.set(key, { read });
      if (read.value.residential === undefined) warnNoResidential(logger, read.value);
    }
    // Kept only when it says something about the endpoint: not a call that gave up, not a refusal of our
    // own budget (nothing was asked), not a 401 (the token lifecycle reacts to it; a new token asks anew).
    else if (!NOT_KEPT.has(read.failure.reason)) known.set(key, { read }, { ttl: FAILED_MS });
    return read;
  }

  return {
    async idsFor(
      credentials: PlatformCredentials,
      signal?: AbortSignal,
    ): Promise<PlatformResult<QuestionIds>> {
      // Keyed by a hash of the token: the ids are the token's company's; the token itself is not kept.
      const key = createHash('sha256').update(credentials.token).digest('base64url');
      const remembered = known.get(key);
      if (remembered) return remembered.read;
      let running = asking.get(key);
      if (!running) {
        running = ask(credentials, key, signal).finally(() => asking.delete(key));
        asking.set(key, running);
      }
      return running;
    },
  };
}

/**
 * Once per lookup (an hour per token): the account prices homes like businesses. Not a refusal: it is the
 * company's own set-up, and a consignment booked on it is charged the same way (docs/platforms/machship.md).
 * Says which questions were found, never the token.
 */
function warnNoResidential(logger: QuestionLookupLogger | undefined, ids: QuestionIds): void {
  logger?.warn(
    { platform: 'machship', questionsFound: Object.keys(ids) },
    'MachShip account has no residential delivery question: home deliveries are quoted without a residential surcharge',
  );
}
