/**
 * Big Post wire format <-> RateBridge types. Pure: builds request paths and bodies, reads responses
 * (status, headers, body) into outcomes. Fields are filled and read as Big Post's own WooCommerce plugin
 * does (docs/platforms/bigpost.md lists each one, with its citation).
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
import type { HttpRequest, HttpResponse } from '../http-client.js';
import { deliveryFields, type BigPostDeliveryFields } from './delivery-fields.js';
import {
  badResponse as platformBadResponse,
  calendarDate,
  displayName,
  failureFromStatus,
  rejectedRequest,
  verifyOutcomeFromFailure as platformVerifyOutcome,
  withoutFinalStop,
  type StatusWording,
} from '../platform-outcomes.js';

export type BigPostRequest = Pick<HttpRequest, 'method' | 'path' | 'body'>;

export const BIGPOST_DISPLAY_NAME = 'Big Post';
/** A suburb every Big Post token can find: an empty answer for it means the token is not usable. */
export const VERIFY_SUBURB = 'Sydney';
/** Field limits from Big Post's Swagger page, as a live integration records them (api-notes.md, "2nd"). */
export const BIGPOST_LIMITS = { name: 255, address: 30, suburb: 30, description: 50 } as const;
/** Big Post's help centre, "API Fair Use Policy" (api-notes.md). */
export const FAIR_USE = 'Big Post allows 60 calls a minute and 2,000 a day per token';

const badResponse = (status: number, what: string): PlatformFailure =>
  platformBadResponse(BIGPOST_DISPLAY_NAME, status, what);

/** A failed call during a token check: the token was not judged. */
export const verifyOutcomeFromFailure = (failure: PlatformFailure): VerifyOutcome =>
  platformVerifyOutcome(failure, BIGPOST_DISPLAY_NAME, FAIR_USE);

/**
 * `q` is a suburb name or a postcode, as the plugin sends it (MISC:127-133; CART:135-149); of "Richmond
 * 3121" only the name is sent, since the plugin never combines them.
 */
export function localitiesRequest(text: string): BigPostRequest {
  const words = text.trim().split(/\s+/);
  const named = words.length > 1 && /^\d{4}$/.test(words.at(-1) ?? '') ? words.slice(0, -1) : words;
  return { method: 'GET', path: `/api/suburbs?q=${encodeURIComponent(named.join(' '))}` };
}

/** The token check: a suburb lookup any usable token answers with at least one row. */
export const verifyRequest: BigPostRequest = localitiesRequest(VERIFY_SUBURB);

// --- quote request -------------------------------------------------------------------------------

/** Big Post's ItemType codes (api-notes.md: 0 Carton, 1 Skid, 2 Pallet, ...). */
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
  readonly isMHP: boolean;
}

export interface BigPostQuoteBody extends BigPostDeliveryFields {
  readonly PickupLocation: BigPostLocation;
  readonly BuyerLocation: BigPostLocation;
  /** Blank: every job type; 1 depot, 2 business, 3 home delivery (the plugin's note, PUB:449). */
  readonly JobType: '' | 1;
  readonly DepotId: number | '';
  readonly Items: readonly BigPostQuoteItem[];
}

/** The LocalityIds (Big Post PostcodeIds) of both ends, resolved before the quote is built. */
export interface LocalityIds {
  readonly pickup: number;
  readonly buyer: number;
}

/** The plugin's own name for a buyer it has no name for (SM:1611-1613); we never carry buyers' names. */
const BUYER_NAME = 'Guest User';

/** A reference of this adapter's (a LocalityId, a DepotId): a positive integer, else nothing. */
export function bigPostId(ref: string | undefined): number | undefined {
  const id = Number(ref);
  return ref !== undefined && Number.isSafeInteger(id) && id > 0 ? id : undefined;
}

const cut = (text: string, max: number): string => text.replace(/\s+/g, ' ').trim().slice(0, max).trimEnd();

/** "SUBURB STATE", as the plugin fills an address it has no street for (SM:1497; SQ:121). */
const suburbAndState = (place: { readonly suburb: string; readonly state: AuState }): string =>
  cut(`${place.suburb} ${place.state}`, BIGPOST_LIMITS.address);

export function quoteRequest(request: PlatformQuoteRequest, ids: LocalityIds): BigPostRequest {
  const { pickup, destination, delivery } = request;
  const depotId = bigPostId(delivery.depot?.bigpost);
  const body: BigPostQuoteBody = {
    PickupLocation: {
      Name: cut(pickup.name, BIGPOST_LIMITS.name),
      // Big Post requires an address; the plugin sends the warehouse's street (SM:1685).
      Address: pickup.addressLine1?.trim()
        ? cut(pickup.addressLine1, BIGPOST_LIMITS.address)
        : suburbAndState(pickup),
      LocalityId: ids.pickup,
      Locality: {
        Id: ids.pickup,
        Suburb: cut(pickup.suburb, BIGPOST_LIMITS.suburb),
        Postcode: pickup.postcode,
        State: pickup.state,
      },
    },
    BuyerLocation: {
      Name: BUYER_NAME,
      // The plugin's quote paths send the buyer's suburb and state here, never the street.
      Address: suburbAndState(destination),
      LocalityId: ids.buyer,
      Locality: {
        Id: ids.buyer,
        Suburb: cut(destination.suburb, BIGPOST_LIMITS.suburb),
        Postcode: destination.postcode,
        State: destination.state,
      },
    },
    ...deliveryFields(request),
    // Blank asks for every job type (depot, business, home delivery) at once, as the checkout path does.
    JobType: '',
    // Blank lets Big Post choose the depot closest to the buyer.
    DepotId: depotId ?? '',
    Items: request.packages.map((line) => ({
      Description: cut(line.description, BIGPOST_LIMITS.description),
      Length: line.lengthCm,
      Width: line.widthCm,
      Height: line.heightCm,
      Weight: line.weightKg,
      ItemType: BIGPOST_ITEM_TYPES[line.type],
      Quantity: line.quantity,
      Consolidatable: line.consolidatable ?? false,
      // The merchant's box setting, as the plugin sends its carton's "Add MHP" (SM:1449).
      isMHP: line.bigPostMhp ?? false,
    })),
  };
  return { method: 'POST', path: '/api/getquote', body };
}

// --- response schemas (unknown keys ignored: Big Post adds fields without notice) ----------------

const idSchema = z.union([z.number(), z.string()]);
const amountSchema = z.union([z.number(), z.string()]).nullish();

/** One row of `/api/suburbs` (MISC:155-156). */
const suburbSchema = z.looseObject({
  PostcodeId: z.coerce.number().int().positive(),
  Suburb: z.string(),
  State: z.string(),
  Postcode: z.union([z.string(), z.number()]),
});
type BigPostSuburb = z.infer<typeof suburbSchema>;

// The plugin reads a bare array (MISC:140-156); an `{Object: [...]}` envelope is read too, in case.
const suburbListSchema = z.union([
  z.array(z.unknown()),
  z.looseObject({ Object: z.array(z.unknown()) }).transform((envelope) => envelope.Object),
]);

// `Errors` items carry `ErrorMessage` (ADMIN:270-271); bare strings and `Message` are read too.
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

const depotLocalitySchema = z.looseObject({
  Id: idSchema.nullish(),
  Suburb: z.string().nullish(),
  Postcode: z.union([z.string(), z.number()]).nullish(),
});

const deliveryOptionSchema = z.looseObject({
  JobType: idSchema.nullish(),
  // On DEPOT options: where the buyer collects the goods (SM:1850-1856).
  DepotLocality: depotLocalitySchema.nullish().catch(null),
  CarrierOptions: z.array(z.unknown()).nullish(),
});
type DeliveryOption = z.infer<typeof deliveryOptionSchema>;

const carrierOptionSchema = z.looseObject({
  CarrierId: idSchema,
  CarrierName: z.string().nullish(),
  ServiceCode: idSchema,
  ServiceName: z.string().nullish(),
  Charge: amountSchema,
  Tax: amountSchema,
  Total: amountSchema,
  RequiresAuthorityToLeave: z.boolean().nullish(),
  // A date, `YYYY-MM-DD...` (MISC:428-439).
  Eta: z.string().nullish().catch(null),
});
type CarrierOption = z.infer<typeof carrierOptionSchema>;

// --- responses shared by every call ------------------------------------------------------------

const UNAUTHORIZED_DETAIL =
  'Big Post no longer accepts this token: it may have been revoked or suspended. Create a new token in Big Post and replace it in RateBridge.';

/**
 * A refused token gets 403 (a live integration's notes; no source shows a 401, which is read the same
 * way), so `forbidden` is left out: every 403 means the token is not accepted.
 */
const WORDING: StatusWording = {
  displayName: BIGPOST_DISPLAY_NAME,
  unauthorized: UNAUTHORIZED_DETAIL,
  rateLimitNote: FAIR_USE,
};

function errorText(item: z.infer<typeof errorItemSchema>): string {
  const text = typeof item === 'string' ? item : (item.ErrorMessage ?? item.Message ?? item.errorMessage);
  return withoutFinalStop(text?.trim() ?? '') || 'unspecified error';
}

// --- quotes --------------------------------------------------------------------------------------

/**
 * Reads getquote. Told apart: a refused token (401/403), Big Post's own errors (200 with `Errors`, how
 * the plugin expects validation failures), an answer we cannot read, and "no prices" (delivery options
 * without a priced carrier option), which is the only one that is an empty success.
 */
export function parseQuote(response: HttpResponse): QuoteResult {
  const failure = failureFromStatus(response, WORDING);
  if (failure) return { ok: false, failure };
  const envelope = quoteEnvelopeSchema.safeParse(response.body);
  if (!envelope.success) return { ok: false, failure: badResponse(response.status, 'prices') };
  const errors = (envelope.data.Errors ?? []).map(errorText);
  if (errors.length > 0) {
    return {
      ok: false,
      failure: rejectedRequest(BIGPOST_DISPLAY_NAME, response.status, errors, 'price this shipment'),
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
    for (const rawCarrier of delivery.data.CarrierOptions ?? []) {
      const carrier = carrierOptionSchema.safeParse(rawCarrier);
      const option = carrier.success ? carrierOptionToQuote(carrier.data, delivery.data) : undefined;
      if (!option) continue;
      const kept = cheapest.get(option.key);
      if (!kept || option.totalCents < kept.totalCents) cheapest.set(option.key, option);
    }
  }
  return { ok: true, value: [...cheapest.values()] };
}

function carrierOptionToQuote(option: CarrierOption, delivery: DeliveryOption): QuoteOption | undefined {
  const jobType = String(delivery.JobType ?? '').trim();
  const charge = toCents(option.Charge);
  const stated = toCents(option.Tax);
  const total = toCents(option.Total);
  // The GST Big Post states; without it, Total less Charge (its price ex GST): both Big Post's own figures.
  const tax = stated ?? (total !== undefined && charge !== undefined ? cents(total - charge) : undefined);
  // Total is Charge (ex GST) + Tax; added up only when Big Post leaves Total out.
  const totalCents = total ?? (charge !== undefined ? cents(charge + (tax ?? 0)) : undefined);
  // Zero-priced options are services that cannot actually carry the goods.
  if (totalCents === undefined || totalCents <= 0) return undefined;
  const carrierId = String(option.CarrierId);
  const serviceCode = String(option.ServiceCode);
  const serviceName = displayName(option.ServiceName) ?? (serviceCode || 'Standard');
  const isDepot = jobType.toUpperCase() === 'DEPOT';
  const depot = isDepot ? depotPlace(delivery.DepotLocality) : {};
  const arrival = calendarDate(option.Eta);
  return {
    key: `bigpost:${carrierId}:${serviceCode}:${jobType}`,
    carrier: { id: carrierId, name: displayName(option.CarrierName) ?? `Carrier ${carrierId}` },
    service: {
      code: serviceCode,
      // A depot job means the buyer collects the goods: the name says so, and where (as the plugin shows it).
      name: isDepot
        ? `${serviceName} (collect from depot${depot.depot ? ` in ${depot.depot}` : ''})`
        : serviceName,
    },
    totalCents,
    taxCents: tax !== undefined && tax >= 0 && tax <= totalCents ? tax : cents(0),
    ...(arrival ? { dates: { delivery: arrival } } : {}),
    notes: {
      jobType,
      ...(typeof option.RequiresAuthorityToLeave === 'boolean'
        ? { requiresAuthorityToLeave: option.RequiresAuthorityToLeave }
        : {}),
      ...depot,
    },
  };
}

/** Where a depot option is collected from (SM:1850-1856), for its name and the rate log. */
function depotPlace(depot: DeliveryOption['DepotLocality'] | undefined): {
  depot?: string;
  depotLocalityId?: string;
} {
  if (!depot) return {};
  const where = [
    depot.Suburb?.trim(),
    depot.Postcode === null || depot.Postcode === undefined ? '' : String(depot.Postcode),
  ]
    .filter(Boolean)
    .join(' ');
  return {
    ...(where ? { depot: where } : {}),
    ...(depot.Id === null || depot.Id === undefined ? {} : { depotLocalityId: String(depot.Id) }),
  };
}

function toCents(amount: number | string | null | undefined): Cents | undefined {
  return amount === null || amount === undefined ? undefined : dollarsToCents(amount);
}

// --- localities ----------------------------------------------------------------------------------

/**
 * A 200 the plugin calls "Invalid API Details" (SETUP:24-38): an empty or undecodable body where a
 * suburb list belongs. Said as a refused token, so a checkout notices it like a 403.
 */
const EMPTY_BODY_DETAIL =
  'Big Post answered the suburb lookup with an empty body, as it does for a token it does not accept. Create a new token in Big Post and replace it in RateBridge.';

/** Reads `/api/suburbs`; entries Big Post sends in another shape are left out. */
function parseSuburbs(response: HttpResponse): PlatformResult<readonly BigPostSuburb[]> {
  const failure = failureFromStatus(response, WORDING);
  if (failure) return { ok: false, failure };
  if (
    response.status === 200 &&
    (response.body === undefined || response.body === null || response.body === '')
  ) {
    return { ok: false, failure: { reason: 'unauthorized', httpStatus: 200, detail: EMPTY_BODY_DETAIL } };
  }
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

/** Australian suburbs with their PostcodeId as the platform id (sent back as `LocalityId`). */
export function parseLocalities(response: HttpResponse): PlatformResult<readonly Locality[]> {
  const read = parseSuburbs(response);
  if (!read.ok) return read;
  return {
    ok: true,
    value: read.value.flatMap((suburb) => {
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
    }),
  };
}

export interface Place {
  readonly suburb: string;
  readonly postcode: string;
  readonly state: AuState;
}

const sameName = (a: string, b: string): boolean =>
  a.trim().replace(/\s+/g, ' ').toUpperCase() === b.trim().replace(/\s+/g, ' ').toUpperCase();

/** The Big Post locality of a place: same suburb, postcode and state, else same suburb and postcode. */
export function matchLocality(localities: readonly Locality[], place: Place): Locality | undefined {
  const postcode = postcodeText(place.postcode);
  const matches = localities.filter(
    (locality) => locality.postcode === postcode && sameName(locality.suburb, place.suburb),
  );
  return matches.find((locality) => locality.state === place.state) ?? matches[0];
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

/**
 * An empty suburb list for a suburb that exists is also how Big Post answers a token it does not serve
 * (the plugin's check, SETUP:24-38). When the check suburb comes back empty too, the token is the cause.
 */
export const EMPTY_LOOKUP_DETAIL = `Big Post answers every suburb lookup with nothing for this token (even "${VERIFY_SUBURB}"), as it does for a token it does not accept or has suspended (Big Post suspends tokens that go over its fair use; ${FAIR_USE}). Contact Big Post, or create a new token and replace it in RateBridge.`;

export function emptyLookupFailure(): PlatformFailure {
  return { reason: 'unauthorized', httpStatus: 200, detail: EMPTY_LOOKUP_DETAIL };
}

// --- verifying a token ---------------------------------------------------------------------------

const environmentName = (environment: PlatformEnvironment): string =>
  environment === 'live' ? 'live' : 'staging (test)';

/**
 * Reads the suburb lookup made with the token on the chosen environment's host. `rejected` and
 * `forbidden` (an empty list) are final only after the other host has also refused the token (see
 * `parseOtherHostProbe`): a token of the other environment may get either.
 */
export function parseVerify(response: HttpResponse, chosen: PlatformEnvironment): VerifyOutcome {
  const read = parseLocalities(response);
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
    // The host that answered says which side the token is on: live and staging keys are separate.
    account: { testMode: chosen === 'test' },
  };
}

/**
 * After the chosen host refused the token, the other host's answer tells a token of the other
 * environment (it finds the check suburb there) from a token that is simply not accepted (an empty list
 * counts as not accepted, as the plugin's own check has it).
 */
export function parseOtherHostProbe(
  response: HttpResponse,
  other: PlatformEnvironment,
): Extract<VerifyOutcome, { status: 'wrong_environment' }> | undefined {
  const read = parseLocalities(response);
  if (!read.ok || read.value.length === 0) return undefined;
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
