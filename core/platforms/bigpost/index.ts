import type { FreightPlatform } from '../freight-platform.js';
import { createBigPostClient } from './client.js';
import type { BigPostSettings } from './client.js';
import { createLocalityIdResolver } from './locality-ids.js';
import {
  BIGPOST_DISPLAY_NAME,
  VERIFY_SUBURB,
  otherEnvironment,
  parseQuoteResponse,
  parseSuburbsResponse,
  quoteRequest,
  readOtherHostProbe,
  readVerifyResponse,
  suburbSearchRequest,
  toLocalities,
  verifyOutcomeFromFailure,
} from './mapper.js';
import { resultWithoutToken, withoutToken } from '../platform-outcomes.js';

export type { BigPostSettings } from './client.js';

export function createBigPostPlatform(settings: BigPostSettings): FreightPlatform {
  const client = createBigPostClient(settings);
  const localityIds = createLocalityIdResolver(client);

  return {
    name: 'bigpost',
    displayName: BIGPOST_DISPLAY_NAME,
    environments: ['live', 'test'],
    hasWarehouses: false,

    async verifyToken(credentials, signal) {
      const { environment, token } = credentials;
      const lookup = suburbSearchRequest(VERIFY_SUBURB);
      const sent = await client.send(environment, token, lookup, signal);
      const outcome = sent.ok
        ? readVerifyResponse(sent.response, environment)
        : verifyOutcomeFromFailure(sent.failure);
      if (outcome.status !== 'rejected') return withoutToken(outcome, token);

      // Live and staging tokens are separate: a token refused here may belong to the other host.
      const other = otherEnvironment(environment);
      const probe = await client.send(other, token, lookup, signal);
      const wrongEnvironment = probe.ok ? readOtherHostProbe(probe.response, other) : undefined;
      return withoutToken(wrongEnvironment ?? outcome, token);
    },

    async quote(credentials, request, signal) {
      const { pickup, destination } = request;
      const [pickupId, buyerId] = await Promise.all([
        pickup.bigpostLocalityId === undefined
          ? localityIds.resolve(credentials, pickup, 'pickup', signal)
          : ({ ok: true, value: pickup.bigpostLocalityId } as const),
        localityIds.resolve(credentials, destination, 'delivery', signal),
      ]);
      if (!pickupId.ok) return resultWithoutToken(pickupId, credentials.token);
      if (!buyerId.ok) return resultWithoutToken(buyerId, credentials.token);

      const body = quoteRequest(request, { pickup: pickupId.value, buyer: buyerId.value });
      const sent = await client.send(credentials.environment, credentials.token, body, signal);
      return resultWithoutToken(sent.ok ? parseQuoteResponse(sent.response) : sent, credentials.token);
    },

    async searchLocalities(credentials, query, signal) {
      const sent = await client.send(
        credentials.environment,
        credentials.token,
        suburbSearchRequest(query),
        signal,
      );
      const read = sent.ok ? parseSuburbsResponse(sent.response) : sent;
      return resultWithoutToken(
        read.ok ? { ok: true, value: toLocalities(read.value) } : read,
        credentials.token,
      );
    },

    async listWarehouses() {
      // Big Post keeps no saved pickup locations: every quote carries its own.
      return { ok: true, value: [] };
    },
  };
}
