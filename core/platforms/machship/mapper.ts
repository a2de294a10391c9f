/**
 * MachShip wire format <-> RateBridge types. Pure: builds request paths and bodies, reads responses
 * (status, headers, body) into outcomes. Shapes follow MachShip's OpenAPI document
 * (docs/platforms/machship.md lists each field and the document it comes from), read the way
 * the live API answers: enums as text ("Error", "Warning", "Carton") as well as the declared integers.
 */
import { z } from 'zod';
import { cents, dollarsToCents } from '../../money.js';
import type { Cents } from '../../money.js';
import { AU_STATES } from '../freight-platform.js';
import type {
  AuState,
  Locality,
  PackageType,
  PlatformFailure,
  PlatformQuoteRequest,
  PlatformResult,
  PlatformWarehouse,
  QuoteOption,
  QuoteResult,
  VerifyOutcome,
} from '../freight-platform.js';
import type { HttpRequest, HttpResponse } from '../http-client.js';
import {
  badResponse as platformBadResponse,
  calendarDate,
  displayName,
  failureFromStatus,
  rejectedRequest,
  verifyOutcomeFromFailure as platformVerifyOutcome,
  type StatusWording,
} from '../platform-outcomes.js';

export type MachShipRequest = Pick<HttpRequest, 'method' | 'path' | 'body'>;

export const MACHSHIP_DISPLAY_NAME = 'MachShip';

const badResponse = (status: number, what: string): PlatformFailure =>
  platformBadResponse(MACHSHIP_DISPLAY_NAME, status, what);

/** A failed call during a token check: the token was not judged. */
export const verifyOutcomeFromFailure = (failure: PlatformFailure): VerifyOutcome =>
  platformVerifyOutcome(failure, MACHSHIP_DISPLAY_NAME);
const LOCALITY_SEARCH_SIZE = 20;

/** `POST /apiv2/authenticate/ping`: answers `{object: true}` for a token MachShip accepts. */
export const verifyRequest: MachShipRequest = { method: 'POST', path: '/apiv2/authenticate/ping' };
/** `GET /apiv2/companyLocations/getAll`: the account's saved locations (also the permission probe). */
export const warehousesRequest: MachShipRequest = {
  method: 'GET',
  path: '/apiv2/companyLocations/getAll',
};

export function localitiesRequest(terms: string): MachShipRequest {
  return {
    method: 'POST',
    path: `/apiv2/locations/returnLocationsWithSearchOptions?s=${encodeURIComponent(terms.trim())}`,
    body: { retrievalSize: LOCALITY_SEARCH_SIZE },
  };
}

// --- quote request -------------------------------------------------------------------------------

/** MachShip's `ItemType` enum (the document's description: 1 = Carton, 2 = Skid, ...). */
export const MACHSHIP_ITEM_TYPES = {
  carton: 1,
  skid: 2,
  pallet: 3,
  crate: 4,
  satchel: 5,
  bag: 8,
  tube: 9,
  pack: 12,
} as const satisfies Record<PackageType, number>;

/** `CreateConsignmentItemV2`, as much of it as we fill. */
export interface MachShipRouteItem {
  readonly itemType: number;
  readonly name: string;
  readonly sku?: string;
  readonly quantity: number;
  readonly length: number;
  readonly width: number;
  readonly height: number;
  readonly weight: number;
}

/** `RouteRequestV2`, as much of it as we fill. */
export interface MachShipRoutesBody {
  readonly fromCompanyLocationId?: number;
  readonly fromLocation?: { readonly suburb: string; readonly postcode: string };
  readonly toLocation: { readonly suburb: string; readonly postcode: string };
  readonly toAddressLine1?: string;
  readonly toAddressLine2?: string;
  /** The company's surcharge question ids answered true (residential, tail-lift, ...; questions.ts). */
  readonly questionIds?: readonly number[];
  readonly items: readonly MachShipRouteItem[];
}

/** The company location a pickup point is linked to: its MachShip reference, when it is an id. */
export function companyLocationIdOf(request: PlatformQuoteRequest): number | undefined {
  const id = Number(request.pickup.platformRefs?.machship);
  return Number.isSafeInteger(id) && id > 0 ? id : undefined;
}

export function quoteRequest(
  request: PlatformQuoteRequest,
  questionIds: readonly number[] = [],
): MachShipRequest {
  const { pickup, destination } = request;
  const companyLocationId = companyLocationIdOf(request);
  const body: MachShipRoutesBody = {
    ...(companyLocationId === undefined
      ? { fromLocation: { suburb: pickup.suburb, postcode: pickup.postcode } }
      : { fromCompanyLocationId: companyLocationId }),
    toLocation: { suburb: destination.suburb, postcode: destination.postcode },
    ...(destination.addressLine1 ? { toAddressLine1: destination.addressLine1 } : {}),
    ...(destination.addressLine2 ? { toAddressLine2: destination.addressLine2 } : {}),
    ...(questionIds.length > 0 ? { questionIds } : {}),
    items: request.packages.map((line) => ({
      itemType: MACHSHIP_ITEM_TYPES[line.type],
      name: line.description,
      ...(line.sku ? { sku: line.sku } : {}),
      quantity: line.quantity,
      length: line.lengthCm,
      width: line.widthCm,
      height: line.heightCm,
      weight: line.weightKg,
    })),
  };
  return { method: 'POST', path: '/apiv2/routes/returnroutes', body };
}

// --- response schemas (unknown keys ignored: MachShip adds fields without notice) ----------------

const idSchema = z.union([z.number(), z.string()]);
const amountSchema = z.union([z.number(), z.string()]).nullish();

/**
 * `MachshipValidationType`: declared as 0 Success, 1 Error, 2 Info, 3 Warning, but the live API sends
 * the labels as text (reference README). Both are read; anything else is kept as unknown.
 */
const VALIDATION_TYPES = ['Success', 'Error', 'Info', 'Warning'] as const;
type ValidationType = (typeof VALIDATION_TYPES)[number] | 'Unknown';

const validationTypeSchema = z
  .union([z.number(), z.string()])
  .nullish()
  .transform((value): ValidationType => {
    if (typeof value === 'number') return VALIDATION_TYPES[value] ?? 'Unknown';
    const text = value?.trim().toLowerCase();
    return VALIDATION_TYPES.find((type) => type.toLowerCase() === text) ?? 'Unknown';
  });

const validationResultSchema = z.looseObject({
  memberNames: z.array(z.string()).nullish(),
  errorMessage: z.string().nullish(),
  validationType: validationTypeSchema,
});

const envelopeSchema = z.looseObject({
  object: z.unknown(),
  errors: z.array(validationResultSchema).nullish(),
});
type Envelope = z.infer<typeof envelopeSchema>;

const namedSchema = z.looseObject({
  id: idSchema,
  name: z.string().nullish(),
  abbreviation: z.string().nullish(),
  displayName: z.string().nullish(),
});

/** `RouteDespatchOptionLite`: dates come as `*Local` and `*Utc` date-times, the latter maybe without a zone. */
const despatchOptionSchema = z.looseObject({
  despatchDateLocal: z.string().nullish(),
  etaLocal: z.string().nullish(),
  totalBusinessDays: z.number().nullish(),
});

/** `SimpleRouteV2`. */
const routeSchema = z.looseObject({
  carrier: namedSchema,
  carrierService: namedSchema,
  // `CarrierAccountLite.isInTestMode`: the one place MachShip says test or live, per carrier account.
  carrierAccount: z.looseObject({ isInTestMode: z.boolean().nullish() }).nullish(),
  despatchOptions: z.array(z.unknown()).nullish(),
  consignmentTotal: z
    .looseObject({
      totalSellPrice: amountSchema,
      totalTaxSellPrice: amountSchema,
      totalSellBeforeTax: amountSchema,
    })
    .nullish(),
});
type Route = z.infer<typeof routeSchema>;

/** `RoutesResponseV2`: `routes` is nullable in the document; null means none. */
const routesObjectSchema = z.looseObject({ routes: z.array(z.unknown()).nullable() });

const stateSchema = z.looseObject({ code: z.string().nullish() }).nullish();

/** `LocationV2`. */
const locationSchema = z.looseObject({
  id: idSchema.nullish(),
  suburb: z.string(),
  postcode: z.union([z.string(), z.number()]),
  state: stateSchema,
});

/** `CompanyLocationV2` (which has no test-mode flag: test or live is not a property of a location). */
const companyLocationSchema = z.looseObject({
  id: idSchema,
  name: z.string().nullish(),
  addressLine1: z.string().nullish(),
  location: locationSchema,
});

// --- responses shared by every call ------------------------------------------------------------

const wording = (refusedWhat: string): StatusWording => ({
  displayName: MACHSHIP_DISPLAY_NAME,
  unauthorized:
    'MachShip no longer accepts this token: it may have been revoked or expired. Create a new token in MachShip under My API Tokens and replace it in RateBridge.',
  forbidden: `MachShip refused to let this token's user ${refusedWhat}. Give that user the permission in MachShip, or use a token created on a user that has it.`,
});

/** The messages of validation results of type Error; Success, Info and Warning never fail a call. */
function errorMessages(envelope: Envelope): string[] {
  return (envelope.errors ?? [])
    .filter((result) => result.validationType === 'Error')
    .map((result) => result.errorMessage?.trim() || 'unspecified error');
}

/** Reads the `{object, errors}` envelope of any call; `object` is handed back unparsed. */
export function readEnvelope(
  response: HttpResponse,
  options: { readonly refusedWhat: string; readonly doing: string; readonly what: string },
): PlatformResult<unknown> {
  const failure = failureFromStatus(response, wording(options.refusedWhat));
  if (failure) return { ok: false, failure };
  const envelope = envelopeSchema.safeParse(response.body);
  if (!envelope.success) return { ok: false, failure: badResponse(response.status, options.what) };
  const messages = errorMessages(envelope.data);
  if (messages.length > 0) {
    return {
      ok: false,
      failure: rejectedRequest(MACHSHIP_DISPLAY_NAME, response.status, messages, options.doing),
    };
  }
  if (response.status < 200 || response.status > 299) {
    return { ok: false, failure: badResponse(response.status, options.what) };
  }
  return { ok: true, value: envelope.data.object };
}

// --- quotes --------------------------------------------------------------------------------------

export function parseQuote(response: HttpResponse): QuoteResult {
  const read = readEnvelope(response, {
    refusedWhat: 'price consignments',
    doing: 'price this shipment',
    what: 'prices',
  });
  if (!read.ok) return read;
  const object = routesObjectSchema.safeParse(read.value);
  if (!object.success) return { ok: false, failure: badResponse(response.status, 'prices') };

  // Two routes can share a carrier service (e.g. two carrier accounts); the key must stay unique.
  const cheapest = new Map<string, QuoteOption>();
  for (const raw of object.data.routes ?? []) {
    const route = routeSchema.safeParse(raw);
    const option = route.success ? routeToOption(route.data) : undefined;
    if (!option) continue;
    const kept = cheapest.get(option.key);
    if (!kept || option.totalCents < kept.totalCents) cheapest.set(option.key, option);
  }
  return { ok: true, value: [...cheapest.values()] };
}

function routeToOption(route: Route): QuoteOption | undefined {
  const totalCents = toCents(route.consignmentTotal?.totalSellPrice);
  // Zero-priced routes are services that cannot actually carry the goods.
  if (totalCents === undefined || totalCents <= 0) return undefined;
  // The GST MachShip states; without it, the price less its before-tax price (both MachShip's own figures).
  const beforeTax = toCents(route.consignmentTotal?.totalSellBeforeTax);
  const taxCents =
    toCents(route.consignmentTotal?.totalTaxSellPrice) ??
    (beforeTax === undefined ? undefined : cents(totalCents - beforeTax));
  const testMode = route.carrierAccount?.isInTestMode;
  const carrierId = String(route.carrier.id);
  const serviceId = String(route.carrierService.id);
  return {
    key: `machship:${carrierId}:${serviceId}`,
    carrier: { id: carrierId, name: nameOf(route.carrier, `Carrier ${carrierId}`) },
    service: { code: serviceId, name: nameOf(route.carrierService, `Service ${serviceId}`) },
    totalCents,
    taxCents: taxCents !== undefined && taxCents >= 0 && taxCents <= totalCents ? taxCents : cents(0),
    ...despatchFacts(route),
    ...(typeof testMode === 'boolean' ? { notes: { testMode } } : {}),
  };
}

/**
 * No Australian road service takes three months: a `totalBusinessDays` past this is nonsense (a carrier's
 * placeholder, a bad row), left out rather than counted into a delivery date.
 */
const MAX_TRANSIT_BUSINESS_DAYS = 60;

/** Business days and dates of the first (earliest) despatch option. */
function despatchFacts(route: Route): Pick<QuoteOption, 'eta' | 'dates'> {
  const first = despatchOptionSchema.safeParse(route.despatchOptions?.[0]);
  if (!first.success) return {};
  const days = first.data.totalBusinessDays;
  const despatch = calendarDate(first.data.despatchDateLocal);
  const delivery = calendarDate(first.data.etaLocal);
  return {
    ...(typeof days === 'number' && Number.isInteger(days) && days >= 0 && days <= MAX_TRANSIT_BUSINESS_DAYS
      ? { eta: { minDays: days, maxDays: days } }
      : {}),
    ...(despatch || delivery
      ? { dates: { ...(despatch ? { despatch } : {}), ...(delivery ? { delivery } : {}) } }
      : {}),
  };
}

function toCents(amount: number | string | null | undefined): Cents | undefined {
  return amount === null || amount === undefined ? undefined : dollarsToCents(amount);
}

function nameOf(named: z.infer<typeof namedSchema>, fallback: string): string {
  return (
    displayName(named.displayName) ?? displayName(named.name) ?? displayName(named.abbreviation) ?? fallback
  );
}

// --- localities and warehouses -------------------------------------------------------------------

function auState(code: string | null | undefined): AuState | undefined {
  const upper = code?.trim().toUpperCase();
  return AU_STATES.find((state) => state === upper);
}

function postcodeText(postcode: string | number): string {
  return String(postcode).trim().padStart(4, '0');
}

export function parseLocalities(response: HttpResponse): PlatformResult<readonly Locality[]> {
  const read = readEnvelope(response, {
    refusedWhat: 'search suburbs',
    doing: 'search suburbs',
    what: 'suburbs',
  });
  if (!read.ok) return read;
  const list = z.array(z.unknown()).safeParse(read.value ?? []);
  if (!list.success) return { ok: false, failure: badResponse(response.status, 'suburbs') };

  const localities: Locality[] = [];
  for (const raw of list.data) {
    const location = locationSchema.safeParse(raw);
    if (!location.success) continue;
    // The search can include New Zealand and international places; only Australian states are usable.
    const state = auState(location.data.state?.code);
    if (!state) continue;
    const id = location.data.id;
    localities.push({
      suburb: location.data.suburb,
      postcode: postcodeText(location.data.postcode),
      state,
      ...(id === null || id === undefined ? {} : { platformId: String(id) }),
    });
  }
  return { ok: true, value: localities };
}

export function parseWarehouses(response: HttpResponse): PlatformResult<readonly PlatformWarehouse[]> {
  const read = readCompanyLocations(response);
  return read.ok ? { ok: true, value: read.value.map(toWarehouse) } : read;
}

type CompanyLocation = z.infer<typeof companyLocationSchema>;

function readCompanyLocations(response: HttpResponse): PlatformResult<readonly CompanyLocation[]> {
  const read = readEnvelope(response, {
    refusedWhat: 'read company locations',
    doing: 'list company locations',
    what: 'company locations',
  });
  if (!read.ok) return read;
  const list = z.array(z.unknown()).safeParse(read.value ?? []);
  if (!list.success) return { ok: false, failure: badResponse(response.status, 'company locations') };
  const locations: CompanyLocation[] = [];
  for (const raw of list.data) {
    const location = companyLocationSchema.safeParse(raw);
    if (location.success) locations.push(location.data);
  }
  return { ok: true, value: locations };
}

function toWarehouse(location: CompanyLocation): PlatformWarehouse {
  const id = String(location.id);
  const state = location.location.state?.code?.trim() ?? '';
  return {
    platformId: id,
    name: location.name?.trim() || `Location ${id}`,
    ...(location.addressLine1 ? { addressLine1: location.addressLine1 } : {}),
    suburb: location.location.suburb,
    postcode: postcodeText(location.location.postcode),
    state: auState(state) ?? state,
  };
}

// --- verifying a token ---------------------------------------------------------------------------

const REJECTED_DETAIL =
  'MachShip did not accept this token. It may be mistyped, expired or revoked: create a new one in MachShip under My API Tokens (it is shown only once) and paste it here.';

/**
 * Reads the ping. `authenticated` means go on to the permission probe; anything else is final.
 * MachShip's API overview names 401 for a token it does not accept; a 403 is read the same way.
 */
export function parseVerify(response: HttpResponse): VerifyOutcome | 'authenticated' {
  if (response.status === 401 || response.status === 403) {
    return { status: 'rejected', detail: REJECTED_DETAIL };
  }
  const failure = failureFromStatus(response, wording('check tokens'));
  if (failure) return verifyOutcomeFromFailure(failure);
  const envelope = envelopeSchema.safeParse(response.body);
  if (response.status === 200 && envelope.success && envelope.data.object === true) return 'authenticated';
  if (response.status === 200 && envelope.success && envelope.data.object === false) {
    return { status: 'rejected', detail: REJECTED_DETAIL };
  }
  return verifyOutcomeFromFailure(badResponse(response.status, 'an answer to the token check'));
}

const FORBIDDEN_DETAIL =
  'MachShip accepted this token, but its user cannot read your company locations, which quoting needs. Give that MachShip user access to company locations (or create the token on a user that has it) and paste it here.';

/**
 * What a valid token's check says about test and live. MachShip's API does not say whether a token's
 * user is a test user (ping answers a bare boolean, company locations carry no such flag); only each
 * priced route says whether its carrier account is in test mode.
 */
const VALID_DETAIL =
  "MachShip accepted this token and it can read your company locations. MachShip does not tell whether the token's user is a test or a live user, so RateBridge cannot check the environment you chose; each quote's rate log shows whether MachShip priced it on a carrier account in test mode.";

/** Reads the company-locations probe made after a successful ping. */
export function parsePermissionProbe(response: HttpResponse): VerifyOutcome {
  // The token passed ping a moment ago, so a refusal here is about permission, not the token.
  if (response.status === 401 || response.status === 403) {
    return { status: 'forbidden', detail: FORBIDDEN_DETAIL };
  }
  const read = readCompanyLocations(response);
  if (!read.ok) {
    return read.failure.reason === 'rejected_request'
      ? { status: 'forbidden', detail: `${FORBIDDEN_DETAIL} (${read.failure.detail})` }
      : verifyOutcomeFromFailure(read.failure);
  }
  return { status: 'valid', detail: VALID_DETAIL };
}
