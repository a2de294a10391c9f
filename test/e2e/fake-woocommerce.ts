/**
 * A fake WooCommerce store on a real socket (https by default, with a self-signed certificate the caller
 * trusts through `fake.ca`; or plain http), speaking WooCommerce's wire formats so the bridge can be tested
 * end to end.
 *
 * Serves, under `<base path>/wp-json/wc/v3/`:
 *   GET  products, products/<id>, products/<id>/variations   paged (`page`, `per_page` <= 100, `orderby`,
 *        `order`), with X-WP-Total and X-WP-TotalPages; past the last page 400 rest_post_invalid_page_number
 *   GET  settings/products/woocommerce_weight_unit | woocommerce_dimension_unit   `{id, value, …}`
 *   GET  webhooks, POST webhooks (needs a key with write permission; sends the unsigned creation ping);
 *        webhooks saved inside WordPress (the plugin's way, for read-only keys) ping the same way
 * Authentication as WooCommerce does it: over https HTTP basic auth or `?consumer_key=&consumer_secret=`;
 * over http only OAuth 1.0a (one-legged, HMAC-SHA1/SHA256, timestamp window, nonces used once). With
 * `stripAuthorizationHeader` the host drops the Authorization header, so header auth meets 401
 * `woocommerce_rest_cannot_view`, as on the hosts that do this.
 *
 * The key grant: GET <base>/wc-auth/v1/authorize (validates the parameters; https callback_url unless
 * `allowHttpCallback`) answers an approval page; GET …/access_granted creates a key, POSTs
 * {key_id, user_id, consumer_key, consumer_secret, key_permissions} to callback_url (a non-200 is an error
 * page, as in WooCommerce) and redirects to return_url with success=1&user_id=…; …/access_denied redirects
 * with success=0.
 *
 * Acts as WooCommerce towards the app: product webhook deliveries signed with X-WC-Webhook-Signature
 * (base64 HMAC-SHA256 of the body with the webhook's secret), and redeliveries of the same delivery id.
 * As WooCommerce: the payload is built when delivering (a product gone by then is its REST error body),
 * a webhook is disabled after more than 5 failed deliveries in a row, trashing fires product.deleted and
 * hides the product from listings, PUT/DELETE webhooks/<id> change or delete one (write permission), the
 * unit settings can be switched (`setUnits`: stored numbers stay, now meaning the new unit), and with
 * `httpsUnseen` WordPress does not see HTTPS (a TLS proxy before it), so it ignores basic and query auth.
 *
 * It shares no code with woocommerce-bridge/: the OAuth signature, webhook signature and units are written
 * again here, so a mistake in the bridge cannot be mirrored. Every REST request is recorded.
 */
import { execFileSync } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * The fake's self-signed certificate (CN fake-woocommerce.test, SAN 127.0.0.1 and localhost), made fresh by
 * openssl for each test process, so no private key is ever committed.
 */
function selfSignedCertificate(): { cert: string; key: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fake-woo-tls-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '2',
        '-subj',
        '/CN=fake-woocommerce.test',
        '-addext',
        'subjectAltName=IP:127.0.0.1,DNS:localhost',
        '-keyout',
        path.join(dir, 'key.pem'),
        '-out',
        path.join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    return {
      cert: readFileSync(path.join(dir, 'cert.pem'), 'utf8'),
      key: readFileSync(path.join(dir, 'key.pem'), 'utf8'),
    };
  } catch (error) {
    throw new Error(
      `the fake WooCommerce store needs the openssl command to make its TLS certificate: ${String(error)}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const TLS = selfSignedCertificate();
export const FAKE_STORE_CA = TLS.cert;
const FAKE_STORE_KEY = TLS.key;

export type FakeWeightUnit = 'kg' | 'g' | 'lbs' | 'oz';
export type FakeDimensionUnit = 'm' | 'cm' | 'mm' | 'in' | 'yd';
export type KeyPermissions = 'read' | 'write' | 'read_write';

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
  /** WooCommerce refuses a callback_url that is not https; tests run the app on http. */
  readonly allowHttpCallback?: boolean;
  /** Consumer secrets the fake issues (canary checks); default random `cs_` + 40 hex. */
  readonly consumerSecret?: () => string;
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
  readonly parentId: number;
  readonly variationIds: number[];
  /** Variations: their attribute option ("Small"). */
  readonly option?: string;
  /** `trash` once trashed (`trashProduct`): listed no more, still readable by id. */
  status?: 'publish' | 'trash';
}

export interface FakeKey {
  readonly keyId: number;
  readonly consumerKey: string;
  readonly consumerSecret: string;
  readonly permissions: KeyPermissions;
  revoked: boolean;
}

export interface FakeWebhook {
  readonly id: number;
  readonly name: string;
  readonly topic: string;
  readonly deliveryUrl: string;
  readonly secret: string;
  status: 'active' | 'paused' | 'disabled';
  /** Status of the creation ping. */
  pingStatus: number | undefined;
  /** Failed deliveries in a row; more than 5 and WooCommerce disables the webhook. */
  failureCount?: number;
}

export interface RecordedWooRequest {
  readonly method: string;
  /** Below `/wp-json/wc/v3/`, e.g. `products`. */
  readonly route: string;
  readonly auth: 'basic' | 'query' | 'oauth1' | 'none';
  readonly page: number | undefined;
  readonly perPage: number | undefined;
  readonly status: number;
}

export interface FakeDelivery {
  readonly webhookId: number;
  readonly deliveryId: number;
  readonly status: number;
  readonly body: unknown;
}

export interface FakeHttpResponse {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly text: string;
}

export interface FakeWooBehaviour {
  stripAuthorizationHeader?: boolean;
  latencyMs?: number;
  /** Product list pages that answer 503 (each listed page once per entry in `times`). */
  failPages?: Map<number, number>;
  /** WordPress does not see HTTPS (TLS ends at a proxy that does not say so): basic and query auth ignored. */
  httpsUnseen?: boolean;
  /** Settings → Permalinks "Plain": /wp-json/ is no route (WordPress answers its 404 page). */
  plainPermalinks?: boolean;
}

export interface FakeWooCommerce {
  /** The store's home URL (what a merchant types), no trailing slash. */
  readonly url: string;
  readonly ca: string;
  readonly weightUnit: FakeWeightUnit;
  readonly dimensionUnit: FakeDimensionUnit;
  /** Settings → Products: the numbers stored stay as they are, read in the new units from now on. */
  setUnits(weight: FakeWeightUnit, dimension: FakeDimensionUnit): void;
  /** Moves a product to the trash, as wp_trash_post: product.deleted is delivered. */
  trashProduct(id: number): Promise<FakeDelivery[]>;
  readonly products: Map<number, FakeProduct>;
  readonly keys: FakeKey[];
  readonly webhooks: Map<number, FakeWebhook>;
  readonly requests: RecordedWooRequest[];
  readonly behaviour: FakeWooBehaviour;
  /** A key created in WooCommerce → Settings → Advanced → REST API. */
  issueKey(permissions?: KeyPermissions): FakeKey;
  /** A webhook saved inside WordPress (`WC_Webhook::save()`, as the RateBridge plugin does): no REST key. */
  addWordPressWebhook(input: {
    name: string;
    topic: string;
    deliveryUrl: string;
    secret: string;
  }): Promise<FakeWebhook>;
  /** A request to the fake (or anywhere) trusting the fake's certificate; never follows redirects. */
  fetch(
    url: string,
    init?: { method?: string; headers?: Record<string, string>; body?: string },
  ): Promise<FakeHttpResponse>;
  /** The product as REST v3 returns it (variations with their inherited weight, size and SKU). */
  restProduct(id: number): Record<string, unknown>;
  /** Delivers `topic` for product `id` to every active webhook of that topic. */
  deliver(
    topic: string,
    id: number,
    options?: { signature?: 'valid' | 'bad' | 'none' },
  ): Promise<FakeDelivery[]>;
  /** Sends an earlier delivery again, byte for byte (same delivery id and signature). */
  redeliver(deliveryId: number): Promise<FakeDelivery>;
  updateProduct(
    id: number,
    change: Partial<Pick<FakeProduct, 'name' | 'sku' | 'weight' | 'dimensions'>>,
  ): Promise<FakeDelivery[]>;
  deleteProduct(id: number): Promise<FakeDelivery[]>;
  /** Product list pages of `perPage` products read successfully, by page number. */
  pageRequests(perPage?: number): Map<number, number>;
  close(): Promise<void>;
}

const REST_PREFIX = '/wp-json/wc/v3/';

export async function startFakeWooCommerce(options: FakeWooOptions = {}): Promise<FakeWooCommerce> {
  const protocol = options.protocol ?? 'https';
  const basePath = (options.basePath ?? '').replace(/\/+$/, '');
  let weightUnit = options.weightUnit ?? 'kg';
  let dimensionUnit = options.dimensionUnit ?? 'cm';
  const products = generateProducts(options, weightUnit, dimensionUnit);
  const keys: FakeKey[] = [];
  const webhooks = new Map<number, FakeWebhook>();
  const requests: RecordedWooRequest[] = [];
  const sentDeliveries = new Map<
    number,
    { url: string; headers: Record<string, string>; body: string; webhookId: number }
  >();
  const usedNonces = new Set<string>();
  const behaviour: FakeWooBehaviour = {
    stripAuthorizationHeader: options.stripAuthorizationHeader ?? false,
    latencyMs: options.latencyMs ?? 0,
    failPages: new Map(),
  };
  let nextKeyId = 1;
  let nextWebhookId = 1;

  /** Saves a webhook and pings its delivery URL, as WooCommerce does for REST and WordPress alike. */
  const addWebhook = async (input: Omit<FakeWebhook, 'id' | 'pingStatus'>): Promise<FakeWebhook> => {
    const webhook: FakeWebhook = { ...input, id: nextWebhookId++, pingStatus: undefined };
    webhooks.set(webhook.id, webhook);
    // WooCommerce pings a new webhook's delivery URL: an unsigned form body naming the webhook.
    webhook.pingStatus = await post(webhook.deliveryUrl, `webhook_id=${webhook.id}`, {
      'content-type': 'application/x-www-form-urlencoded',
      'user-agent': 'WooCommerce/8.9.0 Hookshot (WordPress/6.5)',
    })
      .then((response) => response.status)
      .catch(() => 0);
    return webhook;
  };
  let nextDeliveryId = 1;
  let url = '';

  const issueKey = (permissions: KeyPermissions = 'read_write'): FakeKey => {
    const key: FakeKey = {
      keyId: nextKeyId++,
      consumerKey: `ck_${randomBytes(20).toString('hex')}`,
      consumerSecret: options.consumerSecret?.() ?? `cs_${randomBytes(20).toString('hex')}`,
      permissions,
      revoked: false,
    };
    keys.push(key);
    return key;
  };

  const restProduct = (id: number): Record<string, unknown> => {
    const product = products.get(id);
    if (!product) throw new Error(`no product ${id}`);
    const parent = product.parentId ? products.get(product.parentId) : undefined;
    // WooCommerce's "view" context: a variation's unset weight, size and SKU are its parent's.
    const weight = product.weight || parent?.weight || '';
    const dimensions = {
      length: product.dimensions.length || parent?.dimensions.length || '',
      width: product.dimensions.width || parent?.dimensions.width || '',
      height: product.dimensions.height || parent?.dimensions.height || '',
    };
    return {
      id: product.id,
      name: parent ? `${parent.name} - ${product.option}` : product.name,
      slug: `product-${product.id}`,
      type: product.type,
      status: product.status ?? 'publish',
      sku: product.sku || parent?.sku || '',
      price: '19.95',
      regular_price: '19.95',
      virtual: product.virtual,
      downloadable: false,
      weight,
      dimensions,
      shipping_required: !product.virtual,
      shipping_class: '',
      parent_id: product.parentId,
      variations: product.variationIds,
      attributes: product.option
        ? [{ id: 1, name: 'Size', option: product.option }]
        : product.type === 'variable'
          ? [
              {
                id: 1,
                name: 'Size',
                position: 0,
                visible: true,
                variation: true,
                options: ['Small', 'Medium', 'Large'],
              },
            ]
          : [],
      date_modified_gmt: '2024-05-01T10:00:00',
    };
  };

  // --- REST -------------------------------------------------------------------------------------

  type Reply = { status: number; body: unknown; headers?: Record<string, string> };
  const error = (status: number, code: string, message: string): Reply => ({
    status,
    body: { code, message, data: { status } },
  });

  function authenticate(
    request: http.IncomingMessage,
    requestUrl: URL,
  ): { key: FakeKey; via: RecordedWooRequest['auth'] } | Reply | undefined {
    if (protocol === 'https' && behaviour.httpsUnseen) return undefined;
    if (protocol === 'https') {
      const header = behaviour.stripAuthorizationHeader ? undefined : request.headers.authorization;
      let ck: string | undefined;
      let cs: string | undefined;
      let via: RecordedWooRequest['auth'] = 'none';
      if (header?.startsWith('Basic ')) {
        const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
        const colon = decoded.indexOf(':');
        ck = decoded.slice(0, colon);
        cs = decoded.slice(colon + 1);
        via = 'basic';
      } else if (requestUrl.searchParams.has('consumer_key')) {
        ck = requestUrl.searchParams.get('consumer_key') ?? '';
        cs = requestUrl.searchParams.get('consumer_secret') ?? '';
        via = 'query';
      }
      if (ck === undefined) return undefined;
      const key = keys.find((candidate) => candidate.consumerKey === ck && !candidate.revoked);
      if (!key) return error(401, 'woocommerce_rest_authentication_error', 'Consumer key is invalid.');
      if (key.consumerSecret !== cs) {
        return error(401, 'woocommerce_rest_authentication_error', 'Consumer secret is invalid.');
      }
      return { key, via };
    }
    // Plain http: WooCommerce accepts only OAuth 1.0a.
    const params = requestUrl.searchParams;
    const ck = params.get('oauth_consumer_key');
    if (ck === null) return undefined;
    const key = keys.find((candidate) => candidate.consumerKey === ck && !candidate.revoked);
    if (!key) return error(401, 'woocommerce_rest_authentication_error', 'Consumer key is invalid.');
    const method = params.get('oauth_signature_method');
    if (method !== 'HMAC-SHA1' && method !== 'HMAC-SHA256') {
      return error(401, 'woocommerce_rest_authentication_error', 'Invalid signature method.');
    }
    const timestamp = Number(params.get('oauth_timestamp'));
    if (!Number.isFinite(timestamp) || Math.abs(Date.now() / 1000 - timestamp) > 15 * 60) {
      return error(401, 'woocommerce_rest_authentication_error', 'Invalid timestamp.');
    }
    const nonce = `${ck}:${params.get('oauth_nonce') ?? ''}:${timestamp}`;
    if (usedNonces.has(nonce)) return error(401, 'woocommerce_rest_authentication_error', 'Invalid nonce.');
    // PHP's $_GET keeps the last of repeated names (the library repeats the query in its OAuth params).
    const pairs = [...new Map(params.entries())]
      .filter(([name]) => name !== 'oauth_signature')
      .map(([name, value]) => [rfc3986(name), rfc3986(value)] as const)
      .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
    const baseUrl = `http://${request.headers.host}${requestUrl.pathname}`;
    const base = [
      (request.method ?? 'GET').toUpperCase(),
      rfc3986(baseUrl),
      rfc3986(pairs.map(([name, value]) => `${name}=${value}`).join('&')),
    ].join('&');
    const expected = createHmac(method === 'HMAC-SHA256' ? 'sha256' : 'sha1', `${key.consumerSecret}&`)
      .update(base)
      .digest('base64');
    if (params.get('oauth_signature') !== expected) {
      return error(
        401,
        'woocommerce_rest_authentication_error',
        'Invalid signature - provided signature does not match.',
      );
    }
    usedNonces.add(nonce);
    return { key, via: 'oauth1' };
  }

  function paged(items: readonly Record<string, unknown>[], requestUrl: URL): Reply {
    const perPage = Number(requestUrl.searchParams.get('per_page') ?? '10');
    const page = Number(requestUrl.searchParams.get('page') ?? '1');
    if (!Number.isInteger(perPage) || perPage < 1 || perPage > 100) {
      return error(400, 'rest_invalid_param', 'Invalid parameter(s): per_page');
    }
    const totalPages = Math.ceil(items.length / perPage);
    if (!Number.isInteger(page) || page < 1 || (page > totalPages && items.length > 0)) {
      return error(
        400,
        'rest_post_invalid_page_number',
        'The page number requested is larger than the number of pages available.',
      );
    }
    const order = requestUrl.searchParams.get('order') === 'desc' ? -1 : 1;
    const sorted = [...items].sort((a, b) => ((a.id as number) - (b.id as number)) * order);
    return {
      status: 200,
      body: sorted.slice((page - 1) * perPage, page * perPage),
      headers: { 'X-WP-Total': String(items.length), 'X-WP-TotalPages': String(totalPages) },
    };
  }

  const settings: Record<string, { label: string; value: string; options: Record<string, string> }> = {
    woocommerce_weight_unit: {
      label: 'Weight unit',
      get value() {
        return weightUnit;
      },
      options: { kg: 'kg', g: 'g', lbs: 'lbs', oz: 'oz' },
    },
    woocommerce_dimension_unit: {
      label: 'Dimensions unit',
      get value() {
        return dimensionUnit;
      },
      options: { m: 'm', cm: 'cm', mm: 'mm', in: 'in', yd: 'yd' },
    },
  };

  async function rest(
    request: http.IncomingMessage,
    requestUrl: URL,
    route: string,
    body: string,
  ): Promise<Reply & { via: RecordedWooRequest['auth'] }> {
    const auth = authenticate(request, requestUrl);
    if (auth === undefined) {
      // WordPress saw no credentials: the request runs as a visitor, who may not list anything.
      return {
        ...error(401, 'woocommerce_rest_cannot_view', 'Sorry, you cannot list resources.'),
        via: 'none',
      };
    }
    if ('status' in auth) return { ...auth, via: 'none' };
    const { key, via } = auth;
    const method = (request.method ?? 'GET').toUpperCase();
    if (method !== 'GET' && key.permissions === 'read') {
      return {
        ...error(
          401,
          'woocommerce_rest_authentication_error',
          'The API key provided does not have write permissions.',
        ),
        via,
      };
    }
    const reply = (value: Reply) => ({ ...value, via });
    let match: RegExpExecArray | null;
    if (method === 'GET' && route === 'products') {
      const page = Number(requestUrl.searchParams.get('page') ?? '1');
      const failing = behaviour.failPages?.get(page) ?? 0;
      if (failing > 0) {
        behaviour.failPages?.set(page, failing - 1);
        return reply(error(503, 'service_unavailable', 'Service Unavailable'));
      }
      // status=any, WooCommerce's default, leaves trashed products out.
      const parents = [...products.values()].filter(
        (product) => product.parentId === 0 && product.status !== 'trash',
      );
      return reply(
        paged(
          parents.map((product) => restProduct(product.id)),
          requestUrl,
        ),
      );
    }
    if (method === 'GET' && (match = /^products\/(\d+)\/variations$/.exec(route))) {
      const parent = products.get(Number(match[1]));
      if (!parent || parent.type !== 'variable')
        return reply(error(404, 'woocommerce_rest_product_invalid_id', 'Invalid ID.'));
      return reply(
        paged(
          parent.variationIds.map((id) => restProduct(id)),
          requestUrl,
        ),
      );
    }
    if (method === 'GET' && (match = /^products\/(\d+)$/.exec(route))) {
      const id = Number(match[1]);
      if (!products.has(id)) return reply(error(404, 'woocommerce_rest_product_invalid_id', 'Invalid ID.'));
      return reply({ status: 200, body: restProduct(id) });
    }
    if (method === 'GET' && (match = /^settings\/products\/([a-z_]+)$/.exec(route))) {
      const setting = settings[match[1] as string];
      if (!setting) return reply(error(404, 'rest_setting_setting_invalid', 'Invalid setting.'));
      return reply({
        status: 200,
        body: {
          id: match[1],
          label: setting.label,
          description: '',
          type: 'select',
          default: match[1] === 'woocommerce_weight_unit' ? 'kg' : 'cm',
          options: setting.options,
          tip: '',
          value: setting.value,
        },
      });
    }
    if (method === 'GET' && route === 'webhooks') {
      return reply(paged([...webhooks.values()].map(restWebhook), requestUrl));
    }
    if ((match = /^webhooks\/(\d+)$/.exec(route)) && (method === 'PUT' || method === 'DELETE')) {
      return reply(changeWebhook(method, Number(match[1]), body, requestUrl));
    }
    if (method === 'POST' && route === 'webhooks') {
      let input: { name?: string; topic?: string; delivery_url?: string; secret?: string; status?: string };
      try {
        input = JSON.parse(body) as typeof input;
      } catch {
        return reply(error(400, 'rest_invalid_json', 'Invalid JSON body passed.'));
      }
      if (!input.topic || !input.delivery_url)
        return reply(error(400, 'rest_missing_callback_param', 'Missing parameter(s): topic, delivery_url'));
      if (
        ![
          'product.created',
          'product.updated',
          'product.deleted',
          'product.restored',
          'order.created',
        ].includes(input.topic)
      ) {
        return reply(error(400, 'woocommerce_rest_webhook_invalid_topic', 'Webhook topic is invalid.'));
      }
      const webhook = await addWebhook({
        name: input.name ?? '',
        topic: input.topic,
        deliveryUrl: input.delivery_url,
        secret: input.secret ?? randomBytes(16).toString('hex'),
        status: input.status === 'paused' ? 'paused' : 'active',
      });
      return reply({ status: 201, body: restWebhook(webhook) });
    }
    return reply(error(404, 'rest_no_route', 'No route was found matching the URL and request method.'));
  }

  /** PUT webhooks/<id> {status} (a status change keeps the failure count, as WooCommerce) or DELETE. */
  function changeWebhook(method: string, id: number, body: string, requestUrl: URL): Reply {
    const webhook = webhooks.get(id);
    if (!webhook) return error(404, 'woocommerce_rest_webhook_invalid_id', 'ID is invalid.');
    if (method === 'DELETE') {
      if (requestUrl.searchParams.get('force') !== 'true')
        return error(501, 'woocommerce_rest_trash_not_supported', 'Webhooks do not support trashing.');
      webhooks.delete(id);
      return { status: 200, body: restWebhook(webhook) };
    }
    let input: { status?: unknown };
    try {
      input = JSON.parse(body) as typeof input;
    } catch {
      return error(400, 'rest_invalid_json', 'Invalid JSON body passed.');
    }
    if (input.status !== undefined) {
      if (input.status !== 'active' && input.status !== 'paused' && input.status !== 'disabled')
        return error(400, 'woocommerce_rest_webhook_invalid_status', 'Webhook status must be valid.');
      webhook.status = input.status;
    }
    return { status: 200, body: restWebhook(webhook) };
  }

  /** GET /wp-json/: WordPress's REST index, unauthenticated, naming the namespaces of active plugins. */
  function restIndex(): Record<string, unknown> {
    return {
      name: 'Fake WooCommerce',
      url,
      home: url,
      namespaces: ['oembed/1.0', 'wc/v3', 'wc/store/v1', 'wp/v2'],
      authentication: [],
    };
  }

  // --- the key grant ----------------------------------------------------------------------------

  async function grant(
    step: string,
    requestUrl: URL,
  ): Promise<{ status: number; body: string; headers?: Record<string, string> }> {
    const params = requestUrl.searchParams;
    const required = ['app_name', 'scope', 'user_id', 'return_url', 'callback_url'];
    const missing = required.filter((name) => !params.get(name));
    if (missing.length > 0) return { status: 400, body: `<p>Missing parameter ${missing.join(', ')}</p>` };
    const scope = params.get('scope') as string;
    if (!['read', 'write', 'read_write'].includes(scope))
      return { status: 400, body: '<p>Invalid scope</p>' };
    const callbackUrl = params.get('callback_url') as string;
    const returnUrl = params.get('return_url') as string;
    if (!callbackUrl.startsWith('https://') && !options.allowHttpCallback) {
      return { status: 400, body: '<p>The callback_url needs to be over SSL</p>' };
    }
    const userId = params.get('user_id') as string;
    const back = (success: 0 | 1) =>
      `${returnUrl}${returnUrl.includes('?') ? '&' : '?'}success=${success}&user_id=${userId}`;
    if (step === 'authorize') {
      const query = params.toString();
      return {
        status: 200,
        body: `<h1>${params.get('app_name')} would like to connect to your store</h1><a id="approve" href="${basePath}/wc-auth/v1/access_granted?${query}">Approve</a> <a id="deny" href="${basePath}/wc-auth/v1/access_denied?${query}">Deny</a>`,
      };
    }
    if (step === 'access_denied') return { status: 302, body: '', headers: { location: back(0) } };
    if (step === 'access_granted') {
      const key = issueKey(scope as KeyPermissions);
      const delivered = await post(
        callbackUrl,
        JSON.stringify({
          key_id: key.keyId,
          user_id: userId,
          consumer_key: key.consumerKey,
          consumer_secret: key.consumerSecret,
          key_permissions: key.permissions,
        }),
        { 'content-type': 'application/json;charset=UTF-8' },
      ).catch(() => ({ status: 0 }));
      if (delivered.status !== 200) {
        key.revoked = true;
        return {
          status: 401,
          body: '<p>Error: An error occurred in the request and at the time were unable to send the consumer data</p>',
        };
      }
      return { status: 302, body: '', headers: { location: back(1) } };
    }
    return { status: 404, body: 'not found' };
  }

  // --- the server -------------------------------------------------------------------------------

  const handler: http.RequestListener = (request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      void (async () => {
        const requestUrl = new URL(request.url ?? '/', 'http://fake');
        const pathname = requestUrl.pathname;
        const body = Buffer.concat(chunks).toString('utf8');
        if (behaviour.latencyMs) await new Promise((resolve) => setTimeout(resolve, behaviour.latencyMs));
        if (pathname === `${basePath}/wp-json/` && !behaviour.plainPermalinks) {
          response.writeHead(200, { 'content-type': 'application/json; charset=UTF-8' });
          response.end(JSON.stringify(restIndex()));
          return;
        }
        if (pathname.startsWith(`${basePath}${REST_PREFIX}`)) {
          const route = pathname.slice(`${basePath}${REST_PREFIX}`.length);
          const result = await rest(request, requestUrl, route, body);
          requests.push({
            method: request.method ?? 'GET',
            route,
            auth: result.via,
            page: requestUrl.searchParams.has('page')
              ? Number(requestUrl.searchParams.get('page'))
              : undefined,
            perPage: requestUrl.searchParams.has('per_page')
              ? Number(requestUrl.searchParams.get('per_page'))
              : undefined,
            status: result.status,
          });
          response.writeHead(result.status, {
            'content-type': 'application/json; charset=UTF-8',
            ...result.headers,
          });
          response.end(JSON.stringify(result.body));
          return;
        }
        const grantStep = new RegExp(
          `^${escapeRegExp(basePath)}/wc-auth/v1/(authorize|access_granted|access_denied)$`,
        ).exec(pathname);
        if (grantStep) {
          const result = await grant(grantStep[1] as string, requestUrl);
          response.writeHead(result.status, {
            'content-type': 'text/html; charset=UTF-8',
            ...result.headers,
          });
          response.end(result.body);
          return;
        }
        response.writeHead(404, { 'content-type': 'text/html' });
        response.end('<p>Page not found</p>');
      })().catch((failure: unknown) => {
        response.writeHead(500, { 'content-type': 'text/plain' });
        response.end(String(failure));
      });
    });
  };

  const server =
    protocol === 'https'
      ? https.createServer({ key: FAKE_STORE_KEY, cert: FAKE_STORE_CA }, handler)
      : http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `${protocol}://127.0.0.1:${(server.address() as AddressInfo).port}${basePath}`;

  // --- webhook deliveries -----------------------------------------------------------------------

  async function send(
    webhook: FakeWebhook,
    deliveryId: number,
    body: string,
    signature: 'valid' | 'bad' | 'none',
  ): Promise<FakeDelivery> {
    const [resource, event] = webhook.topic.split('.') as [string, string];
    const signed = createHmac('sha256', webhook.secret).update(body).digest('base64');
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': 'WooCommerce/8.9.0 Hookshot (WordPress/6.5)',
      'x-wc-webhook-source': `${url}/`,
      'x-wc-webhook-topic': webhook.topic,
      'x-wc-webhook-resource': resource,
      'x-wc-webhook-event': event,
      'x-wc-webhook-id': String(webhook.id),
      'x-wc-webhook-delivery-id': String(deliveryId),
    };
    if (signature === 'valid') headers['x-wc-webhook-signature'] = signed;
    if (signature === 'bad')
      headers['x-wc-webhook-signature'] = createHmac('sha256', 'not-the-secret')
        .update(body)
        .digest('base64');
    sentDeliveries.set(deliveryId, { url: webhook.deliveryUrl, headers, body, webhookId: webhook.id });
    const response = await post(webhook.deliveryUrl, body, headers);
    countFailure(webhook, response.status);
    return { webhookId: webhook.id, deliveryId, status: response.status, body: parseJson(response.text) };
  }

  /** WC_Webhook::log_delivery: 2xx (and 301/302) resets the count; more than 5 failures in a row disable it. */
  function countFailure(webhook: FakeWebhook, status: number): void {
    if (status >= 200 && status < 303) {
      webhook.failureCount = 0;
      return;
    }
    const failures = webhook.failureCount ?? 0;
    if (failures > 5) webhook.status = 'disabled';
    else webhook.failureCount = failures + 1;
  }

  async function deliver(
    topic: string,
    id: number,
    deliveryOptions: { signature?: 'valid' | 'bad' | 'none' } = {},
  ) {
    // Built at delivery time: a product gone by then is its REST error, as WooCommerce sends it.
    const payload =
      topic === 'product.deleted'
        ? { id }
        : products.has(id)
          ? restProduct(id)
          : { code: 'woocommerce_rest_product_invalid_id', message: 'Invalid ID.', data: { status: 404 } };
    const body = JSON.stringify(payload);
    const results: FakeDelivery[] = [];
    for (const webhook of webhooks.values()) {
      if (webhook.topic !== topic || webhook.status !== 'active') continue;
      results.push(await send(webhook, nextDeliveryId++, body, deliveryOptions.signature ?? 'valid'));
    }
    return results;
  }

  function post(target: string, body: string, headers: Record<string, string>): Promise<FakeHttpResponse> {
    return request(target, { method: 'POST', headers, body });
  }

  function request(
    target: string,
    init: { method?: string; headers?: Record<string, string>; body?: string } = {},
  ): Promise<FakeHttpResponse> {
    const parsed = new URL(target);
    const client = parsed.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const outgoing = client.request(
        parsed,
        {
          method: init.method ?? 'GET',
          headers: {
            ...init.headers,
            ...(init.body === undefined ? {} : { 'content-length': String(Buffer.byteLength(init.body)) }),
          },
          ...(parsed.protocol === 'https:' ? { ca: FAKE_STORE_CA } : {}),
        },
        (incoming) => {
          const chunks: Buffer[] = [];
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
          incoming.on('end', () =>
            resolve({
              status: incoming.statusCode ?? 0,
              headers: incoming.headers,
              text: Buffer.concat(chunks).toString('utf8'),
            }),
          );
          incoming.on('error', reject);
        },
      );
      outgoing.on('error', reject);
      outgoing.end(init.body);
    });
  }

  return {
    get url() {
      return url;
    },
    ca: FAKE_STORE_CA,
    get weightUnit() {
      return weightUnit;
    },
    get dimensionUnit() {
      return dimensionUnit;
    },
    setUnits(weight, dimension) {
      weightUnit = weight;
      dimensionUnit = dimension;
    },
    async trashProduct(id) {
      const product = products.get(id);
      if (!product) throw new Error(`no product ${id}`);
      product.status = 'trash';
      return deliver('product.deleted', id);
    },
    products,
    keys,
    webhooks,
    addWordPressWebhook: (input) => addWebhook({ ...input, status: 'active' }),
    requests,
    behaviour,
    issueKey,
    fetch: request,
    restProduct,
    deliver,
    async redeliver(deliveryId) {
      const sent = sentDeliveries.get(deliveryId);
      if (!sent) throw new Error(`no delivery ${deliveryId}`);
      const response = await post(sent.url, sent.body, sent.headers);
      return {
        webhookId: sent.webhookId,
        deliveryId,
        status: response.status,
        body: parseJson(response.text),
      };
    },
    async updateProduct(id, change) {
      const product = products.get(id);
      if (!product) throw new Error(`no product ${id}`);
      Object.assign(product, change);
      return deliver('product.updated', id);
    },
    async deleteProduct(id) {
      const product = products.get(id);
      if (!product) throw new Error(`no product ${id}`);
      for (const variationId of product.variationIds) products.delete(variationId);
      products.delete(id);
      return deliver('product.deleted', id);
    },
    pageRequests(perPage = 100) {
      const pages = new Map<number, number>();
      for (const recorded of requests) {
        if (
          recorded.route === 'products' &&
          recorded.page !== undefined &&
          recorded.perPage === perPage &&
          recorded.status === 200
        ) {
          pages.set(recorded.page, (pages.get(recorded.page) ?? 0) + 1);
        }
      }
      return pages;
    },
    close() {
      return new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}

/** Weights and sizes that make sense in each unit (a 0.25–4.25 kg parcel, 10–60 cm a side). */
function generateProducts(
  options: FakeWooOptions,
  weightUnit: FakeWeightUnit,
  dimensionUnit: FakeDimensionUnit,
): Map<number, FakeProduct> {
  const count = options.products ?? 0;
  const variableEvery = options.variableEvery ?? 10;
  const perProduct = options.variationsPerProduct ?? 3;
  const missingEvery = options.missingDimensionsEvery ?? 7;
  const virtualEvery = options.virtualEvery ?? 50;
  const weightStep: Record<FakeWeightUnit, number> = { kg: 0.25, g: 250, lbs: 0.5, oz: 8 };
  const sizeScale: Record<FakeDimensionUnit, number> = { cm: 1, mm: 10, m: 0.01, in: 0.5, yd: 0.02 };
  const decimal = (value: number) => String(Number(value.toFixed(6)));
  const products = new Map<number, FakeProduct>();
  let id = 101;
  for (let index = 0; index < count; index += 1) {
    const variable = index % variableEvery === variableEvery - 1;
    const missing = index % missingEvery === missingEvery - 1;
    const virtual = !variable && index % virtualEvery === Math.floor(virtualEvery / 2) - 1;
    const dimensions = missing
      ? { length: '', width: '', height: '' }
      : {
          length: decimal((10 + (index % 50)) * sizeScale[dimensionUnit]),
          width: decimal((10 + (index % 30)) * sizeScale[dimensionUnit]),
          height: decimal((5 + (index % 20)) * sizeScale[dimensionUnit]),
        };
    const product: FakeProduct = {
      id: id++,
      name: `Product ${index + 1}`,
      type: variable ? 'variable' : 'simple',
      sku: `WOO-${index + 1}`,
      weight: decimal(((index % 17) + 1) * weightStep[weightUnit]),
      dimensions,
      virtual,
      parentId: 0,
      variationIds: [],
    };
    products.set(product.id, product);
    if (!variable) continue;
    for (const [position, option] of ['Small', 'Medium', 'Large', 'X-Large', 'XX-Large']
      .slice(0, perProduct)
      .entries()) {
      const variation: FakeProduct = {
        id: id++,
        name: '',
        type: 'variation',
        // The first variation has its own SKU and weight; the others inherit the parent's.
        sku: position === 0 ? `WOO-${index + 1}-${option.toUpperCase()}` : '',
        weight: position === 0 ? decimal(((index % 17) + 2) * weightStep[weightUnit]) : '',
        dimensions: { length: '', width: '', height: '' },
        virtual: false,
        parentId: product.id,
        variationIds: [],
        option,
      };
      product.variationIds.push(variation.id);
      products.set(variation.id, variation);
    }
  }
  return products;
}

function restWebhook(webhook: FakeWebhook): Record<string, unknown> {
  const [resource, event] = webhook.topic.split('.');
  return {
    id: webhook.id,
    name: webhook.name,
    status: webhook.status,
    topic: webhook.topic,
    resource,
    event,
    hooks: [`woocommerce_${event}_${resource}`],
    delivery_url: webhook.deliveryUrl,
    date_created: '2024-05-01T10:00:00',
  };
}

function rfc3986(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
