/**
 * Pure translation between RateBridge's platform contract and the sandbox's wire format (see
 * sandbox-router.ts): request bodies out, typed outcomes in. No I/O and no clock.
 */
import { dollarsToCents } from '../../money.js';
import type {
  Locality,
  PlatformEnvironment,
  PlatformFailure,
  PlatformQuoteRequest,
  PlatformResult,
  PlatformWarehouse,
  QuoteOption,
  QuoteResult,
  VerifyOutcome,
} from '../freight-platform.js';
import type { HttpRequest, HttpResponse } from '../http-client.js';
import { failureFromStatus, type StatusWording } from '../platform-outcomes.js';
import {
  errorResponseSchema,
  localitiesResponseSchema,
  pingResponseSchema,
  quoteResponseSchema,
  type SandboxErrorBody,
  type SandboxQuoteOption,
  type SandboxQuoteRequest,
  warehousesResponseSchema,
} from './wire-format.js';

const DESCRIPTION_MAX = 50;

/** A request as the sandbox client sends it (paths are relative to the sandbox's mount point). */
export type SandboxRequest = Pick<HttpRequest, 'method' | 'path' | 'body'>;

export const verifyRequest: SandboxRequest = { method: 'POST', path: 'v1/ping' };
export const warehousesRequest: SandboxRequest = { method: 'GET', path: 'v1/warehouses' };

export function localitiesRequest(query: string): SandboxRequest {
  return { method: 'GET', path: `v1/localities?${new URLSearchParams({ q: query }).toString()}` };
}

export function quoteRequest(request: PlatformQuoteRequest): SandboxRequest {
  return { method: 'POST', path: 'v1/quotes', body: quoteBody(request) };
}

export function quoteBody(request: PlatformQuoteRequest): SandboxQuoteRequest {
  const { pickup, destination, delivery } = request;
  return {
    from: { suburb: pickup.suburb, postcode: pickup.postcode, state: pickup.state },
    to: {
      suburb: destination.suburb,
      postcode: destination.postcode,
      state: destination.state,
      isBusiness: delivery.isBusiness,
      tailLift: delivery.tailLift,
      handUnload: delivery.handUnload,
      authorityToLeave: delivery.authorityToLeave,
    },
    items: request.packages.map((line) => ({
      type: line.type,
      description: line.description.slice(0, DESCRIPTION_MAX),
      lengthCm: line.lengthCm,
      widthCm: line.widthCm,
      heightCm: line.heightCm,
      weightKg: line.weightKg,
      quantity: line.quantity,
    })),
  };
}

// --- verifying a token ---------------------------------------------------------------------------

export function parseVerify(response: HttpResponse): VerifyOutcome {
  if (response.status === 200) {
    const ping = pingResponseSchema.safeParse(response.body);
    if (!ping.success) {
      return {
        status: 'unreachable',
        detail: 'The sandbox answered the token check with something unexpected. Try again.',
      };
    }
    const { account } = ping.data;
    return {
      status: 'valid',
      detail: `The sandbox accepted this ${account.environment} token.`,
      account: { name: account.name, testMode: account.environment === 'test' },
    };
  }
  const error = errorOf(response);
  if (response.status === 403 && error?.code === 'wrong_environment') {
    const tokenEnvironment = error.tokenEnvironment;
    return {
      status: 'wrong_environment',
      detail: wrongEnvironmentDetail(tokenEnvironment),
      ...(tokenEnvironment === undefined ? {} : { tokenEnvironment }),
    };
  }
  const failure = failureOf(response);
  switch (failure.reason) {
    case 'unauthorized':
      return { status: 'rejected', detail: failure.detail };
    case 'forbidden':
      return { status: 'forbidden', detail: failure.detail };
    case 'rate_limited':
      return {
        status: 'rate_limited',
        detail: failure.detail,
        ...(failure.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: failure.retryAfterSeconds }),
      };
    default:
      return { status: 'unreachable', detail: failure.detail };
  }
}

/** A check that never got an answer says nothing about the token. */
export function verifyOutcomeFromFailure(failure: PlatformFailure): VerifyOutcome {
  return { status: 'unreachable', detail: failure.detail };
}

// --- reading answers -----------------------------------------------------------------------------

export function parseQuote(response: HttpResponse): QuoteResult {
  if (response.status !== 200) return { ok: false, failure: failureOf(response) };
  const parsed = quoteResponseSchema.safeParse(response.body);
  if (!parsed.success) return badResponse('a quote');
  const testMode = parsed.data.environment === 'test';
  const options: QuoteOption[] = [];
  for (const option of parsed.data.options) {
    const mapped = toQuoteOption(option, testMode);
    if (mapped === undefined) return badResponse('a quote');
    // The contract drops zero-priced options: platforms list services they cannot actually provide.
    if (mapped.totalCents > 0) options.push(mapped);
  }
  return { ok: true, value: options };
}

function toQuoteOption(option: SandboxQuoteOption, testMode: boolean): QuoteOption | undefined {
  const totalCents = dollarsToCents(option.total);
  const taxCents = dollarsToCents(option.gst);
  if (totalCents === undefined || taxCents === undefined) return undefined;
  return {
    key: `sandbox:${option.carrier.code}:${option.service.code}`,
    carrier: { id: option.carrier.code, name: option.carrier.name },
    service: { code: option.service.code, name: option.service.name },
    totalCents,
    taxCents,
    eta: { minDays: option.transitDays.min, maxDays: option.transitDays.max },
    notes: { testMode },
  };
}

export function parseLocalities(response: HttpResponse): PlatformResult<readonly Locality[]> {
  if (response.status !== 200) return { ok: false, failure: failureOf(response) };
  const parsed = localitiesResponseSchema.safeParse(response.body);
  return parsed.success ? { ok: true, value: parsed.data.localities } : badResponse('a locality search');
}

export function parseWarehouses(response: HttpResponse): PlatformResult<readonly PlatformWarehouse[]> {
  if (response.status !== 200) return { ok: false, failure: failureOf(response) };
  const parsed = warehousesResponseSchema.safeParse(response.body);
  if (!parsed.success) return badResponse('the warehouse list');
  return {
    ok: true,
    value: parsed.data.warehouses.map(({ id, ...warehouse }) => ({ platformId: id, ...warehouse })),
  };
}

// --- failures ------------------------------------------------------------------------------------

const WORDING: StatusWording = {
  displayName: 'The sandbox',
  unauthorized:
    'The sandbox did not accept the API token: it was mistyped or has been revoked. ' +
    'Create a new token in the sandbox and paste it again.',
  forbidden: 'The sandbox refused this request for this token.',
};

/** What a non-200 answer means, in words for the merchant. */
export function failureOf(response: HttpResponse): PlatformFailure {
  const { status } = response;
  const error = errorOf(response);
  if (status === 403 && error?.code === 'wrong_environment') {
    return {
      reason: 'forbidden',
      httpStatus: status,
      detail: wrongEnvironmentDetail(error.tokenEnvironment),
    };
  }
  const shared = failureFromStatus(response, WORDING);
  if (shared) return shared;
  if (status >= 400) {
    // The sandbox's own messages name the field and rule and never echo secrets, so they can be shown.
    return {
      reason: 'rejected_request',
      httpStatus: status,
      detail: error
        ? `The sandbox refused the request: ${error.message}`
        : `The sandbox refused the request (HTTP ${status}).`,
    };
  }
  return {
    reason: 'bad_response',
    httpStatus: status,
    detail: `The sandbox answered with an unexpected HTTP ${status}.`,
  };
}

function errorOf(response: HttpResponse): SandboxErrorBody['error'] | undefined {
  const parsed = errorResponseSchema.safeParse(response.body);
  return parsed.success ? parsed.data.error : undefined;
}

function wrongEnvironmentDetail(tokenEnvironment: PlatformEnvironment | undefined): string {
  if (tokenEnvironment === undefined)
    return 'This sandbox token belongs to the other environment: choose that one, or create a new token.';
  const other = tokenEnvironment === 'live' ? 'test' : 'live';
  return (
    `This is a sandbox ${tokenEnvironment} token, but the connection is set to ${other}. ` +
    `Choose ${tokenEnvironment}, or create a ${other} token.`
  );
}

function badResponse(what: string): { ok: false; failure: PlatformFailure } {
  return {
    ok: false,
    failure: {
      reason: 'bad_response',
      detail: `The sandbox answered ${what} with something RateBridge could not read.`,
    },
  };
}
