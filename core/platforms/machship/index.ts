/** The MachShip adapter: `createMachShipPlatform` glues the mapper to the client. */
import type { FreightPlatform, PlatformFailure, PlatformResult } from '../freight-platform.js';
import type { HttpOutcome, HttpResponse } from '../http-client.js';
import { resultWithoutToken, withoutToken } from '../platform-outcomes.js';
import { createMachShipClient } from './client.js';
import type { MachShipSettings } from './client.js';
import {
  MACHSHIP_DISPLAY_NAME,
  localitiesRequest,
  parseLocalities,
  parsePermissionProbe,
  parseQuote,
  parseVerify,
  parseWarehouses,
  quoteRequest,
  verifyOutcomeFromFailure,
  verifyRequest,
  warehousesRequest,
} from './mapper.js';

import { createQuestionIdLookup } from './question-ids.js';
import { answeredQuestionIds, neededQuestions, type MachShipQuestion } from './questions.js';

export type { MachShipSettings } from './client.js';

export function createMachShipPlatform(settings: MachShipSettings): FreightPlatform {
  const client = createMachShipClient(settings);
  const questionIds = createQuestionIdLookup(client, settings.logger);

  return {
    name: 'machship',
    displayName: MACHSHIP_DISPLAY_NAME,
    // One host; the environment is the merchant's label, since MachShip does not say a user's.
    environments: ['live', 'test'],
    hasWarehouses: true,
    // MachShip publishes no figure: RateBridge's own cap per token (docs/platforms/machship.md).
    limits: { perMinute: 300, perDay: 30_000 },
    // A warehouse linked to a company location is priced from it (`fromCompanyLocationId`).
    pickupRef: { kind: 'warehouse', noun: 'company location' },

    async verifyToken(credentials, signal) {
      const ping = await client.send(credentials, verifyRequest, signal);
      const pinged = ping.ok ? parseVerify(ping.response) : verifyOutcomeFromFailure(ping.failure);
      if (pinged !== 'authenticated') return withoutToken(pinged, credentials.token);
      const probe = await client.send(credentials, warehousesRequest, signal);
      const outcome = probe.ok
        ? parsePermissionProbe(probe.response)
        : verifyOutcomeFromFailure(probe.failure);
      return withoutToken(outcome, credentials.token);
    },

    async quote(credentials, request, signal) {
      const needed = neededQuestions(request.delivery);
      const ids = await questionIds.idsFor(credentials, signal);
      // Priced without the question a home (or a tail-lift, ...) needs, the quote would be low and cached:
      // refused instead, so the checkout falls back or serves the lane's last good answer.
      if (!ids.ok && needed.length > 0) {
        return resultWithoutToken(
          { ok: false, failure: unpriceable(ids.failure, needed) },
          credentials.token,
        );
      }
      const questions = ids.ok ? answeredQuestionIds(ids.value, request.delivery) : [];
      const sent = await client.send(credentials, quoteRequest(request, questions), signal);
      return resultWithoutToken(read(sent, parseQuote), credentials.token);
    },

    async searchLocalities(credentials, query, signal) {
      const sent = await client.send(credentials, localitiesRequest(query), signal);
      return resultWithoutToken(read(sent, parseLocalities), credentials.token);
    },

    async listWarehouses(credentials, signal) {
      const sent = await client.send(credentials, warehousesRequest, signal);
      return resultWithoutToken(read(sent, parseWarehouses), credentials.token);
    },
  };
}

function read<T>(sent: HttpOutcome, parse: (response: HttpResponse) => PlatformResult<T>): PlatformResult<T> {
  return sent.ok ? parse(sent.response) : sent;
}

const QUESTION_WORDS: Readonly<Record<MachShipQuestion, string>> = {
  residential: 'residential delivery',
  tailLift: 'a tail-lift',
  authorityToLeave: 'authority to leave',
  handUnload: 'hand unload',
};

/** The question lookup's own failure (its reason decides retries and last-known-good), said for a merchant. */
function unpriceable(failure: PlatformFailure, needed: readonly MachShipQuestion[]): PlatformFailure {
  const what = needed.map((option) => QUESTION_WORDS[option]).join(', ');
  return {
    ...failure,
    detail: `${failure.detail} Without the account's surcharge questions RateBridge cannot price ${what} with its surcharge, so MachShip was not quoted rather than quoted low.`,
  };
}
