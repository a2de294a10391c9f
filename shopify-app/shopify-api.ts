/**
 * Our thin, typed client for GraphQL Admin, the one Shopify call RateBridge makes itself:
 *
 *   POST https://<shop>/admin/api/<version>/graphql.json with X-Shopify-Access-Token
 *
 * Token exchange and refresh are Shopify's library's (shopify-library.ts); this client takes the sessions
 * it produces. Every call has a timeout (AbortSignal.timeout, combined with the caller's signal), follows no
 * redirects, and returns `{ok: true, …} | {ok: false, failure}`: failures are data with a kind the caller
 * can act on and a message that never contains a token, a secret or Shopify's raw body.
 *
 * GraphQL documents are typed: `graphqlDocument({text, variables, data})` pairs the query text with zod
 * schemas for its variables and its `data`, so `graphql(session, document, variables)` checks what it sends,
 * validates what comes back and returns it typed. `userErrors` of mutations come back as a failure of kind
 * `user_errors`, never silently inside `data` (the library's GraphQL client returns them inside `data`, and
 * its errors are exceptions: shopify-app/README.md, "What we take from Shopify's libraries").
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Session } from '@shopify/shopify-api';
import { z } from 'zod';
import type { JsonValue } from '../core/index.js';
import type { ShopifySettings } from './shopify-config.js';
import { DEFAULT_SHOPIFY_TIMEOUT_MS, shopifyFetch } from './shopify-library.js';
import { parseShopDomain } from './shop-domain.js';
import {
  createQueryPacer,
  queryCost,
  secondsUntilAffordable,
  type QueryCost,
  type QueryPacer,
} from './query-pacing.js';

export type ShopifyFailureKind =
  /** The access token, refresh token or client credentials were refused (revoked, uninstalled, rotated). */
  | 'unauthorized'
  /** Authenticated, but not allowed: a missing scope (ACCESS_DENIED), or 403. */
  | 'forbidden'
  /** Rate limited (429, or GraphQL THROTTLED); `retryAfterSeconds` when Shopify said. */
  | 'throttled'
  /** Shopify answered but cannot serve this shop now (402 frozen, 404, 423 locked, 5xx). */
  | 'unavailable'
  | 'timeout'
  /** No answer: DNS, connection refused or reset, TLS. */
  | 'unreachable'
  /** An answer we cannot read (not JSON, or not the shape documented). */
  | 'bad_response'
  /** Top-level GraphQL `errors`. */
  | 'graphql'
  /** A mutation's `userErrors`. */
  | 'user_errors'
  /** Our variables do not match the document's schema: nothing was sent. */
  | 'invalid_variables'
  /** Another 4xx. */
  | 'rejected'
  /** We hold no usable access token for the shop: the merchant must open the app in Shopify admin once. */
  | 'no_session';

export interface UserError {
  readonly field: readonly string[] | null;
  readonly message: string;
  readonly code?: string | null;
}

export interface ShopifyFailure {
  readonly kind: ShopifyFailureKind;
  /** Safe to log and to show an operator: status codes, error codes and Shopify's error messages only. */
  readonly message: string;
  readonly status?: number;
  readonly retryAfterSeconds?: number;
  readonly userErrors?: readonly UserError[];
}

export type ShopifyResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly failure: ShopifyFailure };

export interface GraphqlDocument<VS extends z.ZodType = z.ZodType, DS extends z.ZodType = z.ZodType> {
  readonly text: string;
  /** Checked before sending: a document is never sent with variables it does not declare. */
  readonly variables: VS;
  /** Checked on arrival: what `graphql()` returns is what this schema says. */
  readonly data: DS;
}

/** A GraphQL document with the schemas of its variables and of its `data`. */
export function graphqlDocument<VS extends z.ZodType, DS extends z.ZodType>(
  document: GraphqlDocument<VS, DS>,
): GraphqlDocument<VS, DS> {
  return document;
}

export interface CallOptions {
  /** The caller's own deadline; the per-call timeout applies as well. */
  readonly signal?: AbortSignal;
}

export interface ShopifyApiOptions {
  readonly settings: ShopifySettings;
  readonly timeoutMs?: number;
  /** Paces calls by each shop's leaky bucket (query-pacing.ts); one per client by default. */
  readonly pacer?: QueryPacer;
}

const graphqlError = z.looseObject({
  message: z.string(),
  extensions: z.looseObject({ code: z.string().optional() }).optional(),
});
const graphqlResponse = z.looseObject({
  data: z.record(z.string(), z.unknown()).nullable().optional(),
  errors: z.array(graphqlError).optional(),
  extensions: z.looseObject({ cost: queryCost.optional() }).optional(),
});
const userError = z.looseObject({
  field: z.array(z.string()).nullable().optional(),
  message: z.string(),
  code: z.string().nullable().optional(),
});

/** Typed GraphQL Admin calls; what `createShopifyApi` builds and `withRetries` wraps. */
export interface ShopifyApi {
  /** Runs a typed document with the session's access token. */
  graphql<VS extends z.ZodType, DS extends z.ZodType>(
    session: Session,
    document: GraphqlDocument<VS, DS>,
    variables: z.input<VS>,
    call?: CallOptions,
  ): Promise<ShopifyResult<z.output<DS>>>;
}

export function createShopifyApi(options: ShopifyApiOptions): ShopifyApi {
  const { settings } = options;
  const timeoutMs = options.timeoutMs ?? DEFAULT_SHOPIFY_TIMEOUT_MS;
  const pacer = options.pacer ?? createQueryPacer();
  // The same seam as the library's calls: timeout, no redirects, and the fake Shopify's address in tests.
  const send = shopifyFetch({
    timeoutMs,
    ...(settings.hostOverride === undefined ? {} : { hostOverride: settings.hostOverride }),
  });

  return {
    async graphql(session, document, variables, call = {}) {
      if (!session.accessToken) return failed('no_session', 'The Shopify session has no access token.');
      // The URL is built from the session's shop: only a permanent *.myshopify.com domain may be one.
      const shop = parseShopDomain(session.shop);
      if (shop === undefined) return failed('no_session', 'The Shopify session names no shop domain.');
      const checkedVariables = document.variables.safeParse(variables);
      if (!checkedVariables.success) {
        return failed('invalid_variables', 'GraphQL variables do not match the document; nothing was sent.');
      }
      if (!(await pacer.beforeSend(shop, document.text, call.signal))) {
        return failed('timeout', 'The call to Shopify was cancelled.');
      }
      const sent = await postJson(
        { send, timeoutMs },
        `https://${shop}/admin/api/${settings.apiVersion}/graphql.json`,
        { 'X-Shopify-Access-Token': session.accessToken },
        { query: document.text, variables: checkedVariables.data as JsonValue },
        call,
      );
      if (!sent.ok) return sent;
      return readAnswer(sent.value, document.data, (cost) => pacer.afterAnswer(shop, document.text, cost));
    },
  };
}

interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly json: unknown;
}

/** One POST; a failure to send or to read the answer becomes a failure of the matching kind. */
async function postJson(
  transport: { send: ReturnType<typeof shopifyFetch>; timeoutMs: number },
  url: string,
  headers: Record<string, string>,
  body: JsonValue,
  call: CallOptions,
): Promise<ShopifyResult<Answer>> {
  const { send, timeoutMs } = transport;
  let response: Response;
  try {
    response = await send(url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/json',
        'User-Agent': 'RateBridge/0.1',
        ...headers,
      },
      body: JSON.stringify(body),
      ...(call.signal ? { signal: call.signal } : {}),
    });
  } catch (error) {
    if (timedOut(error)) return failed('timeout', `Shopify did not answer within ${timeoutMs / 1000} s.`);
    if (call.signal?.aborted) return failed('timeout', 'The call to Shopify was cancelled.');
    return failed('unreachable', `Shopify could not be reached (${networkCode(error)}).`);
  }
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    if (timedOut(error))
      return failed('timeout', `Shopify did not finish answering within ${timeoutMs / 1000} s.`);
    return failed('unreachable', 'The connection to Shopify broke while reading its answer.');
  }
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { ok: true, value: { status: response.status, headers: response.headers, json } };
}

const timedOut = (error: unknown) => error instanceof Error && error.name === 'TimeoutError';

/** A GraphQL answer read: HTTP status, shape, cost (told to `onCost`), errors, userErrors, then `data`. */
function readAnswer<DS extends z.ZodType>(
  answer: Answer,
  dataSchema: DS,
  onCost: (cost: QueryCost) => void,
): ShopifyResult<z.output<DS>> {
  const { status, headers, json } = answer;
  if (status !== 200) return httpFailure(status, headers);
  const parsed = graphqlResponse.safeParse(json);
  if (!parsed.success) return failed('bad_response', 'Shopify answered GraphQL in an unknown shape.');
  const { data, errors, extensions } = parsed.data;
  if (extensions?.cost) onCost(extensions.cost);
  if (errors && errors.length > 0) return graphqlErrorsFailure(errors, extensions?.cost);
  if (data === undefined || data === null) return failed('bad_response', 'Shopify answered without data.');
  const userErrors = collectUserErrors(data);
  if (userErrors.length > 0) {
    const summary = userErrors.map((e) => e.message).join('; ');
    return { ok: false, failure: { kind: 'user_errors', message: summary, userErrors } };
  }
  const typed = dataSchema.safeParse(data);
  if (!typed.success) return failed('bad_response', 'Shopify answered GraphQL with unexpected data.');
  return { ok: true, value: typed.data };
}

/** What waiting fixes: Shopify's rate limit, and an answer that did not come. */
const RETRYABLE: ReadonlySet<ShopifyFailureKind> = new Set([
  'throttled',
  'timeout',
  'unavailable',
  'unreachable',
]);
export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [1000, 2000, 4000, 8000, 16_000];
/** A Retry-After longer than this is not waited for: the failure is reported instead. */
const MAX_RETRY_AFTER_MS = 60_000;

/**
 * The same client, for work nobody is waiting on (the product read): a throttled or unanswered call is tried
 * again after `delaysMs` (or Shopify's Retry-After), so a large catalogue outlasts the rate limit instead of
 * failing on it. Merchant-facing calls (go-live) keep failing fast. The caller's signal stops the waiting.
 */
export function withRetries(
  api: ShopifyApi,
  delaysMs: readonly number[] = DEFAULT_RETRY_DELAYS_MS,
): ShopifyApi {
  return {
    async graphql(session, document, variables, call = {}) {
      for (let attempt = 0; ; attempt += 1) {
        const result = await api.graphql(session, document, variables, call);
        const delay = delaysMs[attempt];
        if (result.ok || !RETRYABLE.has(result.failure.kind) || delay === undefined) return result;
        const asked = result.failure.retryAfterSeconds;
        const wait = asked === undefined ? delay : asked * 1000;
        if (wait > MAX_RETRY_AFTER_MS) return result;
        try {
          await sleep(wait, undefined, call.signal ? { signal: call.signal } : {});
        } catch {
          return result;
        }
      }
    },
  };
}

function failed<T>(
  kind: ShopifyFailureKind,
  message: string,
  extra: Partial<ShopifyFailure> = {},
): ShopifyResult<T> {
  return { ok: false, failure: { kind, message, ...extra } };
}

function httpFailure<T>(status: number, headers: Headers): ShopifyResult<T> {
  if (status === 401)
    return failed('unauthorized', 'Shopify refused the access token (HTTP 401).', { status });
  if (status === 403) return failed('forbidden', 'Shopify refused the request (HTTP 403).', { status });
  if (status === 429) {
    const retryAfter = Number(headers.get('retry-after'));
    return failed('throttled', 'Shopify is rate limiting this shop (HTTP 429).', {
      status,
      ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterSeconds: retryAfter } : {}),
    });
  }
  if (status >= 400 && status < 500 && ![402, 404, 423].includes(status)) {
    return failed('rejected', `Shopify refused the request (HTTP ${status}).`, { status });
  }
  return failed('unavailable', `Shopify cannot serve this shop right now (HTTP ${status}).`, { status });
}

function graphqlErrorsFailure<T>(
  errors: readonly z.infer<typeof graphqlError>[],
  cost: QueryCost | undefined,
): ShopifyResult<T> {
  const codes = errors.map((error) => error.extensions?.code);
  const message = errors.map((error) => error.message).join('; ');
  if (codes.includes('THROTTLED')) {
    return failed('throttled', `Shopify throttled the query: ${message}`, {
      ...(cost ? { retryAfterSeconds: secondsUntilAffordable(cost) } : {}),
    });
  }
  // Over the single-query limit: waiting cannot help, the document itself must change.
  if (codes.includes('MAX_COST_EXCEEDED'))
    return failed('graphql', `Shopify refused the query's cost: ${message}`);
  if (codes.includes('ACCESS_DENIED')) return failed('forbidden', `Shopify denied access: ${message}`);
  return failed('graphql', `Shopify GraphQL errors: ${message}`);
}

/** The `userErrors` of every root field of `data` (a mutation's payload carries them). */
function collectUserErrors(data: Record<string, unknown>): UserError[] {
  const found: UserError[] = [];
  for (const payload of Object.values(data)) {
    if (payload === null || typeof payload !== 'object' || !('userErrors' in payload)) continue;
    const parsed = z.array(userError).safeParse(payload.userErrors);
    if (!parsed.success) continue;
    for (const error of parsed.data) {
      found.push({ field: error.field ?? null, message: error.message, code: error.code ?? null });
    }
  }
  return found;
}

function networkCode(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause;
  return typeof cause?.code === 'string' ? cause.code : 'network error';
}
