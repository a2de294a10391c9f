/**
 * The HTTP layer every platform client shares: one axios instance per platform with keep-alive agents,
 * a per-call timeout combined with the caller's AbortSignal, and transport failures turned into data.
 * Clients never see an axios error: they get `{status, body, headers}` or a `PlatformFailure`.
 */
import http from 'node:http';
import https from 'node:https';
import axios, { type AxiosInstance, isAxiosError } from 'axios';
import type { CallBudget, PlatformFailure } from './freight-platform.js';

export interface HttpResponse {
  readonly status: number;
  readonly body: unknown;
  readonly headers: Readonly<Record<string, string>>;
}

export type HttpOutcome =
  | { readonly ok: true; readonly response: HttpResponse }
  | { readonly ok: false; readonly failure: PlatformFailure };

export interface HttpRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path relative to the base URL, query string included. */
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: unknown;
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
  /** Asked before the request is sent; a refusal sends nothing (`budget_exhausted`). */
  readonly budget?: CallBudget;
}

export interface PlatformHttp {
  send(request: HttpRequest): Promise<HttpOutcome>;
}

const MAX_RESPONSE_BYTES = 5 * 1024 * 1024;

/** Agents are shared process-wide: one pool of warm connections per platform host is the point. */
const httpAgent = new http.Agent({ keepAlive: true, maxSockets: 64, keepAliveMsecs: 10_000 });
const httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 64, keepAliveMsecs: 10_000 });

export function createPlatformHttp(options: {
  readonly baseUrl: string;
  readonly timeoutMs: number;
  /** Shown in failure details: "MachShip did not answer within 8 s." */
  readonly displayName: string;
}): PlatformHttp {
  const instance: AxiosInstance = axios.create({
    baseURL: options.baseUrl,
    httpAgent,
    httpsAgent,
    maxContentLength: MAX_RESPONSE_BYTES,
    maxBodyLength: MAX_RESPONSE_BYTES,
    maxRedirects: 0,
    // Every status is an answer for the mapper to read, not an exception.
    validateStatus: () => true,
    // Platform bodies are JSON; a broken body is reported by the mapper as bad_response.
    transitional: { silentJSONParsing: true, forcedJSONParsing: true, clarifyTimeoutError: true },
    headers: { Accept: 'application/json', 'User-Agent': 'RateBridge/0.1 (+freight quotes)' },
  });

  return {
    async send(request) {
      const timeoutMs = request.timeoutMs ?? options.timeoutMs;
      const timeout = AbortSignal.timeout(timeoutMs);
      const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
      if (request.signal?.aborted) {
        return { ok: false, failure: { reason: 'aborted', detail: 'The quote was cancelled.' } };
      }
      const refused = await budgetRefusal(request.budget, options.displayName);
      if (refused) return { ok: false, failure: refused };
      try {
        const response = await instance.request({
          method: request.method,
          url: request.path,
          headers: {
            ...(request.body === undefined ? {} : { 'Content-Type': 'application/json' }),
            ...request.headers,
          },
          data: request.body,
          signal,
        });
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(response.headers)) {
          if (typeof value === 'string') headers[name.toLowerCase()] = value;
          else if (Array.isArray(value)) headers[name.toLowerCase()] = value.join(', ');
        }
        return { ok: true, response: { status: response.status, body: response.data, headers } };
      } catch (error) {
        return { ok: false, failure: transportFailure(error, request, timeout, options, timeoutMs) };
      }
    },
  };
}

function transportFailure(
  error: unknown,
  request: HttpRequest,
  timeout: AbortSignal,
  options: { readonly displayName: string },
  timeoutMs: number,
): PlatformFailure {
  if (request.signal?.aborted) {
    return { reason: 'aborted', detail: 'The request was cancelled before the platform answered.' };
  }
  if (timeout.aborted || (isAxiosError(error) && error.code === 'ETIMEDOUT')) {
    return {
      reason: 'timeout',
      detail: `${options.displayName} did not answer within ${formatSeconds(timeoutMs)}.`,
    };
  }
  // Only the error code is kept: axios errors carry the request config, headers (the token) included.
  const code = isAxiosError(error) ? (error.code ?? 'unknown') : 'unknown';
  return {
    reason: 'unreachable',
    detail: `${options.displayName} could not be reached (${code}). Try again in a few minutes.`,
  };
}

/** The budget's refusal as a failure, or undefined when the request may go. */
async function budgetRefusal(
  budget: CallBudget | undefined,
  displayName: string,
): Promise<PlatformFailure | undefined> {
  if (!budget) return undefined;
  const decision = await budget.spend();
  if (decision.granted) return undefined;
  const per = decision.window === 'minute' ? 'minute' : 'day';
  return {
    reason: 'budget_exhausted',
    detail: `This connection has used its ${displayName} requests for the ${per}; RateBridge answers from saved prices until it may ask again.`,
    retryAfterSeconds: Math.ceil(decision.retryAfterMs / 1000),
  };
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

/** Reads Retry-After (seconds or an HTTP date) into whole seconds. */
export function retryAfterSeconds(
  headers: Readonly<Record<string, string>>,
  now = Date.now(),
): number | undefined {
  const value = headers['retry-after'];
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}
