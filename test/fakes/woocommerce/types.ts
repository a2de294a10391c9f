/** The fake WooCommerce's public shapes: what a test configures, reads and drives. */
import type http from 'node:http';

export type FakeWeightUnit = 'kg' | 'g' | 'lbs' | 'oz';
export type FakeDimensionUnit = 'm' | 'cm' | 'mm' | 'in' | 'yd';
export type KeyPermissions = 'read' | 'write' | 'read_write';
/** Settings → Permalinks: "Plain" (`?p=123`) or any pretty structure (which REST and wc-auth need). */
export type Permalinks = 'pretty' | 'plain';

export interface FakeWooOptions {
  readonly protocol?: 'https' | 'http';
  /** WordPress in a subdirectory, e.g. `/shop`. */
  readonly basePath?: string;
  readonly weightUnit?: FakeWeightUnit;
  readonly dimensionUnit?: FakeDimensionUnit;
  /** Products generated (ids from 101 up, variations numbered right after their parent). */
  readonly products?: number;
  /** Every Nth product is variable (default 10). */
  readonly variableEvery?: number;
  readonly variationsPerProduct?: number;
  /** Every Nth product has no dimensions (default 7). */
  readonly missingDimensionsEvery?: number;
  /** Every Nth product is virtual, never shipped (default 50). */
  readonly virtualEvery?: number;
  readonly stripAuthorizationHeader?: boolean;
  /** Delay before every REST answer. */
  readonly latencyMs?: number;
  /** Consumer secrets the fake issues (canary checks); default `cs_` + 40 hex, as `wc_rand_hash()`. */
  readonly consumerSecret?: () => string;
  readonly permalinks?: Permalinks;
  /**
   * Whether WordPress sees the request as HTTPS (`is_ssl()`); default: the protocol is https. False is a TLS
   * proxy that does not tell WordPress (no X-Forwarded-Proto handling): Basic and query-string auth stop.
   */
  readonly seesHttps?: boolean;
  /**
   * The CA certificates WordPress verifies its own outgoing TLS against (wp-includes/certificates/
   * ca-bundle.crt). Default: Node's public roots, as the bundle holds the public CAs.
   */
  readonly trustedCa?: string | readonly string[];
  /** Ports added to WordPress's safe ports 80, 443, 8080 (the `http_allowed_safe_ports` filter). */
  readonly safePorts?: readonly number[];
}

export interface FakeDimensions {
  length: string;
  width: string;
  height: string;
}

export interface FakeProduct {
  readonly id: number;
  name: string;
  readonly type: 'simple' | 'variable' | 'variation';
  sku: string;
  /** In the store's weight unit, as WooCommerce stores it ("" when unset). */
  weight: string;
  dimensions: FakeDimensions;
  virtual: boolean;
  /** `trash` once trashed (REST still answers it by id; lists leave it out). */
  status: 'publish' | 'trash';
  readonly parentId: number;
  readonly variationIds: number[];
  /** Variations: their attribute option ("Small"). */
  readonly option?: string;
}

export interface FakeKey {
  readonly keyId: number;
  /** The WordPress user the key belongs to. */
  readonly userId: number;
  readonly consumerKey: string;
  readonly consumerSecret: string;
  readonly permissions: KeyPermissions;
  /** Revoked keys are deleted rows: WooCommerce no longer knows them. */
  revoked: boolean;
  /** OAuth 1.0a nonces seen, by timestamp (the `nonces` column of woocommerce_api_keys). */
  readonly nonces: Map<number, string>;
}

export type WebhookStatus = 'active' | 'paused' | 'disabled';

export interface FakeWebhook {
  readonly id: number;
  name: string;
  readonly topic: string;
  deliveryUrl: string;
  secret: string;
  status: WebhookStatus;
  /** Consecutive failed deliveries (`WC_Webhook::failed_delivery()`). */
  failureCount: number;
  /** Status of the creation ping (0: it did not get an answer). */
  pingStatus: number | undefined;
}

export interface RecordedWooRequest {
  readonly method: string;
  /** Below `/wc/v3/`, e.g. `products`. */
  readonly route: string;
  readonly auth: 'basic' | 'query' | 'oauth1' | 'none';
  readonly page: number | undefined;
  readonly perPage: number | undefined;
  readonly status: number;
}

/** One POST WooCommerce made to a webhook's delivery URL (or a forged one, from `forgeDelivery`). */
export interface FakeDelivery {
  readonly webhookId: number;
  readonly topic: string;
  /** `X-WC-Webhook-Delivery-ID`: `wp_hash(webhook id . current second)`, so shared within one second. */
  readonly deliveryId: string;
  /** The answer's status; 0 when the request failed (refused URL, TLS, connection). */
  readonly status: number;
  /** The answer's body (parsed JSON where it is JSON). */
  readonly body: unknown;
  /** What was sent. */
  readonly request: { readonly headers: Record<string, string>; readonly body: string };
}

export interface FakeHttpResponse {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly text: string;
}

export interface FetchInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

/** A browser signed in to the store's wp-admin. */
export interface StoreSession {
  readonly userId: number;
  readonly cookie: string;
  /** A request carrying the session cookie; never follows redirects. */
  fetch(url: string, init?: FetchInit): Promise<FakeHttpResponse>;
}

export interface FakeWooBehaviour {
  stripAuthorizationHeader: boolean;
  latencyMs: number;
  /** Product list pages that answer 503 (each listed page once per count). */
  failPages: Map<number, number>;
  permalinks: Permalinks;
  seesHttps: boolean;
  /** Extra safe ports (`http_allowed_safe_ports`). */
  safePorts: number[];
}

export interface FakeWooCommerce {
  /** The store's home URL (what a merchant types), no trailing slash. */
  readonly url: string;
  /** The fake's own certificate, for clients that must trust it. */
  readonly ca: string;
  readonly weightUnit: FakeWeightUnit;
  readonly dimensionUnit: FakeDimensionUnit;
  readonly products: Map<number, FakeProduct>;
  readonly keys: FakeKey[];
  readonly webhooks: Map<number, FakeWebhook>;
  readonly requests: RecordedWooRequest[];
  /** Every delivery POSTed, in order. */
  readonly deliveries: FakeDelivery[];
  readonly behaviour: FakeWooBehaviour;
  /** Settings → Products: the units change; stored numbers stay as they are (WooCommerce converts nothing). */
  setUnits(weight: FakeWeightUnit, dimension: FakeDimensionUnit): void;
  /** Deliveries waiting in Action Scheduler. */
  readonly pendingActions: number;
  /** A key created in WooCommerce → Settings → Advanced → REST API. */
  issueKey(permissions?: KeyPermissions): FakeKey;
  /** Deletes a key (Settings → Advanced → REST API → Revoke). */
  revokeKey(key: FakeKey): void;
  /** Signs a user in to wp-admin: the store admin (manage_woocommerce) unless told otherwise. */
  signIn(options?: { manageWooCommerce?: boolean }): StoreSession;
  /** A webhook saved inside WordPress (`WC_Webhook::save()`, as the RateBridge plugin does): no REST key. */
  addWordPressWebhook(input: {
    name: string;
    topic: string;
    deliveryUrl: string;
    secret: string;
  }): Promise<FakeWebhook>;
  /** A request to the fake (or anywhere) trusting the fake's certificate; never follows redirects. */
  fetch(url: string, init?: FetchInit): Promise<FakeHttpResponse>;
  /** The product as REST v3 returns it (variations with their inherited weight, size and SKU). */
  restProduct(id: number): Record<string, unknown>;
  /** Adds a simple product (`woocommerce_new_product`): queues product.created. */
  createProduct(input: Pick<FakeProduct, 'name' | 'sku' | 'weight' | 'dimensions'>): FakeProduct;
  /** Saves a product or variation (`woocommerce_update_product[_variation]`): queues product.updated. */
  updateProduct(
    id: number,
    change: Partial<Pick<FakeProduct, 'name' | 'sku' | 'weight' | 'dimensions'>>,
  ): void;
  /** Moves a product to the trash (`wp_trash_post`): queues product.deleted. */
  trashProduct(id: number): void;
  /** Takes a product out of the trash (`untrashed_post`): queues product.restored. */
  restoreProduct(id: number): void;
  /** Deletes a product for good (`wp_delete_post`): no topic fires. */
  deleteProduct(id: number): void;
  /** Runs Action Scheduler's pending `woocommerce_deliver_webhook_async` actions, oldest first. */
  runScheduledActions(): Promise<FakeDelivery[]>;
  /**
   * A delivery WooCommerce did not make, sent at once to every active webhook of `topic`: for tests of
   * what the receiver refuses (a bad or missing signature).
   */
  forgeDelivery(
    topic: string,
    id: number,
    options: { signature: 'bad' | 'none' | 'valid' },
  ): Promise<FakeDelivery[]>;
  /** Sends an earlier delivery again, byte for byte (same delivery id and signature). */
  redeliver(delivery: FakeDelivery): Promise<FakeDelivery>;
  /** Product list pages of `perPage` products read successfully, by page number. */
  pageRequests(perPage?: number): Map<number, number>;
  close(): Promise<void>;
}
