/**
 * Depot collection on Big Post (#15): the buyer's nearest depots, each priced as a collection from it
 * (getquote with `JobType` 1, depot, and that `DepotId`; the plugin's note PUB:449), as rates of their own:
 * "Collect from <depot>, <suburb>", key `depot:bigpost:<DepotId>` (what a checkout sends back as
 * `delivery.depot` when the buyer picks it). At most `maxDepots` of them, plus the depot the buyer already
 * chose when it is not among the nearest, so a chosen rate never disappears on the next refresh.
 *
 * Bounded: the depot list is looked up once a day per suburb (it is the same for every merchant), every
 * call runs on the checkout's signal and is metered by the token's budget like any other (a refused or
 * failed depot call only leaves that depot out; home or business delivery is still priced).
 */
import { LRUCache } from 'lru-cache';
import type {
  PlatformCredentials,
  PlatformQuoteRequest,
  PlatformResult,
  QuoteOption,
} from '../freight-platform.js';
import type { BigPostClient } from './client.js';
import { depotsRequest, parseDepots, titleCase, type BigPostDepot } from './depots.js';
import { bigPostId, parseQuote, quoteRequest, type BigPostQuoteBody, type LocalityIds } from './mapper.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export function createDepotCollection(client: BigPostClient) {
  const nearby = new LRUCache<string, readonly BigPostDepot[]>({ max: 5_000, ttl: DAY_MS });

  async function depotsNear(
    credentials: PlatformCredentials,
    request: PlatformQuoteRequest,
    signal?: AbortSignal,
  ): Promise<PlatformResult<readonly BigPostDepot[]>> {
    const { destination } = request;
    const key = [credentials.environment, destination.postcode, destination.suburb.toUpperCase()].join('|');
    const known = nearby.get(key);
    if (known) return { ok: true, value: known };
    const sent = await client.send(credentials, depotsRequest(destination), signal);
    if (!sent.ok) return sent;
    const read = parseDepots(sent.response);
    if (read.ok) nearby.set(key, read.value);
    return read;
  }

  return {
    /** The depot rates a quote asks for (none without `depotCollection`). */
    async options(
      credentials: PlatformCredentials,
      request: PlatformQuoteRequest,
      ids: LocalityIds,
      signal?: AbortSignal,
    ): Promise<readonly QuoteOption[]> {
      if (!request.depotCollection) return [];
      const listed = await depotsNear(credentials, request, signal);
      if (!listed.ok) return [];
      const nearest = listed.value.slice(0, request.depotCollection.maxDepots);
      const chosen = bigPostId(request.delivery.depot?.bigpost);
      const kept = nearest.some((depot) => depot.id === chosen)
        ? []
        : listed.value.filter((depot) => depot.id === chosen);
      const priced = await Promise.all(
        [...nearest, ...kept].map((depot) => priceDepot(client, credentials, request, ids, depot, signal)),
      );
      return priced.filter((option): option is QuoteOption => option !== undefined);
    },
  };
}

/** One depot priced as a collection from it: its cheapest DEPOT option, if any. */
async function priceDepot(
  client: BigPostClient,
  credentials: PlatformCredentials,
  request: PlatformQuoteRequest,
  ids: LocalityIds,
  depot: BigPostDepot,
  signal?: AbortSignal,
): Promise<QuoteOption | undefined> {
  const built = quoteRequest(request, ids);
  // Nothing is left unattended at a depot: authority to leave is not asked for.
  const body: BigPostQuoteBody = {
    ...(built.body as BigPostQuoteBody),
    JobType: 1,
    DepotId: depot.id,
    ReturnAuthorityToLeaveOptions: false,
  };
  const sent = await client.send(credentials, { ...built, body }, signal);
  if (!sent.ok) return undefined;
  const read = parseQuote(sent.response);
  if (!read.ok) return undefined;
  const cheapest = read.value
    .filter((option) => option.notes?.['jobType'] === 'DEPOT')
    .sort((a, b) => a.totalCents - b.totalCents)[0];
  return cheapest ? asCollection(cheapest, depot) : undefined;
}

function asCollection(option: QuoteOption, depot: BigPostDepot): QuoteOption {
  const where = depot.suburb ? `, ${titleCase(depot.suburb)}` : '';
  return {
    ...option,
    key: `depot:bigpost:${depot.id}`,
    name: `Collect from ${depot.name}${where}`,
    notes: { ...option.notes, depotId: depot.id },
  };
}
