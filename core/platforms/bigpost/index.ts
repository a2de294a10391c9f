/** The Big Post adapter: `createBigPostPlatform` glues the mapper to the client. */
import type {
  FreightPlatform,
  PlatformCredentials,
  PlatformQuoteRequest,
  QuoteResult,
} from '../freight-platform.js';
import { resultWithoutToken, withoutToken } from '../platform-outcomes.js';
import { createBigPostClient } from './client.js';
import type { BigPostClient, BigPostSettings } from './client.js';
import { createDepotCollection, type DepotCollection } from './depot-collection.js';
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
  type LocalityIds,
} from './mapper.js';

export type { BigPostSettings } from './client.js';

/**
 * How long the home or business rates wait, once landed, for depot rates still out: an eighth of the
 * platform timeout, at most a second. Started together, depots usually land with the main quote; one that
 * has not by then is left out of this answer rather than hold the checkout.
 */
const DEPOT_GRACE_SHARE = 1 / 8;
const DEPOT_GRACE_MAX_MS = 1_000;

export function createBigPostPlatform(settings: BigPostSettings): FreightPlatform {
  const client = createBigPostClient(settings);
  const localityIds = createLocalityIdResolver(client);
  const depotCollection = createDepotCollection(client);
  const depotGraceMs = Math.min(DEPOT_GRACE_MAX_MS, settings.timeoutMs * DEPOT_GRACE_SHARE);

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
      return quoteWithDepots({ client, depotCollection, depotGraceMs }, credentials, request, ids, signal);
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

/**
 * The home or business quote, asked first (first to the token's budget), and the depots beside it: they
 * never hold it up by more than the grace, nor fail it (depot-collection.ts).
 */
async function quoteWithDepots(
  parts: { client: BigPostClient; depotCollection: DepotCollection; depotGraceMs: number },
  credentials: PlatformCredentials,
  request: PlatformQuoteRequest,
  ids: LocalityIds,
  signal: AbortSignal,
): Promise<QuoteResult> {
  const main = parts.client.send(credentials, quoteRequest(request, ids), signal);
  const depots = parts.depotCollection.start(credentials, request, ids, signal);
  const sent = await main;
  const parsed = sent.ok ? parseQuote(sent.response) : sent;
  if (!parsed.ok) {
    depots.cancel();
    return resultWithoutToken(parsed, credentials.token);
  }
  const landed = await depots.settle(parts.depotGraceMs);
  // Collection is priced per depot; the one Big Post adds to a blank JobType answer is left out.
  return {
    ok: true,
    value: [...parsed.value.filter((o) => o.notes?.['jobType'] !== 'DEPOT'), ...landed.options],
    ...(landed.complete ? {} : { incomplete: true }),
  };
}
