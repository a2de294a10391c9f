/**
 * One call to a store through `@woocommerce/woocommerce-rest-api`, whose `Promise<any>` (an axios response,
 * or a thrown axios error) becomes a `WooResult`. Redirects are not followed and the whole call is bounded
 * in time and size; nothing of the request (its URL may carry the secret) reaches a failure.
 */
import WooCommerceRestApiImport, { type IWooCommerceRestApiOptions } from '@woocommerce/woocommerce-rest-api';
import { z } from 'zod';
import { fail, statusFailure, transportFailure } from './woo-failure.js';
import type { AuthStyle, WooClientOptions, WooCredentials, WooResult } from './woo-types.js';

/** Product pages are well under this; anything larger is not a WooCommerce answer. */
const MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

type WooCommerceRestApiInstance = {
  get(endpoint: string, params?: Record<string, string | number>): Promise<unknown>;
  post(endpoint: string, data: unknown, params?: Record<string, string | number>): Promise<unknown>;
  put(endpoint: string, data: unknown, params?: Record<string, string | number>): Promise<unknown>;
  delete(endpoint: string, params?: Record<string, string | number>): Promise<unknown>;
};

export type CallMethod = 'get' | 'post' | 'put' | 'delete';
type WooCommerceRestApiConstructor = new (options: IWooCommerceRestApiOptions) => WooCommerceRestApiInstance;

// The package is CommonJS with `exports.default`: under native ESM its default import is the module
// object, under a bundler it is the class itself.
const WooCommerceRestApi = ((WooCommerceRestApiImport as unknown as { default?: unknown }).default ??
  WooCommerceRestApiImport) as unknown as WooCommerceRestApiConstructor;

const responseSchema = z.object({ status: z.number().int(), data: z.unknown(), headers: z.unknown() });

/** Which store, with which credentials and auth style, over which agents. */
export interface StoreTarget {
  readonly credentials: WooCredentials;
  readonly style: AuthStyle;
  readonly hostname: string;
  readonly options: WooClientOptions;
}

export interface CallInput {
  readonly params?: Record<string, string | number>;
  readonly data?: unknown;
  readonly signal?: AbortSignal;
}

export async function callStore<T>(
  target: StoreTarget,
  method: CallMethod,
  endpoint: string,
  parse: (data: unknown, headers: unknown) => T | undefined,
  input: CallInput,
): Promise<WooResult<T>> {
  if (!target.options.agents.allowsHost(target.hostname)) {
    return fail({ kind: 'unreachable', detail: 'the store address is not a public address' });
  }
  if (input.signal?.aborted) return fail({ kind: 'cancelled' });
  const api = restApi(target, input.signal);
  let raw: unknown;
  try {
    const params = input.params ?? {};
    raw =
      method === 'get' || method === 'delete'
        ? await api[method](endpoint, params)
        : await api[method](endpoint, input.data, params);
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
  return fail(statusFailure(status, data, headers, target.style));
}

function restApi({ credentials, style, options }: StoreTarget, signal?: AbortSignal) {
  return new WooCommerceRestApi({
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
      signal: signal
        ? AbortSignal.any([signal, AbortSignal.timeout(options.timeoutMs)])
        : AbortSignal.timeout(options.timeoutMs),
      maxContentLength: MAX_RESPONSE_BYTES,
    },
  });
}
