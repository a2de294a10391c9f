/**
 * WooCommerce REST v3, through `@woocommerce/woocommerce-rest-api`, in typed functions. The library returns
 * `Promise<any>` (an axios response, or a thrown axios error); here every answer becomes a `WooResult`:
 * the parsed value, or a `WooFailure` saying what the merchant can do about it. Nothing of the request
 * (its URL carries the consumer secret under query-string auth) ever leaves this file in a failure.
 *
 * Authentication, as the library does it:
 *   https + header  HTTP basic auth with the consumer key and secret (the default).
 *   https + query   `?consumer_key=&consumer_secret=`, for the hosts that strip the Authorization header
 *                   (their symptom: 401 `woocommerce_rest_cannot_view`, WooCommerce saw no credentials).
 *   http            OAuth 1.0a one-legged, HMAC-SHA256, whatever `queryStringAuth` says (development stores).
 *
 * Every call has a timeout and may be aborted. Redirects are not followed: a redirected store URL (http to
 * https, a www prefix) would drop or break the credentials, so the merchant is told the right URL instead.
 */
import WooCommerceRestApiImport, { type IWooCommerceRestApiOptions } from '@woocommerce/woocommerce-rest-api';
import { z } from 'zod';
import type { StoreAgents } from './store-agents.js';
import {
  wooErrorSchema,
  wooProductListSchema,
  wooSettingSchema,
  wooWebhookSchema,
  type WooProduct,
  type WooWebhook,
} from './woocommerce-resources.js';

/** Product pages are well under this; anything larger is not a WooCommerce answer. */
const MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

export type AuthStyle = 'header' | 'query' | 'oauth1';

export type WooFailure =
  /** The store refused the key or secret (wrong, deleted or revoked in WooCommerce). */
  | { readonly kind: 'rejected'; readonly status: number; readonly code: string; readonly message: string }
  /** 401 `woocommerce_rest_cannot_view` to header auth: the host stripped the Authorization header. */
  | { readonly kind: 'header-stripped' }
  /** The key works but may not do this (a read-only key creating webhooks, a user without the capability). */
  | { readonly kind: 'forbidden'; readonly status: number; readonly code: string; readonly message: string }
  /** No WooCommerce REST API at this address (plugin inactive, REST disabled, wrong URL). */
  | { readonly kind: 'not-found'; readonly status: number; readonly code: string }
  | { readonly kind: 'redirected'; readonly status: number; readonly location: string }
  | { readonly kind: 'unreachable'; readonly detail: string }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'cancelled' }
  /** 429 and 5xx: worth retrying later. */
  | { readonly kind: 'unavailable'; readonly status: number }
  | { readonly kind: 'bad-response'; readonly status: number; readonly detail: string };

export type WooResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly failure: WooFailure };

export interface WooPage<T> {
  readonly items: readonly T[];
  /** X-WP-Total and X-WP-TotalPages; 0 when the store did not send them. */
  readonly total: number;
  readonly totalPages: number;
}

export interface WooCredentials {
  readonly storeUrl: string;
  readonly consumerKey: string;
  readonly consumerSecret: string;
}

export interface WooClientOptions {
  readonly agents: StoreAgents;
  readonly timeoutMs: number;
}

export interface NewWebhook {
  readonly name: string;
  readonly topic: string;
  readonly deliveryUrl: string;
  readonly secret: string;
}

export interface WooClient {
  readonly auth: AuthStyle;
  listProducts(page: number, perPage: number, signal?: AbortSignal): Promise<WooResult<WooPage<WooProduct>>>;
  listVariations(
    productId: number,
    page: number,
    perPage: number,
    signal?: AbortSignal,
  ): Promise<WooResult<WooPage<WooProduct>>>;
  /** A setting's `value`, e.g. ('products', 'woocommerce_weight_unit') -> "kg". */
  getSetting(group: string, id: string, signal?: AbortSignal): Promise<WooResult<string>>;
  listWebhooks(page: number, signal?: AbortSignal): Promise<WooResult<WooPage<WooWebhook>>>;
  createWebhook(input: NewWebhook, signal?: AbortSignal): Promise<WooResult<WooWebhook>>;
}

type WooCommerceRestApiInstance = {
  get(endpoint: string, params?: Record<string, string | number>): Promise<unknown>;
  post(endpoint: string, data: unknown, params?: Record<string, string | number>): Promise<unknown>;
};
type WooCommerceRestApiConstructor = new (options: IWooCommerceRestApiOptions) => WooCommerceRestApiInstance;

// The package is CommonJS with `exports.default`: under native ESM its default import is the module
// object, under a bundler it is the class itself.
const WooCommerceRestApi = ((WooCommerceRestApiImport as unknown as { default?: unknown }).default ??
  WooCommerceRestApiImport) as unknown as WooCommerceRestApiConstructor;

const responseSchema = z.object({ status: z.number().int(), data: z.unknown(), headers: z.unknown() });

/** The auth style a store URL starts with: header auth on https, OAuth 1.0a on http. */
export function initialAuthStyle(storeUrl: string): AuthStyle {
  return storeUrl.startsWith('https:') ? 'header' : 'oauth1';
}

export function createWooClient(
  credentials: WooCredentials,
  auth: AuthStyle,
  options: WooClientOptions,
): WooClient {
  const style: AuthStyle = credentials.storeUrl.startsWith('https:') ? auth : 'oauth1';
  const hostname = new URL(credentials.storeUrl).hostname;

  async function call<T>(
    method: 'get' | 'post',
    endpoint: string,
    parse: (data: unknown, headers: unknown) => T | undefined,
    input: { params?: Record<string, string | number>; data?: unknown; signal?: AbortSignal },
  ): Promise<WooResult<T>> {
    if (!options.agents.allowsHost(hostname)) {
      return fail({ kind: 'unreachable', detail: 'the store address is not a public address' });
    }
    if (input.signal?.aborted) return fail({ kind: 'cancelled' });
    const api = new WooCommerceRestApi({
      url: credentials.storeUrl,
      consumerKey: credentials.consumerKey,
      consumerSecret: credentials.consumerSecret,
      version: 'wc/v3',
      queryStringAuth: style === 'query',
      timeout: options.timeoutMs,
      // Only transport settings: headers or params here would replace the library's own (and its auth).
      axiosConfig: {
        httpAgent: options.agents.httpAgent,
        httpsAgent: options.agents.httpsAgent,
        maxRedirects: 0,
        validateStatus: () => true,
        // axios's timeout only covers an idle socket: bound the whole call, and its size, ourselves.
        signal: input.signal
          ? AbortSignal.any([input.signal, AbortSignal.timeout(options.timeoutMs)])
          : AbortSignal.timeout(options.timeoutMs),
        maxContentLength: MAX_RESPONSE_BYTES,
      },
    });
    let raw: unknown;
    try {
      raw =
        method === 'get'
          ? await api.get(endpoint, input.params ?? {})
          : await api.post(endpoint, input.data, input.params ?? {});
    } catch (error) {
      return fail(transportFailure(error, input.signal));
    }
    const response = responseSchema.safeParse(raw);
    if (!response.success) return fail({ kind: 'bad-response', status: 0, detail: 'no HTTP response' });
    const { status, data, headers } = response.data;
    if (status >= 200 && status < 300) {
      const value = parse(data, headers);
      return value === undefined
        ? fail({ kind: 'bad-response', status, detail: 'the store answered in an unexpected format' })
        : { ok: true, value };
    }
    return fail(statusFailure(status, data, headers, style));
  }

  const page = <T>(items: readonly T[] | undefined, headers: unknown): WooPage<T> | undefined =>
    items === undefined
      ? undefined
      : {
          items,
          total: headerNumber(headers, 'x-wp-total') ?? items.length,
          totalPages: headerNumber(headers, 'x-wp-totalpages') ?? (items.length > 0 ? 1 : 0),
        };
  const products = (data: unknown, headers: unknown) => {
    const parsed = parseProducts(data);
    return page(parsed, headers);
  };
  // Pages are read in id order so that concurrent and resumed page reads see one stable sequence.
  const listing = (pageNumber: number, perPage: number) => ({
    page: pageNumber,
    per_page: perPage,
    orderby: 'id',
    order: 'asc',
  });

  return {
    auth: style,
    async listProducts(pageNumber, perPage, signal) {
      const result = await call('get', 'products', products, {
        params: listing(pageNumber, perPage),
        ...(signal ? { signal } : {}),
      });
      return pastLastPage(result);
    },
    async listVariations(productId, pageNumber, perPage, signal) {
      const result = await call('get', `products/${productId}/variations`, products, {
        params: listing(pageNumber, perPage),
        ...(signal ? { signal } : {}),
      });
      return pastLastPage(result);
    },
    getSetting(group, id, signal) {
      return call(
        'get',
        `settings/${encodeURIComponent(group)}/${encodeURIComponent(id)}`,
        (data) => {
          const parsed = wooSettingSchema.safeParse(data);
          return parsed.success ? parsed.data.value : undefined;
        },
        signal ? { signal } : {},
      );
    },
    listWebhooks(pageNumber, signal) {
      return call(
        'get',
        'webhooks',
        (data, headers) => {
          const parsed = z.array(wooWebhookSchema).safeParse(data);
          return page(parsed.success ? parsed.data : undefined, headers);
        },
        { params: { page: pageNumber, per_page: 100 }, ...(signal ? { signal } : {}) },
      );
    },
    createWebhook(input, signal) {
      return call(
        'post',
        'webhooks',
        (data) => {
          const parsed = wooWebhookSchema.safeParse(data);
          return parsed.success ? parsed.data : undefined;
        },
        {
          data: {
            name: input.name,
            topic: input.topic,
            delivery_url: input.deliveryUrl,
            secret: input.secret,
            status: 'active',
          },
          ...(signal ? { signal } : {}),
        },
      );
    },
  };
}

/** A sentence for the merchant (and the logs): what failed and what to do. Never contains a secret. */
export function describeFailure(failure: WooFailure): string {
  switch (failure.kind) {
    case 'rejected':
      return `The store refused the API key (${failure.code || failure.status}${failure.message ? `: ${failure.message}` : ''}). Create a new key in WooCommerce → Settings → Advanced → REST API, or connect again.`;
    case 'header-stripped':
      return 'The store did not receive the credentials: its host strips the Authorization header.';
    case 'forbidden':
      return `The API key is not allowed to do this (${failure.code || failure.status}${failure.message ? `: ${failure.message}` : ''}). Give the key Read/Write permissions, for a user who can manage WooCommerce.`;
    case 'not-found':
      return 'No WooCommerce REST API answers at this address. Check the store URL, that WooCommerce is active and that pretty permalinks are on.';
    case 'redirected':
      return `The store URL redirects to ${failure.location || 'another address'}. Use the address the store redirects to.`;
    // Refused, reset, unknown host and timeout read alike: the answer must not tell open ports from closed.
    case 'unreachable':
      return failure.detail === NO_ANSWER
        ? NOT_REACHED
        : `The store could not be reached (${failure.detail}). Check the store URL.`;
    case 'timeout':
      return NOT_REACHED;
    case 'cancelled':
      return 'The request to the store was cancelled (RateBridge is restarting).';
    case 'unavailable':
      return `The store is temporarily unavailable (HTTP ${failure.status}). Try again in a few minutes.`;
    case 'bad-response':
      return `The store answered in a way RateBridge does not understand (HTTP ${failure.status}: ${failure.detail}).`;
  }
}

/** Whether trying the same call again later may succeed. */
export function isTransient(failure: WooFailure): boolean {
  return failure.kind === 'timeout' || failure.kind === 'unavailable' || failure.kind === 'unreachable';
}

function fail<T>(failure: WooFailure): WooResult<T> {
  return { ok: false, failure };
}

function parseProducts(data: unknown): WooProduct[] | undefined {
  if (!Array.isArray(data)) return undefined;
  // One unreadable product must not lose the page: it is skipped, the rest are kept.
  const whole = wooProductListSchema.safeParse(data);
  if (whole.success) return whole.data;
  return data.flatMap((item: unknown) => {
    const one = wooProductListSchema.element.safeParse(item);
    return one.success ? [one.data] : [];
  });
}

/** WordPress answers 400 `rest_post_invalid_page_number` past the last page (products deleted meanwhile). */
function pastLastPage(result: WooResult<WooPage<WooProduct>>): WooResult<WooPage<WooProduct>> {
  if (
    !result.ok &&
    result.failure.kind === 'bad-response' &&
    result.failure.detail === 'rest_post_invalid_page_number'
  ) {
    return { ok: true, value: { items: [], total: 0, totalPages: 0 } };
  }
  return result;
}

function statusFailure(status: number, data: unknown, headers: unknown, style: AuthStyle): WooFailure {
  const parsed = wooErrorSchema.safeParse(data);
  const code = parsed.success ? parsed.data.code : '';
  const message = parsed.success ? clip(parsed.data.message) : '';
  if (status >= 300 && status < 400) {
    return { kind: 'redirected', status, location: withoutQuery(headerText(headers, 'location') ?? '') };
  }
  if (status === 401) {
    // WooCommerce saw no credentials at all: header auth that never arrived.
    if (code === 'woocommerce_rest_cannot_view' && style === 'header') return { kind: 'header-stripped' };
    if (/permission/i.test(message) && /(write|read)/i.test(message)) {
      return { kind: 'forbidden', status, code, message };
    }
    return { kind: 'rejected', status, code, message };
  }
  if (status === 403) return { kind: 'forbidden', status, code, message };
  if (status === 404) return { kind: 'not-found', status, code };
  if (status === 429 || status >= 500) return { kind: 'unavailable', status };
  return { kind: 'bad-response', status, detail: code || `HTTP ${status}` };
}

/** axios transport errors carry a `code`; their messages and configs (the URL) are never kept. */
function transportFailure(error: unknown, signal: AbortSignal | undefined): WooFailure {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (signal?.aborted) return { kind: 'cancelled' };
  // Not the caller's signal: our own whole-call timeout cancelled it.
  if (code === 'ERR_CANCELED' || code === 'ECONNABORTED' || code === 'ETIMEDOUT') return { kind: 'timeout' };
  if (code === 'ERR_NON_PUBLIC_ADDRESS') {
    return { kind: 'unreachable', detail: 'the store address is not a public address' };
  }
  if (typeof code === 'string' && /CERT|SSL|TLS|SELF_SIGNED/i.test(code)) {
    return { kind: 'unreachable', detail: `the store's HTTPS certificate is not valid (${code})` };
  }
  return { kind: 'unreachable', detail: NO_ANSWER };
}

const NO_ANSWER = 'no answer';
const NOT_REACHED =
  'The store could not be reached at this address, or did not answer in time. Check the store URL and that the store is online, then try again.';

function headerText(headers: unknown, name: string): string | undefined {
  if (headers === null || typeof headers !== 'object') return undefined;
  const getter = (headers as { get?: unknown }).get;
  const value =
    typeof getter === 'function'
      ? (getter as (header: string) => unknown).call(headers, name)
      : (headers as Record<string, unknown>)[name];
  if (Array.isArray(value)) return typeof value[0] === 'string' ? value[0] : undefined;
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

function headerNumber(headers: unknown, name: string): number | undefined {
  const text = headerText(headers, name);
  if (text === undefined || !/^\d{1,9}$/.test(text.trim())) return undefined;
  return Number(text.trim());
}

function clip(text: string): string {
  return text
    .replace(/<[^>]*>/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 200);
}

/** A redirect's target without its query: with query-string auth it would carry the consumer secret. */
function withoutQuery(location: string): string {
  try {
    const url = new URL(location, 'https://store.invalid');
    return url.host === 'store.invalid' ? url.pathname : `${url.origin}${url.pathname}`;
  } catch {
    return '';
  }
}
