/** The Big Post adapter: `createBigPostPlatform` glues the mapper to the client. */
import type { FreightPlatform, PlatformCredentials, QuoteResult } from '../freight-platform.js';
import { resultWithoutToken, withoutToken } from '../platform-outcomes.js';
import { createBigPostClient } from './client.js';
import type { BigPostSettings } from './client.js';
import { createDepotCollection } from './depot-collection.js';
import { createLocalityIdResolver } from './locality-ids.js';
import {
  BIGPOST_DISPLAY_NAME,
  bigPostId,
  localitiesRequest,
  otherEnvironment,
  parseLocalities,
  parseOtherHostProbe,
  parseQuote,
  parseVerify,
  quoteRequest,
  verifyOutcomeFromFailure,
  verifyRequest,
} from './mapper.js';

export type { BigPostSettings } from './client.js';

export function createBigPostPlatform(settings: BigPostSettings): FreightPlatform {
  const client = createBigPostClient(settings);
  const localityIds = createLocalityIdResolver(client);
  const depotCollection = createDepotCollection(client);

  return {
    name: 'bigpost',
    displayName: BIGPOST_DISPLAY_NAME,
    environments: ['live', 'test'],
    hasWarehouses: false,
    // Big Post's API Fair Use Policy (docs/platforms/bigpost.md): 60 calls a minute, 2,000 a day.
    limits: { perMinute: 60, perDay: 2000 },
    // Quotes need the pickup suburb's LocalityId; a location's is looked up once and kept.
    pickupRef: { kind: 'locality' },

    async verifyToken(credentials, signal) {
      const sent = await client.send(credentials, verifyRequest, signal);
      const outcome = sent.ok
        ? parseVerify(sent.response, credentials.environment)
        : verifyOutcomeFromFailure(sent.failure);
      if (outcome.status !== 'rejected' && outcome.status !== 'forbidden') {
        return withoutToken(outcome, credentials.token);
      }

      // Live and staging tokens are separate: a token refused here may belong to the other host.
      const other: PlatformCredentials = {
        ...credentials,
        environment: otherEnvironment(credentials.environment),
      };
      const probe = await client.send(other, verifyRequest, signal);
      const wrongEnvironment = probe.ok ? parseOtherHostProbe(probe.response, other.environment) : undefined;
      return withoutToken(wrongEnvironment ?? outcome, credentials.token);
    },

    async quote(credentials, request, signal) {
      const { pickup, destination } = request;
      const knownPickup = bigPostId(pickup.platformRefs?.bigpost);
      const [pickupId, buyerId] = await Promise.all([
        knownPickup === undefined
          ? localityIds.resolve(credentials, pickup, 'pickup', signal)
          : ({ ok: true, value: knownPickup } as const),
        localityIds.resolve(credentials, destination, 'delivery', signal),
      ]);
      if (!pickupId.ok) return resultWithoutToken(pickupId, credentials.token);
      if (!buyerId.ok) return resultWithoutToken(buyerId, credentials.token);

      const ids = { pickup: pickupId.value, buyer: buyerId.value };
      const [sent, depots] = await Promise.all([
        client.send(credentials, quoteRequest(request, ids), signal),
        depotCollection.options(credentials, request, ids, signal),
      ]);
      const parsed = sent.ok ? parseQuote(sent.response) : sent;
      // Collection is priced per depot (depot-collection.ts); the one Big Post adds to a blank JobType
      // answer is left out, offered or not.
      const result: QuoteResult = parsed.ok
        ? { ok: true, value: [...parsed.value.filter((o) => o.notes?.['jobType'] !== 'DEPOT'), ...depots] }
        : parsed;
      return resultWithoutToken(result, credentials.token);
    },

    async searchLocalities(credentials, query, signal) {
      const sent = await client.send(credentials, localitiesRequest(query), signal);
      return resultWithoutToken(sent.ok ? parseLocalities(sent.response) : sent, credentials.token);
    },

    async listWarehouses() {
      // Big Post keeps no saved pickup locations: every quote carries its own.
      return { ok: true, value: [] };
    },
  };
}
