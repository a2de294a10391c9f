/** How a store call fails: from an HTTP status or a transport error, and the sentence the merchant reads. */
import { wooErrorSchema } from '../woocommerce-resources.js';
import { headerText } from './response-headers.js';
import type { AuthStyle, WooFailure, WooResult } from './woo-types.js';

/** A sentence for the merchant (and the logs): what failed and what to do. Never contains a secret. */
export function describeFailure(failure: WooFailure): string {
  switch (failure.kind) {
    case 'rejected':
      return `The store refused the API key (${failure.code || failure.status}${failure.message ? `: ${failure.message}` : ''}). Create a new key in WooCommerce → Settings → Advanced → REST API, or connect again.`;
    case 'header-stripped':
      return 'The store did not receive the credentials: its host strips the Authorization header.';
    case 'https-unseen':
      return HTTPS_UNSEEN;
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

export function fail<T>(failure: WooFailure): WooResult<T> {
  return { ok: false, failure };
}

export function statusFailure(status: number, data: unknown, headers: unknown, style: AuthStyle): WooFailure {
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
export function transportFailure(error: unknown, signal: AbortSignal | undefined): WooFailure {
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
const HTTPS_UNSEEN =
  "WordPress does not see this store's requests as HTTPS (a TLS proxy or load balancer in front of it does not tell it), so WooCommerce ignores the API key, whichever way it is sent. The key itself may be fine: make WordPress see HTTPS (for example set $_SERVER['HTTPS'] = 'on' in wp-config.php when the proxy sends X-Forwarded-Proto: https), then connect again.";
const NOT_REACHED =
  'The store could not be reached at this address, or did not answer in time. Check the store URL and that the store is online, then try again.';

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
