/**
 * Big Post wire format <-> RateBridge types. Pure: builds request paths and bodies, reads responses
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

export type BigPostRequest = Pick<HttpRequest, 'method' | 'path' | 'body'>;

export const BIGPOST_DISPLAY_NAME = 'Big Post';
/** A suburb every Big Post token can find: an empty answer for it means the token is not usable. */
export const VERIFY_SUBURB = 'Sydney';
const MAX_DESCRIPTION_LENGTH = 50;
const MAX_DETAIL_MESSAGES = 5;
const FAIR_USE = 'Big Post allows 60 calls a minute and 2,000 a day per token';

const badResponse = (status: number, what: string): PlatformFailure =>
  platformBadResponse(BIGPOST_DISPLAY_NAME, status, what);

/** A failed call during a token check: the token was not judged. */
export const verifyOutcomeFromFailure = (failure: PlatformFailure): VerifyOutcome =>
  platformVerifyOutcome(failure, BIGPOST_DISPLAY_NAME, FAIR_USE);

export function suburbSearchRequest(text: string): BigPostRequest {
  return { method: 'GET', path: `/api/suburbs?q=${encodeURIComponent(text.trim())}` };
}

// --- quote request -------------------------------------------------------------------------------

export const BIGPOST_ITEM_TYPES = {
  carton: 0,
  skid: 1,
  pallet: 2,
  pack: 3,
  crate: 4,
  satchel: 6,
  tube: 8,
  bag: 9,
} as const satisfies Record<PackageType, number>;

export interface BigPostLocation {
  readonly Name: string;
  readonly Address: string;
  readonly LocalityId: number;
  readonly Locality: {
    readonly Id: number;
    readonly Suburb: string;
    readonly Postcode: string;
    readonly State: AuState;
  };
}

export interface BigPostQuoteItem {
  readonly Description: string;
  readonly Length: number;
  readonly Width: number;
  readonly Height: number;
  readonly Weight: number;
  readonly ItemType: number;
  readonly Quantity: number;
  readonly Consolidatable: boolean;
}

export interface BigPostQuoteBody {
  readonly PickupLocation: BigPostLocation;
  readonly BuyerLocation: BigPostLocation;
  readonly BuyerIsBusiness: boolean;
  readonly BuyerHasForklift: boolean;
  readonly ReturnAuthorityToLeaveOptions: boolean;
  readonly JobType: string;
  readonly Items: readonly BigPostQuoteItem[];
}

/** The LocalityIds (Big Post PostcodeIds) of both ends, resolved before the quote is built. */
export interface LocalityIds {
  readonly pickup: number;
  readonly buyer: number;
}

// We carry no customer names; UNCONFIRMED whether Big Post requires a non-blank Name to price.
const BUYER_NAME = 'Customer';

export function quoteRequest(request: PlatformQuoteRequest, ids: LocalityIds): BigPostRequest {
  const { pickup, destination } = request;
  const body: BigPostQuoteBody = {
    PickupLocation: {
      Name: pickup.name,
      Address: pickup.addressLine1 ?? '',
      LocalityId: ids.pickup,
      Locality: { Id: ids.pickup, Suburb: pickup.suburb, Postcode: pickup.postcode, State: pickup.state },
    },
    BuyerLocation: {
      Name: BUYER_NAME,
      Address: [destination.addressLine1, destination.addressLine2].filter(Boolean).join(', '),
      LocalityId: ids.buyer,
      Locality: {
        Id: ids.buyer,
        Suburb: destination.suburb,
        Postcode: destination.postcode,
        State: destination.state,
      },
    },
    BuyerIsBusiness: destination.isBusiness ?? false,
    BuyerHasForklift: false,
    ReturnAuthorityToLeaveOptions: false,
    // Blank asks for every job type (depot, business, home delivery) at once.
    JobType: '',
    Items: request.packages.map((line) => ({
      Description: line.description.trim().slice(0, MAX_DESCRIPTION_LENGTH),
      Length: line.lengthCm,
      Width: line.widthCm,
      Height: line.heightCm,
      Weight: line.weightKg,
      ItemType: BIGPOST_ITEM_TYPES[line.type],
      Quantity: line.quantity,
      Consolidatable: line.consolidatable ?? false,
    })),
  };
  return { method: 'POST', path: '/api/getquote', body };
}

// --- response schemas (unknown keys ignored: Big Post adds fields without notice) ----------------

const idSchema = z.union([z.number(), z.string()]);
const amountSchema = z.union([z.number(), z.string()]).nullish();

const suburbSchema = z.looseObject({
  PostcodeId: z.coerce.number().int().positive(),
  Suburb: z.string(),
  State: z.string(),
  Postcode: z.union([z.string(), z.number()]),
});
export type BigPostSuburb = z.infer<typeof suburbSchema>;

// UNCONFIRMED: suburbs are documented as a bare array; an `{Object: [...]}` envelope is read too.
const suburbListSchema = z.union([
  z.array(z.unknown()),
  z.looseObject({ Object: z.array(z.unknown()) }).transform((envelope) => envelope.Object),
]);

// UNCONFIRMED: the shape of `Errors` items; strings and objects with a message field are both read.
const errorItemSchema = z.union([
  z.string(),
  z.looseObject({
    ErrorMessage: z.string().nullish(),
    Message: z.string().nullish(),
    errorMessage: z.string().nullish(),
  }),
]);

const quoteEnvelopeSchema = z.looseObject({
  Object: z.looseObject({ DeliveryOptions: z.array(z.unknown()).nullish() }).nullish(),
  Errors: z.array(errorItemSchema).nullish(),
});

const deliveryOptionSchema = z.looseObject({
  JobType: idSchema.nullish(),
  CarrierOptions: z.array(z.unknown()).nullish(),
});

const carrierOptionSchema = z.looseObject({
  CarrierId: idSchema,
  CarrierName: z.string().nullish(),
  ServiceCode: idSchema,
  ServiceName: z.string().nullish(),
  Charge: amountSchema,
  Tax: amountSchema,
  Total: amountSchema,
  RequiresAuthorityToLeave: z.boolean().nullish(),
});
type CarrierOption = z.infer<typeof carrierOptionSchema>;

// --- responses shared by every call ------------------------------------------------------------

/**
 * The failure an HTTP status means on its own. UNCONFIRMED: which status an invalid or revoked token
 * gets (a missing header gets 403), so both 401 and 403 count as "token not accepted".
 */
function statusFailure(response: HttpResponse): PlatformFailure | undefined {
  const { status } = response;
  if (status === 401 || status === 403) {
    return {
      reason: 'unauthorized',
      httpStatus: status,
      detail:
        'Big Post no longer accepts this token: it may have been revoked or suspended. Create a new token in Big Post and replace it in RateBridge.',
    };
  }
  if (status === 429) {
    const retryAfter = retryAfterSeconds(response.headers);
    return {
      reason: 'rate_limited',
      httpStatus: status,
      detail: `Big Post asked RateBridge to slow down (${FAIR_USE}). ${retryLater(retryAfter)}`,
      ...(retryAfter === undefined ? {} : { retryAfterSeconds: retryAfter }),
    };
  }
  if (status >= 500) {
    return {
      reason: 'unreachable',
      httpStatus: status,
      detail: `Big Post answered with a server error (HTTP ${status}). Try again in a few minutes.`,
    };
  }
  return undefined;
}

function errorText(item: z.infer<typeof errorItemSchema>): string {
  const text = typeof item === 'string' ? item : (item.ErrorMessage ?? item.Message ?? item.errorMessage);
  return withoutFinalStop(text?.trim() ?? '') || 'unspecified error';
}

// --- quotes --------------------------------------------------------------------------------------

export function parseQuoteResponse(response: HttpResponse): QuoteResult {
  const failure = statusFailure(response);
  if (failure) return { ok: false, failure };
  const envelope = quoteEnvelopeSchema.safeParse(response.body);
  if (!envelope.success) return { ok: false, failure: badResponse(response.status, 'prices') };
  const errors = (envelope.data.Errors ?? []).map(errorText);
  if (errors.length > 0) {
    const shown = errors.slice(0, MAX_DETAIL_MESSAGES).join('; ');
    const more =
      errors.length > MAX_DETAIL_MESSAGES ? ` (and ${errors.length - MAX_DETAIL_MESSAGES} more)` : '';
    return {
      ok: false,
      failure: {
        reason: 'rejected_request',
        httpStatus: response.status,
        detail: `Big Post could not price this shipment: ${shown}${more}.`,
      },
    };
  }
  const deliveryOptions = envelope.data.Object?.DeliveryOptions;
  if (response.status < 200 || response.status > 299 || !deliveryOptions) {
    return { ok: false, failure: badResponse(response.status, 'prices') };
  }

  // The key must stay unique even if Big Post lists one service twice for a job type.
  const cheapest = new Map<string, QuoteOption>();
  for (const rawDelivery of deliveryOptions) {
    const delivery = deliveryOptionSchema.safeParse(rawDelivery);
    if (!delivery.success) continue;
    const jobType = String(delivery.data.JobType ?? '').trim();
    for (const rawCarrier of delivery.data.CarrierOptions ?? []) {
      const carrier = carrierOptionSchema.safeParse(rawCarrier);
      const option = carrier.success ? carrierOptionToQuote(carrier.data, jobType) : undefined;
      if (!option) continue;
      const kept = cheapest.get(option.key);
      if (!kept || option.totalCents < kept.totalCents) cheapest.set(option.key, option);
    }
  }
  return { ok: true, value: [...cheapest.values()] };
}

function carrierOptionToQuote(option: CarrierOption, jobType: string): QuoteOption | undefined {
  const charge = toCents(option.Charge);
  const tax = toCents(option.Tax);
  // Total is Charge (ex GST) + Tax; added up only when Big Post leaves Total out.
  const totalCents = toCents(option.Total) ?? (charge !== undefined ? cents(charge + (tax ?? 0)) : undefined);
  // Zero-priced options are services that cannot actually carry the goods.
  if (totalCents === undefined || totalCents <= 0) return undefined;
  const carrierId = String(option.CarrierId);
  const serviceCode = String(option.ServiceCode);
  const serviceName = option.ServiceName?.trim() || serviceCode;
  return {
    key: `bigpost:${carrierId}:${serviceCode}:${jobType}`,
    carrier: { id: carrierId, name: option.CarrierName?.trim() || `Carrier ${carrierId}` },
    service: {
      code: serviceCode,
      // A depot job means the buyer collects the goods; the service name must say so.
      name: jobType.toUpperCase() === 'DEPOT' ? `${serviceName} (collect from depot)` : serviceName,
    },
    totalCents,
    taxCents: tax !== undefined && tax >= 0 && tax <= totalCents ? tax : cents(0),
    notes: {
      jobType,
      ...(typeof option.RequiresAuthorityToLeave === 'boolean'
        ? { requiresAuthorityToLeave: option.RequiresAuthorityToLeave }
        : {}),
    },
  };
}

function toCents(amount: number | string | null | undefined): Cents | undefined {
  return amount === null || amount === undefined ? undefined : dollarsToCents(amount);
}

// --- localities ----------------------------------------------------------------------------------

/** Reads `/api/suburbs`; entries Big Post sends in another shape are left out. */
export function parseSuburbsResponse(response: HttpResponse): PlatformResult<readonly BigPostSuburb[]> {
  const failure = statusFailure(response);
  if (failure) return { ok: false, failure };
  const list = suburbListSchema.safeParse(response.body);
  if (response.status !== 200 || !list.success) {
    return { ok: false, failure: badResponse(response.status, 'suburbs') };
  }
  const suburbs: BigPostSuburb[] = [];
  for (const raw of list.data) {
    const suburb = suburbSchema.safeParse(raw);
    if (suburb.success) suburbs.push(suburb.data);
  }
  return { ok: true, value: suburbs };
}

function auState(code: string): AuState | undefined {
  const upper = code.trim().toUpperCase();
  return AU_STATES.find((state) => state === upper);
}

function postcodeText(postcode: string | number): string {
  return String(postcode).trim().padStart(4, '0');
}

export function toLocalities(suburbs: readonly BigPostSuburb[]): Locality[] {
  return suburbs.flatMap((suburb) => {
    const state = auState(suburb.State);
    return state
      ? [
          {
            suburb: suburb.Suburb,
            postcode: postcodeText(suburb.Postcode),
            state,
            platformId: String(suburb.PostcodeId),
          },
        ]
      : [];
  });
}

export interface Place {
  readonly suburb: string;
  readonly postcode: string;
  readonly state: AuState;
}

const sameName = (a: string, b: string): boolean =>
  a.trim().replace(/\s+/g, ' ').toUpperCase() === b.trim().replace(/\s+/g, ' ').toUpperCase();

/** The Big Post locality of a place: same suburb and postcode, preferring the same state. */
export function matchLocality(suburbs: readonly BigPostSuburb[], place: Place): BigPostSuburb | undefined {
  const postcode = postcodeText(place.postcode);
  const matches = suburbs.filter(
    (suburb) => postcodeText(suburb.Postcode) === postcode && sameName(suburb.Suburb, place.suburb),
  );
  return matches.find((suburb) => auState(suburb.State) === place.state) ?? matches[0];
}

export function unknownLocalityFailure(place: Place, role: 'pickup' | 'delivery'): PlatformFailure {
  const where = `${place.suburb.trim().toUpperCase()} ${place.state} ${place.postcode}`;
  return {
    reason: 'rejected_request',
    detail:
      role === 'pickup'
        ? `Big Post does not list the pickup suburb ${where}. Check the warehouse's suburb and postcode.`
        : `Big Post does not list the delivery suburb ${where}, so it cannot price this address.`,
  };
}

// --- verifying a token ---------------------------------------------------------------------------

const environmentName = (environment: PlatformEnvironment): string =>
  environment === 'live' ? 'live' : 'staging (test)';

/**
 * Reads the suburb lookup made with the token on the chosen environment's host. A `rejected` outcome
 * is final only after the other host has also refused the token (see `readOtherHostProbe`).
 */
export function readVerifyResponse(response: HttpResponse, chosen: PlatformEnvironment): VerifyOutcome {
  const read = parseSuburbsResponse(response);
  if (!read.ok) {
    if (read.failure.reason !== 'unauthorized') return verifyOutcomeFromFailure(read.failure);
    return {
      status: 'rejected',
      detail: `Big Post did not accept this token on its ${environmentName(chosen)} service. It may be mistyped, expired or revoked: create a new ${chosen === 'live' ? 'live' : 'staging'} token in Big Post and paste it here.`,
    };
  }
  if (read.value.length === 0) {
    return {
      status: 'forbidden',
      detail: `Big Post accepted this token but found no suburbs for "${VERIFY_SUBURB}", so it cannot be used to quote: its access may be restricted or suspended (Big Post suspends tokens that go over its fair use; ${FAIR_USE}). Contact Big Post, or create a new token and paste it here.`,
    };
  }
  return {
    status: 'valid',
    detail: `Big Post accepted this ${environmentName(chosen)} token and it can look up suburbs.`,
    account: { testMode: chosen === 'test' },
  };
}

/**
 * After the chosen host refused the token, the other host's answer tells a token of the other
 * environment (any readable suburb list) from a token that is simply not accepted.
 */
export function readOtherHostProbe(
  response: HttpResponse,
  other: PlatformEnvironment,
): Extract<VerifyOutcome, { status: 'wrong_environment' }> | undefined {
  if (!parseSuburbsResponse(response).ok) return undefined;
  return {
    status: 'wrong_environment',
    tokenEnvironment: other,
    detail:
      other === 'test'
        ? 'This is a Big Post staging (test) token. Choose Test, or create a live token in Big Post and paste it here.'
        : 'This is a Big Post live token. Choose Live, or create a staging token in Big Post to test with.',
  };
}

export const otherEnvironment = (environment: PlatformEnvironment): PlatformEnvironment =>
  environment === 'live' ? 'test' : 'live';
