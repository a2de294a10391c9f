/**
 * Depot collection on Big Post (#15): the buyer's nearest depots, each priced as a collection from it
 * (getquote with `JobType` 1, depot, and that `DepotId`; the plugin's note PUB:449), as rates of their own:
 * "Collect from <depot>, <suburb>", key `depot:bigpost:<DepotId>` (what a checkout sends back as
 * `delivery.depot` when the buyer picks it). At most `maxDepots` of them, plus the depot the buyer already
 * chose when it is not among the nearest, so a chosen rate never disappears on the next refresh.
 *
 * Bounded, and never in the way of the home or business rates: the depot list is looked up once a day per
 * suburb (it is the same for every merchant); the depots are priced side by side, started with the main
 * quote and on the signal the adapter is called with (the shared flight's PLATFORM_TIMEOUT_MS signal,
 * core/quoting/shared-flight.ts), each metered by the token's budget like any other call. Once the main
 * quote has landed they get a short grace (`settle`), then whatever landed is appended and the rest is
 * cancelled: a depot refused by the budget, failing or slow only leaves that depot out. A run that left a
 * depot out says so (`complete: false`), so the answer is cached briefly, not for the full TTL.
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

export interface DepotRun {
  /**
   * The depot rates landed by now, or within `graceMs` more (sooner if the signal fires), nearest first;
   * `complete` when every depot asked for was priced or had no collection to offer. Cancels the rest.
   */
  settle(graceMs: number): Promise<{ readonly options: readonly QuoteOption[]; readonly complete: boolean }>;
  /** Cancels every depot call still running (the main quote failed: nothing will be appended). */
  cancel(): void;
}

const NOTHING_ASKED: DepotRun = { settle: async () => ({ options: [], complete: true }), cancel: () => {} };

export function createDepotCollection(client: BigPostClient) {
  const nearby = new LRUCache<string, readonly BigPostDepot[]>({ max: 5_000, ttl: DAY_MS });

  async function depotsNear(
    credentials: PlatformCredentials,
    request: PlatformQuoteRequest,
    signal: AbortSignal,
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
    /** Starts pricing the depot rates a quote asks for (none without `depotCollection`); see DepotRun. */
    start(
      credentials: PlatformCredentials,
      request: PlatformQuoteRequest,
      ids: LocalityIds,
      signal: AbortSignal,
    ): DepotRun {
      if (!request.depotCollection) return NOTHING_ASKED;
      const stop = new AbortController();
      const depotSignal = AbortSignal.any([signal, stop.signal]);
      const landed: Landed = { options: [], failed: false };
      const all = depotsNear(credentials, request, depotSignal).then(async (listed) => {
        if (!listed.ok) landed.failed = true;
        else
          await priceEach(wanted(request, listed.value), landed, (depot) =>
            priceDepot(client, credentials, request, ids, depot, depotSignal),
          );
      });
      return {
        async settle(graceMs) {
          const finished = await within(all, graceMs, signal);
          stop.abort();
          const options = landed.options.filter((option): option is QuoteOption => option !== undefined);
          return { options, complete: finished && !landed.failed };
        },
        cancel: () => stop.abort(),
      };
    },
  };
}

export type DepotCollection = ReturnType<typeof createDepotCollection>;

/** What the depot calls brought so far, in the depots' order (nearest first); `failed`: one did not answer. */
interface Landed {
  readonly options: (QuoteOption | undefined)[];
  failed: boolean;
}

/** The nearest `maxDepots`, plus the chosen depot when it is not among them. */
function wanted(request: PlatformQuoteRequest, listed: readonly BigPostDepot[]): BigPostDepot[] {
  const nearest = listed.slice(0, request.depotCollection?.maxDepots ?? 0);
  const chosen = bigPostId(request.delivery.depot?.bigpost);
  const kept = nearest.some((depot) => depot.id === chosen) ? [] : listed.filter((d) => d.id === chosen);
  return [...nearest, ...kept];
}

/** Every depot priced side by side, each kept in `landed` the moment it answers. */
async function priceEach(
  depots: readonly BigPostDepot[],
  landed: Landed,
  price: (depot: BigPostDepot) => Promise<PlatformResult<QuoteOption | undefined>>,
): Promise<void> {
  await Promise.all(
    depots.map(async (depot, index) => {
      const priced = await price(depot);
      if (priced.ok) landed.options[index] = priced.value;
      else landed.failed = true;
    }),
  );
}

/** Whether `work` finished within `ms` (false as soon as the signal fires). */
function within(work: Promise<void>, ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    const done = (finished: boolean) => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      resolve(finished);
    };
    const onAbort = () => done(false);
    const timer = setTimeout(() => done(false), Math.max(0, ms));
    if (signal.aborted) return done(false);
    signal.addEventListener('abort', onAbort, { once: true });
    void work.then(
      () => done(true),
      () => done(false),
    );
  });
}

/**
 * One depot priced as a collection from it: its cheapest DEPOT option; ok and undefined when Big Post
 * offers none there (an answer), a failure when the call or its reading failed (not an answer).
 */
async function priceDepot(
  client: BigPostClient,
  credentials: PlatformCredentials,
  request: PlatformQuoteRequest,
  ids: LocalityIds,
  depot: BigPostDepot,
  signal: AbortSignal,
): Promise<PlatformResult<QuoteOption | undefined>> {
  const built = quoteRequest(request, ids);
  // Nothing is left unattended at a depot: authority to leave is not asked for.
  const body: BigPostQuoteBody = {
    ...(built.body as BigPostQuoteBody),
    JobType: 1,
    DepotId: depot.id,
    ReturnAuthorityToLeaveOptions: false,
  };
  const sent = await client.send(credentials, { ...built, body }, signal);
  const read = sent.ok ? parseQuote(sent.response) : sent;
  if (!read.ok) return read;
  const cheapest = read.value
    .filter((option) => option.notes?.['jobType'] === 'DEPOT')
    .sort((a, b) => a.totalCents - b.totalCents)[0];
  return { ok: true, value: cheapest ? asCollection(cheapest, depot) : undefined };
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
