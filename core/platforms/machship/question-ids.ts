/**
 * The account's surcharge question ids (questions.ts), looked up once per token and kept an hour: they
 * change only when the company edits its questions. One lookup at a time per token (checkouts at once
 * share it), on the checkout's signal and the token's budget like any call. When the lookup fails the
 * quote goes ahead without questions (MachShip then prices it as asked, without surcharges) and the
 * failure is kept a minute, so a broken endpoint costs one call a minute rather than one per checkout.
 */
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { PlatformCredentials } from '../freight-platform.js';
import type { MachShipClient } from './client.js';
import { parseQuestions, questionsRequest, type QuestionIds } from './questions.js';

const HOUR_MS = 60 * 60 * 1000;
const FAILED_MS = 60 * 1000;

export function createQuestionIdLookup(client: MachShipClient) {
  const known = new LRUCache<string, { readonly ids: QuestionIds }>({ max: 1_000, ttl: HOUR_MS });
  const asking = new Map<string, Promise<QuestionIds>>();

  async function ask(credentials: PlatformCredentials, key: string, signal?: AbortSignal) {
    const sent = await client.send(credentials, questionsRequest, signal);
    const read = sent.ok ? parseQuestions(sent.response) : sent;
    if (read.ok) known.set(key, { ids: read.value });
    // A checkout that gave up says nothing about the endpoint: the next one asks again.
    else if (read.failure.reason !== 'aborted') known.set(key, { ids: {} }, { ttl: FAILED_MS });
    return read.ok ? read.value : {};
  }

  return {
    async idsFor(credentials: PlatformCredentials, signal?: AbortSignal): Promise<QuestionIds> {
      // Keyed by a hash of the token: the ids are the token's company's; the token itself is not kept.
      const key = createHash('sha256').update(credentials.token).digest('base64url');
      const remembered = known.get(key);
      if (remembered) return remembered.ids;
      let running = asking.get(key);
      if (!running) {
        running = ask(credentials, key, signal).finally(() => asking.delete(key));
        asking.set(key, running);
      }
      return running;
    },
  };
}
