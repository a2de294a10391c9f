/**
 * A fake WooCommerce 9.9.5 on WordPress 6.8.8, on a real socket (https by default, with a self-signed
 * certificate callers trust through `FAKE_STORE_CA`; or plain http), that refuses what the real store
 * refuses. Each concern is a file of its own, each citing the WooCommerce or WordPress source it follows:
 *
 *   routing.ts         permalinks: what reaches REST and wc-auth
 *   rest-auth.ts       Basic / query-string auth (only when WordPress sees HTTPS) and OAuth 1.0a
 *   rest-api.ts        products, variations, unit settings, webhooks (rest-collection.ts: paging)
 *   key-grant.ts       /wc-auth/v1/ login, authorize, access_granted (wp-sessions.ts: users, nonces)
 *   webhooks.ts        Action Scheduler deliveries, failure counting, the creation ping
 *   wordpress-http.ts  wp_safe_remote_*: wp_http_validate_url() and WordPress's own CA bundle
 *
 * It shares no code with woocommerce-bridge/: the OAuth signature, webhook signature and units are written
 * again here, so a mistake in the bridge cannot be mirrored. Every REST request is recorded.
 * docs/platforms/woocommerce.md lists the rules with their sources.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { generateProducts, restProduct } from './catalogue.js';
import { requestHandler } from './server.js';
import { FAKE_STORE_CA, FAKE_STORE_KEY } from './tls.js';
import { createWebhookHub } from './webhooks.js';
import { caBundle, rawRequest, type SafeHttpContext } from './wordpress-http.js';
import { createWpSessions } from './wp-sessions.js';
import type {
  FakeDelivery,
  FakeKey,
  FakeWebhook,
  FakeWooBehaviour,
  FakeWooCommerce,
  FakeWooOptions,
  KeyPermissions,
  RecordedWooRequest,
} from './types.js';

export * from './types.js';
export { FAKE_STORE_CA } from './tls.js';
export { HOOKSHOT_USER_AGENT, WOOCOMMERCE_VERSION, WORDPRESS_VERSION } from './versions.js';

/** WordPress waits up to a minute (`timeout` 60); tests need an answer sooner. */
const OUTBOUND_TIMEOUT_MS = 15_000;

export async function startFakeWooCommerce(options: FakeWooOptions = {}): Promise<FakeWooCommerce> {
  const protocol = options.protocol ?? 'https';
  const basePath = (options.basePath ?? '').replace(/\/+$/, '');
  const units = { weight: options.weightUnit ?? 'kg', dimension: options.dimensionUnit ?? 'cm' };
  const products = generateProducts(options, units.weight, units.dimension);
  const keys: FakeKey[] = [];
  const webhooks = new Map<number, FakeWebhook>();
  const requests: RecordedWooRequest[] = [];
  const deliveries: FakeDelivery[] = [];
  const behaviour: FakeWooBehaviour = {
    stripAuthorizationHeader: options.stripAuthorizationHeader ?? false,
    latencyMs: options.latencyMs ?? 0,
    failPages: new Map(),
    permalinks: options.permalinks ?? 'pretty',
    seesHttps: options.seesHttps ?? protocol === 'https',
    safePorts: [...(options.safePorts ?? [])],
  };
  const trustedCa = caBundle(options.trustedCa);
  const sessions = createWpSessions();
  let url = '';
  let nextKeyId = 1;

  const safeHttp = (): SafeHttpContext => ({
    homeUrl: url,
    safePorts: behaviour.safePorts,
    trustedCa,
    timeoutMs: OUTBOUND_TIMEOUT_MS,
  });
  const productJson = (id: number) => restProduct(products, id, url);
  const restUrl = (route: string) => `${url}/wp-json/wc/v3/${route}`;
  const hub = createWebhookHub({
    webhooks,
    deliveries,
    homeUrl: () => url,
    safeHttp,
    payload: (topic, id) => {
      if (topic.endsWith('.deleted')) return { id };
      // get_endpoint_data( "/wc/v3/products/<id>" ): the REST answer now, an error body included.
      return products.has(id)
        ? productJson(id)
        : { code: 'woocommerce_rest_product_invalid_id', message: 'Invalid ID.', data: { status: 404 } };
    },
  });

  const issueKey = (permissions: KeyPermissions = 'read_write', userId = 1): FakeKey => {
    const key: FakeKey = {
      keyId: nextKeyId++,
      userId,
      consumerKey: `ck_${randomBytes(20).toString('hex')}`,
      consumerSecret: options.consumerSecret?.() ?? `cs_${randomBytes(20).toString('hex')}`,
      permissions,
      revoked: false,
      nonces: new Map(),
    };
    keys.push(key);
    return key;
  };
  const product = (id: number) => {
    const found = products.get(id);
    if (!found) throw new Error(`no product ${id}`);
    return found;
  };

  const handler = requestHandler({
    basePath,
    behaviour,
    requests,
    rest: {
      products,
      webhooks,
      hub,
      behaviour,
      units: () => units,
      restProduct: productJson,
      restUrl,
    },
    grant: {
      homeUrl: () => url,
      permalinks: () => behaviour.permalinks,
      sessions,
      issueKey,
      deleteKey: (key) => {
        key.revoked = true;
      },
      safeHttp,
    },
    auth: () => ({
      keys,
      homeUrl: url,
      seesHttps: behaviour.seesHttps,
      stripAuthorizationHeader: behaviour.stripAuthorizationHeader,
      nowSeconds: () => Math.floor(Date.now() / 1000),
    }),
  });
  const server =
    protocol === 'https'
      ? https.createServer({ key: FAKE_STORE_KEY, cert: FAKE_STORE_CA }, handler)
      : http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `${protocol}://127.0.0.1:${(server.address() as AddressInfo).port}${basePath}`;
  const testFetch = (target: string, init = {}) => rawRequest(target, init, [FAKE_STORE_CA, ...trustedCa]);

  return {
    get url() {
      return url;
    },
    ca: FAKE_STORE_CA,
    get weightUnit() {
      return units.weight;
    },
    get dimensionUnit() {
      return units.dimension;
    },
    setUnits(change) {
      Object.assign(units, change);
    },
    products,
    keys,
    webhooks,
    requests,
    deliveries,
    behaviour,
    get pendingActions() {
      return hub.pending;
    },
    issueKey: (permissions) => issueKey(permissions),
    revokeKey(key) {
      key.revoked = true;
    },
    signIn({ manageWooCommerce = true } = {}) {
      const { user, cookie } = sessions.signIn(manageWooCommerce);
      return {
        userId: user.userId,
        cookie,
        fetch: (target, init = {}) => testFetch(target, { ...init, headers: { ...init.headers, cookie } }),
      };
    },
    addWordPressWebhook: (input) => hub.add({ ...input, status: 'active' }),
    fetch: testFetch,
    restProduct: productJson,
    updateProduct(id, change) {
      Object.assign(product(id), change);
      hub.fire('product.updated', id);
    },
    trashProduct(id) {
      product(id).status = 'trash';
      hub.fire('product.deleted', id);
    },
    restoreProduct(id) {
      product(id).status = 'publish';
      hub.fire('product.restored', id);
    },
    deleteProduct(id) {
      for (const variationId of product(id).variationIds) products.delete(variationId);
      products.delete(id);
    },
    runScheduledActions: () => hub.run(),
    forgeDelivery: (topic, id, { signature }) => hub.forge(topic, id, signature),
    redeliver: (delivery) => hub.redeliver(delivery),
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
