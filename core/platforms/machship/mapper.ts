/**
 * MachShip wire format <-> RateBridge types. Pure: builds request paths and bodies, reads responses
 * (status, headers, body) into outcomes. Shapes follow /work/shared/platforms.md.
 */
import { z } from 'zod';
import { cents, dollarsToCents } from '../../money.js';
import type { Cents } from '../../money.js';
import { AU_STATES } from '../freight-platform.js';
import type {
  AuState,
  Locality,
  PackageType,
  PlatformEnvironment,
  PlatformFailure,
  PlatformQuoteRequest,
  PlatformResult,
  PlatformWarehouse,
  QuoteOption,
  QuoteResult,
  VerifyOutcome,
} from '../freight-platform.js';
import { retryAfterSeconds } from '../http-client.js';
import type { HttpRequest, HttpResponse } from '../http-client.js';
import {
  badResponse as platformBadResponse,
  retryLater,
  verifyOutcomeFromFailure as platformVerifyOutcome,
  withoutFinalStop,
} from '../platform-outcomes.js';

export type MachShipRequest = Pick<HttpRequest, 'method' | 'path' | 'body'>;

export const MACHSHIP_DISPLAY_NAME = 'MachShip';

const badResponse = (status: number, what: string): PlatformFailure =>
  platformBadResponse(MACHSHIP_DISPLAY_NAME, status, what);

/** A failed call during a token check: the token was not judged. */
export const verifyOutcomeFromFailure = (failure: PlatformFailure): VerifyOutcome =>
  platformVerifyOutcome(failure, MACHSHIP_DISPLAY_NAME);
const LOCALITY_SEARCH_SIZE = 20;
const MAX_DETAIL_MESSAGES = 5;

export const pingRequest: MachShipRequest = { method: 'POST', path: '/apiv2/authenticate/ping' };
export const companyLocationsRequest: MachShipRequest = {
  method: 'GET',
  path: '/apiv2/companyLocations/getAll',
};

export function localitySearchRequest(terms: string): MachShipRequest {
  return {
    method: 'POST',
    path: `/apiv2/locations/returnLocationsWithSearchOptions?s=${encodeURIComponent(terms.trim())}`,
    body: { retrievalSize: LOCALITY_SEARCH_SIZE },
  };
}

// --- quote request -------------------------------------------------------------------------------

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

export interface MachShipRoutesBody {
  readonly fromCompanyLocationId?: number;
  readonly fromLocation?: { readonly suburb: string; readonly postcode: string };
  readonly toLocation: { readonly suburb: string; readonly postcode: string };
  readonly toAddressLine1?: string;
  readonly toAddressLine2?: string;
  readonly items: readonly MachShipRouteItem[];
}

export function routesRequest(request: PlatformQuoteRequest): MachShipRequest {
  const { pickup, destination } = request;
  const body: MachShipRoutesBody = {
    ...(pickup.machshipCompanyLocationId === undefined
      ? { fromLocation: { suburb: pickup.suburb, postcode: pickup.postcode } }
      : { fromCompanyLocationId: pickup.machshipCompanyLocationId }),
    toLocation: { suburb: destination.suburb, postcode: destination.postcode },
    ...(destination.addressLine1 ? { toAddressLine1: destination.addressLine1 } : {}),
    ...(destination.addressLine2 ? { toAddressLine2: destination.addressLine2 } : {}),
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

const envelopeErrorSchema = z.looseObject({
  memberNames: z.array(z.string()).nullish(),
  errorMessage: z.string().nullish(),
  validationType: z.number().nullish(),
});

const envelopeSchema = z.looseObject({
  object: z.unknown(),
  errors: z.array(envelopeErrorSchema).nullish(),
});
type Envelope = z.infer<typeof envelopeSchema>;

const namedSchema = z.looseObject({
  id: idSchema,
  name: z.string().nullish(),
  abbreviation: z.string().nullish(),
  displayName: z.string().nullish(),
});

const routeSchema = z.looseObject({
  carrier: namedSchema,
  carrierService: namedSchema,
  carrierAccount: z.looseObject({ isInTestMode: z.boolean().nullish() }).nullish(),
  despatchOptions: z.array(z.looseObject({ totalBusinessDays: z.number().nullish() })).nullish(),
  consignmentTotal: z
    .looseObject({ totalSellPrice: amountSchema, totalTaxSellPrice: amountSchema })
    .nullish(),
});
type Route = z.infer<typeof routeSchema>;

const routesObjectSchema = z.looseObject({ routes: z.array(z.unknown()) });

const stateSchema = z.looseObject({ code: z.string().nullish() }).nullish();

const locationSchema = z.looseObject({
  id: idSchema.nullish(),
  suburb: z.string(),
  postcode: z.union([z.string(), z.number()]),
  state: stateSchema,
});

const companyLocationSchema = z.looseObject({
  id: idSchema,
  name: z.string().nullish(),
  addressLine1: z.string().nullish(),
  location: locationSchema,
  // UNCONFIRMED: not documented on company locations; read in case MachShip includes it.
  isInTestMode: z.boolean().nullish(),
});

// --- responses shared by every call ------------------------------------------------------------

/** The failure an HTTP status means on its own, before the body is read. */
function statusFailure(response: HttpResponse, refusedWhat: string): PlatformFailure | undefined {
  const { status } = response;
  if (status === 401) {
    return {
      reason: 'unauthorized',
      httpStatus: status,
      detail:
        'MachShip no longer accepts this token: it may have been revoked or expired. Create a new token in MachShip under My API Tokens and replace it in RateBridge.',
    };
  }
  if (status === 403) {
    return {
      reason: 'forbidden',
      httpStatus: status,
      detail: `MachShip refused to let this token's user ${refusedWhat}. Give that user the permission in MachShip, or use a token created on a user that has it.`,
    };
  }
  if (status === 429) {
    const retryAfter = retryAfterSeconds(response.headers);
    return {
      reason: 'rate_limited',
      httpStatus: status,
      detail: `MachShip asked RateBridge to slow down. ${retryLater(retryAfter)}`,
      ...(retryAfter === undefined ? {} : { retryAfterSeconds: retryAfter }),
    };
  }
  if (status >= 500) {
    return {
      reason: 'unreachable',
      httpStatus: status,
      detail: `MachShip answered with a server error (HTTP ${status}). Try again in a few minutes.`,
    };
  }
  return undefined;
}

/** validationType 1 is an error; 0 success, 2 info and 3 warning do not fail a call. */
function envelopeErrorMessages(envelope: Envelope): string[] {
  return (envelope.errors ?? [])
    .filter((error) => error.validationType === 1)
    .map((error) => withoutFinalStop(error.errorMessage?.trim() ?? '') || 'unspecified error');
}

function rejectedRequest(status: number, messages: readonly string[], doing: string): PlatformFailure {
  const shown = messages.slice(0, MAX_DETAIL_MESSAGES).join('; ');
  const more =
    messages.length > MAX_DETAIL_MESSAGES ? ` (and ${messages.length - MAX_DETAIL_MESSAGES} more)` : '';
  return {
    reason: 'rejected_request',
    httpStatus: status,
    detail: `MachShip could not ${doing}: ${shown}${more}.`,
  };
}

/** Reads the `{object, errors}` envelope of any call; `object` is handed back unparsed. */
function readEnvelope(
  response: HttpResponse,
  options: { readonly refusedWhat: string; readonly doing: string; readonly what: string },
): PlatformResult<unknown> {
  const failure = statusFailure(response, options.refusedWhat);
  if (failure) return { ok: false, failure };
  const envelope = envelopeSchema.safeParse(response.body);
  if (!envelope.success) return { ok: false, failure: badResponse(response.status, options.what) };
  const messages = envelopeErrorMessages(envelope.data);
  if (messages.length > 0) {
    return { ok: false, failure: rejectedRequest(response.status, messages, options.doing) };
  }
  if (response.status < 200 || response.status > 299) {
    return { ok: false, failure: badResponse(response.status, options.what) };
  }
  return { ok: true, value: envelope.data.object };
}

// --- quotes --------------------------------------------------------------------------------------

export function parseRoutesResponse(response: HttpResponse): QuoteResult {
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
  for (const raw of object.data.routes) {
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
  const taxCents = toCents(route.consignmentTotal?.totalTaxSellPrice);
  const businessDays = route.despatchOptions?.[0]?.totalBusinessDays;
  const testMode = route.carrierAccount?.isInTestMode;
  const carrierId = String(route.carrier.id);
  const serviceId = String(route.carrierService.id);
  return {
    key: `machship:${carrierId}:${serviceId}`,
    carrier: { id: carrierId, name: nameOf(route.carrier, `Carrier ${carrierId}`) },
    service: { code: serviceId, name: nameOf(route.carrierService, `Service ${serviceId}`) },
    totalCents,
    taxCents: taxCents !== undefined && taxCents >= 0 && taxCents <= totalCents ? taxCents : cents(0),
    ...(typeof businessDays === 'number' && Number.isInteger(businessDays) && businessDays >= 0
      ? { eta: { minDays: businessDays, maxDays: businessDays } }
      : {}),
    ...(typeof testMode === 'boolean' ? { notes: { testMode } } : {}),
  };
}

function toCents(amount: number | string | null | undefined): Cents | undefined {
  return amount === null || amount === undefined ? undefined : dollarsToCents(amount);
}

function nameOf(named: z.infer<typeof namedSchema>, fallback: string): string {
  return named.displayName?.trim() || named.name?.trim() || named.abbreviation?.trim() || fallback;
}

// --- localities and warehouses -------------------------------------------------------------------

function auState(code: string | null | undefined): AuState | undefined {
  const upper = code?.trim().toUpperCase();
  return AU_STATES.find((state) => state === upper);
}

function postcodeText(postcode: string | number): string {
  return String(postcode).trim().padStart(4, '0');
}

export function parseLocalitiesResponse(response: HttpResponse): PlatformResult<readonly Locality[]> {
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
    // UNCONFIRMED: the search may include overseas places; only Australian states are usable here.
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

export function parseCompanyLocationsResponse(
  response: HttpResponse,
): PlatformResult<readonly PlatformWarehouse[]> {
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
 * UNCONFIRMED: whether a revoked token gets 401 or 403 from ping; both mean the token is not accepted.
 */
export function readPingResponse(response: HttpResponse): VerifyOutcome | 'authenticated' {
  if (response.status === 401 || response.status === 403) {
    return { status: 'rejected', detail: REJECTED_DETAIL };
  }
  const failure = statusFailure(response, 'check tokens');
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

/** Reads the company-locations probe made after a successful ping. */
export function readPermissionProbe(response: HttpResponse, chosen: PlatformEnvironment): VerifyOutcome {
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
  const testMode = read.value.find((location) => typeof location.isInTestMode === 'boolean')?.isInTestMode;
  if (typeof testMode !== 'boolean') {
    // UNCONFIRMED: ping and company locations do not say whether the user is a test user; a quote does.
    return {
      status: 'valid',
      detail:
        'MachShip accepted this token and it can read your company locations. MachShip does not say yet whether its user is a test or a live user: the first quote will show it.',
    };
  }
  const tokenEnvironment: PlatformEnvironment = testMode ? 'test' : 'live';
  if (tokenEnvironment !== chosen) {
    return {
      status: 'wrong_environment',
      tokenEnvironment,
      detail: testMode
        ? 'This token belongs to a MachShip test user, whose consignments are not real. Choose Test, or create the token on a live MachShip user.'
        : 'This token belongs to a live MachShip user. Choose Live, or create the token on a MachShip test user.',
    };
  }
  return {
    status: 'valid',
    detail: `MachShip accepted this token of a ${tokenEnvironment} user and it can read your company locations.`,
    account: { testMode },
  };
}
