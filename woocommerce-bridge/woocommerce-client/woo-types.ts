/** The client's contract: what a store call returns, how it fails, and the calls a store answers. */
import type { AUTH_STYLES } from '../../core/wire/woocommerce-schema.js';
import type { StoreAgents } from '../store-agents.js';
import type { WooProduct, WooWebhook } from '../woocommerce-resources.js';

export type AuthStyle = (typeof AUTH_STYLES)[number];

export type WooFailure =
  /** The store refused the key or secret (wrong, deleted or revoked in WooCommerce). */
  | { readonly kind: 'rejected'; readonly status: number; readonly code: string; readonly message: string }
  /** 401 `woocommerce_rest_cannot_view` to header auth: the host stripped the Authorization header. */
  | { readonly kind: 'header-stripped' }
  /**
   * WordPress does not see the request as HTTPS (a TLS proxy before it does not say so), so it reads no
   * Basic or query-string key at all; the key itself works (probe-unseen-https.ts found so).
   */
  | { readonly kind: 'https-unseen' }
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
  /** PUT webhooks/<id> {status}: re-enables a webhook WooCommerce disabled (needs write permission). */
  setWebhookStatus(id: number, status: 'active', signal?: AbortSignal): Promise<WooResult<WooWebhook>>;
  /**
   * After a visitor's 401 to query-string auth: the `https-unseen` failure when the key works once signed
   * as WordPress sees the URL (no HTTPS), else `failure` as it was (probe-unseen-https.ts).
   */
  explainRefusal(failure: WooFailure, signal?: AbortSignal): Promise<WooFailure>;
  /** DELETE webhooks/<id>?force=true (webhooks cannot be trashed). */
  deleteWebhook(id: number, signal?: AbortSignal): Promise<WooResult<WooWebhook>>;
}
