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
 *
 * The call itself is woocommerce-client/call-store.ts and its failures woocommerce-client/woo-failure.ts;
 * this file holds the endpoints.
 */
import { z } from 'zod';
import { callStore, type CallInput, type StoreTarget } from './woocommerce-client/call-store.js';
import { probeUnseenHttps } from './woocommerce-client/probe-unseen-https.js';
import { headerNumber } from './woocommerce-client/response-headers.js';
import type {
  AuthStyle,
  WooClient,
  WooClientOptions,
  WooCredentials,
  WooPage,
  WooResult,
} from './woocommerce-client/woo-types.js';
import {
  wooProductListSchema,
  wooSettingSchema,
  wooWebhookSchema,
  type WooProduct,
} from './woocommerce-resources.js';

export type {
  AuthStyle,
  NewWebhook,
  WooClient,
  WooClientOptions,
  WooCredentials,
  WooFailure,
  WooPage,
  WooResult,
} from './woocommerce-client/woo-types.js';
export { describeFailure, isTransient } from './woocommerce-client/woo-failure.js';

/** The auth style a store URL starts with: header auth on https, OAuth 1.0a on http. */
export function initialAuthStyle(storeUrl: string): AuthStyle {
  return storeUrl.startsWith('https:') ? 'header' : 'oauth1';
}

export function createWooClient(
  credentials: WooCredentials,
  auth: AuthStyle,
  options: WooClientOptions,
): WooClient {
  const target: StoreTarget = {
    credentials,
    style: credentials.storeUrl.startsWith('https:') ? auth : 'oauth1',
    hostname: new URL(credentials.storeUrl).hostname,
    options,
  };
  const get = <T>(
    endpoint: string,
    parse: (data: unknown, headers: unknown) => T | undefined,
    input: CallInput,
  ) => callStore(target, 'get', endpoint, parse, input);
  const withSignal = (signal?: AbortSignal) => (signal ? { signal } : {});

  return {
    auth: target.style,
    async listProducts(pageNumber, perPage, signal) {
      const input = { params: listing(pageNumber, perPage), ...withSignal(signal) };
      return pastLastPage(await get('products', products, input));
    },
    async listVariations(productId, pageNumber, perPage, signal) {
      const input = { params: listing(pageNumber, perPage), ...withSignal(signal) };
      return pastLastPage(await get(`products/${productId}/variations`, products, input));
    },
    getSetting(group, id, signal) {
      const endpoint = `settings/${encodeURIComponent(group)}/${encodeURIComponent(id)}`;
      return get(endpoint, (data) => parsed(wooSettingSchema, data)?.value, withSignal(signal));
    },
    async explainRefusal(failure, signal) {
      const visitor = failure.kind === 'rejected' && failure.code === 'woocommerce_rest_cannot_view';
      if (!visitor || target.style !== 'query') return failure;
      const probe = await probeUnseenHttps(credentials, options, signal);
      return probe === 'key-works' ? { kind: 'https-unseen' } : failure;
    },
    ...webhookCalls(target),
  };
}

/** The webhook endpoints: list, create, re-enable, delete. */
function webhookCalls(
  target: StoreTarget,
): Pick<WooClient, 'listWebhooks' | 'createWebhook' | 'setWebhookStatus' | 'deleteWebhook'> {
  const withSignal = (signal?: AbortSignal) => (signal ? { signal } : {});
  const webhook = (body: unknown) => parsed(wooWebhookSchema, body);
  return {
    listWebhooks(pageNumber, signal) {
      const input = { params: { page: pageNumber, per_page: 100 }, ...withSignal(signal) };
      return callStore(
        target,
        'get',
        'webhooks',
        (data, headers) => page(parsed(z.array(wooWebhookSchema), data), headers),
        input,
      );
    },
    createWebhook(input, signal) {
      const data = {
        name: input.name,
        topic: input.topic,
        delivery_url: input.deliveryUrl,
        secret: input.secret,
        status: 'active',
      };
      return callStore(target, 'post', 'webhooks', webhook, { data, ...withSignal(signal) });
    },
    setWebhookStatus(id, status, signal) {
      return callStore(target, 'put', `webhooks/${id}`, webhook, { data: { status }, ...withSignal(signal) });
    },
    deleteWebhook(id, signal) {
      const params = { force: 'true' };
      return callStore(target, 'delete', `webhooks/${id}`, webhook, { params, ...withSignal(signal) });
    },
  };
}

// Pages are read in id order so that concurrent and resumed page reads see one stable sequence.
const listing = (pageNumber: number, perPage: number) => ({
  page: pageNumber,
  per_page: perPage,
  orderby: 'id',
  order: 'asc',
});

function parsed<T>(schema: z.ZodType<T>, data: unknown): T | undefined {
  const result = schema.safeParse(data);
  return result.success ? result.data : undefined;
}

function page<T>(items: readonly T[] | undefined, headers: unknown): WooPage<T> | undefined {
  return items === undefined
    ? undefined
    : {
        items,
        total: headerNumber(headers, 'x-wp-total') ?? items.length,
        totalPages: headerNumber(headers, 'x-wp-totalpages') ?? (items.length > 0 ? 1 : 0),
      };
}

const products = (data: unknown, headers: unknown) => page(parseProducts(data), headers);

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
