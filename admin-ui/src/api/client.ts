/**
 * The one place the UI talks HTTP. Standalone: same-origin fetch with the session cookie. Shopify: every
 * call carries a fresh App Bridge session token (`shopify.idToken()`), and a 401 that Shopify marks as
 * retryable is retried once with a new token. Failures come back as ApiError, never as raw responses.
 */
import type { Host } from '../app/host';
import { shopifyIdToken } from '../app/host';
import type { ErrorDetail } from '../../../core/wire/admin-api-types';
import { ApiError } from './api-error';

export interface RequestOptions {
  readonly json?: unknown;
  /** A raw body (the packaging CSV) and its type. */
  readonly text?: { readonly body: string; readonly contentType: string };
  readonly signal?: AbortSignal;
}

export interface ApiClient {
  readonly host: Host;
  request<T>(method: string, path: string, options?: RequestOptions): Promise<T>;
  /** A file download (the packaging CSV export). */
  blob(path: string): Promise<Blob>;
}

interface ErrorBody {
  readonly error?: {
    readonly code?: unknown;
    readonly message?: unknown;
    readonly details?: readonly ErrorDetail[];
  };
}

export function createApiClient(host: Host, onUnauthenticated: () => void): ApiClient {
  async function checked(method: string, path: string, options: RequestOptions): Promise<Response> {
    const response = await send(host, method, path, options);
    if (response.ok) return response;
    const error = await failure(response);
    if (response.status === 401 && error.code === 'RB_ERR_UNAUTHENTICATED') onUnauthenticated();
    throw error;
  }

  return {
    host,
    async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
      const response = await checked(method, path, options);
      if (response.status === 204) return undefined as T;
      const text = await response.text();
      if (!text) return undefined as T;
      try {
        return JSON.parse(text) as T;
      } catch {
        throw new ApiError(
          response.status,
          'RB_UI_BAD_RESPONSE',
          'RateBridge answered with something that is not JSON.',
        );
      }
    },
    async blob(path: string): Promise<Blob> {
      const response = await checked('GET', path, {});
      return response.blob();
    },
  };
}

/** One request, with the Shopify session token when embedded; a retryable 401 is tried once more. */
async function send(
  host: Host,
  method: string,
  path: string,
  options: RequestOptions,
  retried = false,
): Promise<Response> {
  const headers = new Headers({ accept: 'application/json' });
  let body: string | undefined;
  if (options.json !== undefined) {
    headers.set('content-type', 'application/json');
    body = JSON.stringify(options.json);
  } else if (options.text) {
    headers.set('content-type', options.text.contentType);
    body = options.text.body;
  }
  if (host.kind === 'shopify') {
    const token = await shopifyIdToken();
    if (!token) {
      throw new ApiError(
        0,
        'RB_UI_APP_BRIDGE_MISSING',
        'Shopify App Bridge did not load, so RateBridge cannot prove who you are.',
      );
    }
    headers.set('authorization', `Bearer ${token}`);
  }
  let response: Response;
  try {
    response = await fetch(`${host.apiBase}${path}`, {
      method,
      headers,
      body,
      credentials: 'same-origin',
      cache: 'no-store',
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'RB_UI_NETWORK', 'RateBridge did not answer. Check your connection and try again.');
  }
  // Shopify's signal that a fresh session token would succeed (expired token, clock skew).
  if (
    response.status === 401 &&
    host.kind === 'shopify' &&
    !retried &&
    response.headers.get('x-shopify-retry-invalid-session-request') === '1'
  ) {
    return send(host, method, path, options, true);
  }
  return response;
}

/** The ApiError an unsuccessful answer stands for: its coded body, or its status when it has none. */
async function failure(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  let parsed: ErrorBody = {};
  try {
    parsed = JSON.parse(text) as ErrorBody;
  } catch {
    // Not JSON: a proxy's page or an empty body. Reported by status below.
  }
  const retryAfter = Number(response.headers.get('retry-after'));
  const error = parsed.error;
  if (error && typeof error.code === 'string') {
    return new ApiError(
      response.status,
      error.code,
      typeof error.message === 'string' ? error.message : '',
      Array.isArray(error.details) ? error.details : [],
      Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
    );
  }
  return new ApiError(
    response.status,
    'RB_UI_BAD_RESPONSE',
    `RateBridge answered with an unexpected response (HTTP ${response.status}).`,
  );
}
