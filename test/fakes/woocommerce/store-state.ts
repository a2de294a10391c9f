/**
 * Everything the fake store holds (products, keys, webhooks, sessions, what it was asked) and the parts that
 * act on it, built from the options. `url` is set once the server listens.
 */
import { randomBytes } from 'node:crypto';
import { generateProducts, restProduct } from './catalogue.js';
import { createWebhookHub } from './webhooks.js';
import { caBundle, type SafeHttpContext } from './wordpress-http.js';
import { createWpSessions } from './wp-sessions.js';
import type {
  FakeDelivery,
  FakeDimensionUnit,
  FakeKey,
  FakeProduct,
  FakeWebhook,
  FakeWeightUnit,
  FakeWooBehaviour,
  FakeWooOptions,
  KeyPermissions,
  RecordedWooRequest,
} from './types.js';

/** WordPress waits up to a minute (`timeout` 60); tests need an answer sooner. */
const OUTBOUND_TIMEOUT_MS = 15_000;

export function createStoreState(options: FakeWooOptions) {
  const protocol = options.protocol ?? 'https';
  const units: { weight: FakeWeightUnit; dimension: FakeDimensionUnit } = {
    weight: options.weightUnit ?? 'kg',
    dimension: options.dimensionUnit ?? 'cm',
  };
  const behaviour: FakeWooBehaviour = {
    stripAuthorizationHeader: options.stripAuthorizationHeader ?? false,
    latencyMs: options.latencyMs ?? 0,
    failPages: new Map(),
    permalinks: options.permalinks ?? 'pretty',
    seesHttps: options.seesHttps ?? protocol === 'https',
    safePorts: [...(options.safePorts ?? [])],
  };
  const state = {
    protocol,
    basePath: (options.basePath ?? '').replace(/\/+$/, ''),
    url: '',
    units,
    behaviour,
    products: generateProducts(options, units.weight, units.dimension),
    keys: [] as FakeKey[],
    webhooks: new Map<number, FakeWebhook>(),
    requests: [] as RecordedWooRequest[],
    deliveries: [] as FakeDelivery[],
    trustedCa: caBundle(options.trustedCa),
    sessions: createWpSessions(),
    nextKeyId: 1,
  };
  const safeHttp = (): SafeHttpContext => ({
    homeUrl: state.url,
    safePorts: behaviour.safePorts,
    trustedCa: state.trustedCa,
    timeoutMs: OUTBOUND_TIMEOUT_MS,
  });
  const productJson = (id: number) => restProduct(state.products, id, state.url);
  const hub = createWebhookHub({
    webhooks: state.webhooks,
    deliveries: state.deliveries,
    homeUrl: () => state.url,
    safeHttp,
    payload: (topic, id) => webhookPayload(state.products, topic, id, productJson),
  });
  const issueKey = (permissions: KeyPermissions = 'read_write', userId = 1): FakeKey => {
    const key: FakeKey = {
      keyId: state.nextKeyId++,
      userId,
      consumerKey: `ck_${randomBytes(20).toString('hex')}`,
      consumerSecret: options.consumerSecret?.() ?? `cs_${randomBytes(20).toString('hex')}`,
      permissions,
      revoked: false,
      nonces: new Map(),
    };
    state.keys.push(key);
    return key;
  };
  return { state, safeHttp, productJson, hub, issueKey };
}

export type StoreState = ReturnType<typeof createStoreState>;

/** `build_payload()`: `{id}` for deleted topics, else REST's answer for the product now, an error included. */
function webhookPayload(
  products: ReadonlyMap<number, FakeProduct>,
  topic: string,
  id: number,
  productJson: (id: number) => Record<string, unknown>,
): unknown {
  if (topic.endsWith('.deleted')) return { id };
  return products.has(id)
    ? productJson(id)
    : { code: 'woocommerce_rest_product_invalid_id', message: 'Invalid ID.', data: { status: 404 } };
}
