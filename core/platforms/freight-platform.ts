/**
 * The one contract every freight platform adapter implements (MachShip, Big Post, the sandbox).
 *
 * This file is the documentation of that contract; adapters barely need comments of their own.
 *
 * Shape of an adapter (machship/, bigpost/ and sandbox/ all have it, with the same names):
 *   - `mapper.ts`  pure functions: build the platform's requests from ours, parse its responses into
 *                  ours. No I/O, no clocks; tested with exact request/response fixture pairs. The names
 *                  are the same in every adapter: `verifyRequest` / `parseVerify`, `quoteRequest` /
 *                  `parseQuote`, `localitiesRequest` / `parseLocalities`, and `warehousesRequest` /
 *                  `parseWarehouses` where the platform keeps warehouses. Status codes every platform
 *                  shares (401, 403, 429, 5xx) are read by `failureFromStatus` in platform-outcomes.ts.
 *   - `client.ts`  HTTP only (axios with a keep-alive agent): `send(credentials, request, signal)` sends
 *                  what the mapper built, with the platform's auth header, a timeout and the caller's
 *                  AbortSignal; transport failures come back as `PlatformFailure`s.
 *   - `index.ts`   `create<Name>Platform(settings): FreightPlatform`, gluing the two.
 *
 * Anything only one platform understands (a MachShip company location id, a Big Post LocalityId) travels
 * through the core as an opaque string in `PlatformRefs`, keyed by platform name: only that platform's
 * adapter reads or writes it, so a new platform touches its own folder and the registry, nothing else.
 *
 * Rules every adapter keeps:
 *   1. Errors are data. No method throws for anything the platform or the network does: a rejected
 *      token, a 5xx, a timeout, a malformed body all come back as a typed outcome. Only programmer
 *      errors (a bug) may throw. The quote engine runs many adapters side by side and one failing must
 *      never fail the others.
 *   2. Every call is bounded: it takes an AbortSignal from the caller (the checkout deadline) and also
 *      applies the adapter's own timeout, whichever fires first.
 *   3. The token is a credential, never data: it goes into the platform's auth header and nowhere else:
 *      not into a failure detail, not into a log line, not into an error message.
 *   4. Money leaves an adapter as integer cents (`Cents`), converted from the platform's decimal dollars
 *      with `dollarsToCents` (10.10 -> 1010 exactly), never by multiplying a float.
 *   5. Details are written for a merchant: say what happened and what to do, in one or two sentences.
 */
import type { Cents } from '../money.js';
import { AU_STATES } from '../wire/vocabulary.js';
import type { PackagingPackage, PlatformRefs, PlatformWarehouse } from '../wire/admin-api-types.js';
import type { AuState, PlatformEnvironment, PlatformName } from '../wire/vocabulary.js';

// The word lists are part of the wire format (core/wire), which the admin UI shares.
export {
  AU_STATES,
  PACKAGE_TYPES,
  PLATFORM_ENVIRONMENTS,
  type AuState,
  type PackageType,
  type PlatformEnvironment,
  type PlatformName,
} from '../wire/vocabulary.js';

/** What an adapter needs to act as the merchant. Built from the sealed token just before a call. */
export interface PlatformCredentials {
  readonly token: string;
  readonly environment: PlatformEnvironment;
  /**
   * The token's outbound budget, when the caller meters it (quoting does). The adapter's client asks it
   * before every HTTP request it sends with these credentials, so a quote that needs three requests
   * (Big Post: two suburb lookups and the quote) spends three calls; refused, the request is not sent and
   * the adapter answers `budget_exhausted`.
   */
  readonly budget?: CallBudget;
}

// --- outbound budgets ----------------------------------------------------------------------------

/**
 * How many requests one token may send: what the platform publishes as its fair-use terms (Big Post:
 * 60 a minute and 2,000 a calendar day), or RateBridge's own cautious figure where it publishes none
 * (docs/platforms/<name>.md says which and cites the source). A connection may override either figure
 * (`ConnectionRecord.budget`) for an account with other terms. Counted across all instances.
 */
export interface CallLimits {
  /** At most this many requests in any 60 seconds. */
  readonly perMinute: number;
  /** At most this many requests in one calendar day (Australia/Sydney). */
  readonly perDay: number;
}

export type BudgetDecision =
  | { readonly granted: true }
  | { readonly granted: false; readonly window: 'minute' | 'day'; readonly retryAfterMs: number };

export interface CallBudget {
  /** Spends one request of the token's budget, or refuses without spending. Never throws. */
  spend(): Promise<BudgetDecision>;
}

// --- verifying a token ---------------------------------------------------------------------------

/**
 * The outcome of checking a pasted (or stored) token live against the platform.
 *   valid             the token authenticates and can read what quoting needs.
 *   rejected          the platform does not accept it: mistyped, expired or revoked. The merchant must
 *                     create a new token.
 *   forbidden         it authenticates but lacks a permission quoting needs (e.g. reading locations).
 *   wrong_environment it is a token of the other environment (a staging token used as live, or a live
 *                     MachShip user's token where a test one was chosen).
 *   unreachable       the platform did not answer in time or answered with a server error. Says nothing
 *                     about the token; try again later.
 *   rate_limited      the platform asked us to slow down. Says nothing about the token either.
 */
export type VerifyOutcome =
  | { readonly status: 'valid'; readonly detail: string; readonly account?: AccountSummary }
  | { readonly status: 'rejected'; readonly detail: string }
  | { readonly status: 'forbidden'; readonly detail: string }
  | {
      readonly status: 'wrong_environment';
      readonly detail: string;
      readonly tokenEnvironment?: PlatformEnvironment;
    }
  | { readonly status: 'unreachable'; readonly detail: string }
  | { readonly status: 'rate_limited'; readonly detail: string; readonly retryAfterSeconds?: number };

export type VerifyStatus = VerifyOutcome['status'];

/**
 * What the platform told us about the account behind a valid token (all optional: platforms differ).
 * `testMode` is set only when the platform itself says which side the token is on (Big Post: the host
 * that accepted it); absent means the platform does not say (MachShip) and the environment is as chosen.
 */
export interface AccountSummary {
  readonly name?: string;
  readonly testMode?: boolean;
}

// --- places --------------------------------------------------------------------------------------

export function isAuState(value: string | undefined): value is AuState {
  return value !== undefined && (AU_STATES as readonly string[]).includes(value);
}

/**
 * A suburb as the platform knows it. `platformId` is what the platform wants back for it (a Big Post
 * LocalityId, a MachShip location id); opaque to the core.
 */
export interface Locality {
  readonly suburb: string;
  readonly postcode: string;
  readonly state: AuState;
  readonly platformId?: string;
}

/**
 * Each platform's own reference for a place, keyed by `PlatformName`: an opaque string the core stores and
 * hands back, which only that platform's adapter interprets (MachShip: the company location id a warehouse
 * is linked to; Big Post: the suburb's LocalityId). An adapter ignores a reference it cannot read.
 */
export type { PlatformRefs } from '../wire/admin-api-types.js';

/** A pickup point: our warehouse, with whatever reference each platform keeps for it. */
export interface PickupPoint {
  readonly name: string;
  readonly addressLine1?: string;
  readonly suburb: string;
  readonly postcode: string;
  readonly state: AuState;
  readonly platformRefs?: PlatformRefs;
}

/** Where the goods go. Only what pricing needs: no names, streets beyond line 1/2, emails or phones. */
export interface Destination {
  readonly suburb: string;
  readonly postcode: string;
  readonly state: AuState;
  readonly addressLine1?: string;
  readonly addressLine2?: string;
}

/**
 * How the buyer takes delivery (#15), resolved for one quote from the checkout's answers and the merchant's
 * settings (core/quoting/resolve-delivery-options.ts). Each adapter maps them to its platform's own fields
 * (docs/platforms/); an option a platform has no field for is said so there, and not sent.
 */
export interface DeliveryOptions {
  /** A business address: business delivery instead of home (residential) delivery. */
  readonly isBusiness: boolean;
  /** A truck with a tail-lift is needed: nobody on site can unload heavy goods (no forklift, no dock). */
  readonly tailLift: boolean;
  /** The buyer allows the goods to be left without a signature: ask for authority-to-leave prices. */
  readonly authorityToLeave: boolean;
  /** The goods must be carried in by hand (no pallet jack or forklift at the door). */
  readonly handUnload: boolean;
  /** The depot the buyer chose to collect from, as that platform's opaque reference (Big Post DepotId). */
  readonly depot?: PlatformRefs;
}

/**
 * The merchant offers collection from depots (#15): platforms that have depots price the nearest ones as
 * options of their own (`QuoteOption.name` "Collect from <depot>, <suburb>", key `depot:<platform>:<id>`).
 */
export interface DepotCollection {
  /** At most this many depots, nearest to the buyer first. */
  readonly maxDepots: number;
}

/** A warehouse the platform account already has (MachShip company locations). */
export type { PlatformWarehouse } from '../wire/admin-api-types.js';

// --- quoting -------------------------------------------------------------------------------------

/** One kind of package, `quantity` of them, each of these dimensions and weight. */
export interface PackageLine extends PackagingPackage {
  /** Short text for the platform's item description (SKU or a generic word); never a customer's data. */
  readonly description: string;
  readonly sku?: string;
  readonly consolidatable?: boolean;
  /** Big Post's "Add MHP" setting of the merchant's box this package is (`Items[].isMHP`). */
  readonly bigPostMhp?: boolean;
}

export interface PlatformQuoteRequest {
  readonly pickup: PickupPoint;
  readonly destination: Destination;
  readonly delivery: DeliveryOptions;
  readonly packages: readonly PackageLine[];
  /** Absent: no depot collection options are wanted (a platform's own depot offers are left out). */
  readonly depotCollection?: DepotCollection;
}

/**
 * One priced way to ship: a carrier's service. `key` is stable across calls for the same carrier and
 * service (it becomes Shopify's `service_code`), so it must not contain prices or dates.
 */
export interface QuoteOption {
  readonly key: string;
  readonly carrier: { readonly id: string; readonly name: string };
  readonly service: { readonly code: string; readonly name: string };
  /** The rate's whole name when the platform names it itself (depot collection); else carrier + service. */
  readonly name?: string;
  /** What the merchant pays the platform, tax included. */
  readonly totalCents: Cents;
  /** The tax (GST) inside `totalCents`; 0 when the platform does not say. */
  readonly taxCents: Cents;
  /** Delivery estimate in business days from despatch, when the platform gives one. */
  readonly eta?: { readonly minDays: number; readonly maxDays: number };
  /**
   * The dates the platform gives, as calendar dates (`YYYY-MM-DD`) in the platform's local time:
   * `despatch` when the goods would leave, `delivery` the estimated arrival. Either may be absent.
   */
  readonly dates?: { readonly despatch?: string; readonly delivery?: string };
  /** Platform-specific facts kept for the rate log (e.g. `testMode`, Big Post JobType). */
  readonly notes?: Readonly<Record<string, string | number | boolean>>;
}

/**
 * Why a platform call failed. `unauthorized` is the one the token lifecycle listens for: quoting calls
 * `reportUnauthorized` on it so a revoked token is noticed at the first checkout that hits it.
 * `budget_exhausted` is ours, not the platform's: the token's budget (`CallBudget`) refused the request,
 * which was therefore never sent.
 */
export const FAILURE_REASONS = [
  'unauthorized',
  'forbidden',
  'rate_limited',
  'timeout',
  'aborted',
  'unreachable',
  'rejected_request',
  'bad_response',
  'budget_exhausted',
] as const;
export type FailureReason = (typeof FAILURE_REASONS)[number];

export interface PlatformFailure {
  readonly reason: FailureReason;
  /** Merchant-readable; never contains the token. */
  readonly detail: string;
  readonly httpStatus?: number;
  readonly retryAfterSeconds?: number;
}

export type PlatformResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly failure: PlatformFailure };

/**
 * A quote's answer. `incomplete`: good rates, but some the request asked for are missing for a passing
 * reason (a depot rate that did not land in time, or whose call failed), so the answer is cached briefly
 * rather than for the full TTL (core/quoting/quote-cache.ts).
 */
export type QuoteResult =
  | {
      readonly ok: true;
      readonly value: readonly QuoteOption[];
      readonly incomplete?: boolean;
    }
  | { readonly ok: false; readonly failure: PlatformFailure };

// --- the contract --------------------------------------------------------------------------------

export interface FreightPlatform {
  readonly name: PlatformName;
  /** As a merchant knows it: "MachShip", "Big Post". */
  readonly displayName: string;
  /** Environments this platform issues tokens for. */
  readonly environments: readonly PlatformEnvironment[];
  /** Whether `listWarehouses` means anything here (MachShip company locations: yes). */
  readonly hasWarehouses: boolean;
  /** Requests one token may send, per minute and per day (see `CallLimits`). */
  readonly limits: CallLimits;
  /**
   * What this platform keeps as a pickup point's reference (`PickupPoint.platformRefs[name]`), which the
   * core stores with a location without reading it:
   *   warehouse  the `platformId` of one of the account's warehouses (`listWarehouses`) the merchant
   *              linked the location to or imported it from; `noun` is what the platform calls them
   *              ("company location"), for messages;
   *   locality   the `platformId` of the location's suburb (`searchLocalities`), looked up when the
   *              location is saved (Big Post's LocalityId);
   *   none       nothing: the platform prices from the address alone.
   */
  readonly pickupRef:
    | { readonly kind: 'warehouse'; readonly noun: string }
    | { readonly kind: 'locality' }
    | { readonly kind: 'none' };

  /**
   * Checks the token live, as cheaply as the platform allows (MachShip: ping, then a read of company
   * locations for permission; Big Post: an authenticated suburb lookup). Never throws.
   */
  verifyToken(credentials: PlatformCredentials, signal?: AbortSignal): Promise<VerifyOutcome>;

  /**
   * Prices one group of packages from one pickup point to one destination. Options priced 0 are
   * dropped (platforms return them for services that cannot actually carry the goods).
   */
  quote(
    credentials: PlatformCredentials,
    request: PlatformQuoteRequest,
    signal: AbortSignal,
  ): Promise<QuoteResult>;

  /**
   * Suburb search (for pickup validation and autocomplete). `query` is a suburb name, a postcode, or a
   * suburb name followed by its postcode ("Richmond 3121"); an adapter whose platform cannot search by
   * both drops what it cannot use.
   */
  searchLocalities(
    credentials: PlatformCredentials,
    query: string,
    signal?: AbortSignal,
  ): Promise<PlatformResult<readonly Locality[]>>;

  /** The account's saved warehouses; an empty list where the platform has none (`hasWarehouses`). */
  listWarehouses(
    credentials: PlatformCredentials,
    signal?: AbortSignal,
  ): Promise<PlatformResult<readonly PlatformWarehouse[]>>;
}

/** Settings every HTTP adapter takes; validated by config, passed in by the registry. */
export interface HttpPlatformSettings {
  /** Per-call timeout when the caller's signal does not fire first. */
  readonly timeoutMs: number;
}
