/**
 * Connecting a store, whichever way the keys arrive (the key grant's callback, or pasted in the admin):
 *
 *   1. find the auth style that works on this host: header auth on https, and when the host strips the
 *      Authorization header (401 `woocommerce_rest_cannot_view`) query-string auth; OAuth 1.0a on http.
 *      What works is remembered on the connection and used from then on.
 *   2. read the store's weight and dimension units.
 *   3. only then make the keys the connection's credentials (sealed), and
 *   4. start a full product sync and, meanwhile, register the product webhooks.
 *
 * A later call that meets a stripped header (the host changed) switches the connection to query-string
 * auth the same way.
 */
import { randomBytes } from 'node:crypto';
import { RateBridgeError, rbError, type Core, type Logger } from '../core/index.js';
import type { BackgroundTasks } from './background-tasks.js';
import type { StoreAgents } from './store-agents.js';
import {
  toConnectionView,
  type CheckOutcome,
  type SealedCredentials,
  type StoreConnection,
  type StoreConnections,
  type StoreConnectionView,
  type StoreWebhooks,
} from './store-connection.js';
import { readStoreUnits, type StoreUnits } from './store-units.js';
import type { StoreAddress } from './store-url.js';
import { tenantIndex } from './tenant-index.js';
import {
  createWooClient,
  describeFailure,
  initialAuthStyle,
  type AuthStyle,
  type WooClient,
  type WooCredentials,
  type WooFailure,
  type WooResult,
} from './woocommerce-client.js';

export const PRODUCT_WEBHOOK_TOPICS = ['product.created', 'product.updated', 'product.deleted'] as const;
export const WEBHOOK_ENDPOINT_KIND = 'woocommerce-webhook-endpoints';
export const WEBHOOK_PATH = '/woocommerce/webhooks';
/** How long our own REST registration may hold off the plugin's offer before it counts as abandoned. */
const PENDING_REGISTRATION_MS = 5 * 60_000;
const READ_ONLY_DETAIL =
  'The store key is read-only, so the RateBridge plugin registers the product webhooks: save its settings once (WooCommerce → Settings → Shipping → RateBridge).';

export interface OpenStore {
  readonly storeUrl: string;
  readonly units: StoreUnits;
  readonly client: WooClient;
}

export type VerifyOutcome =
  | { readonly ok: true; readonly auth: AuthStyle; readonly units: StoreUnits; readonly client: WooClient }
  | { readonly ok: false; readonly failure: WooFailure };

export interface StoreSetupOptions {
  readonly core: Pick<Core, 'store' | 'config'>;
  readonly logger: Logger;
  readonly connections: StoreConnections;
  readonly agents: StoreAgents;
  readonly tasks: BackgroundTasks;
  readonly timeoutMs: number;
  /** Called once a store is connected (starts the first full sync). */
  readonly onConnected: (tenant: string) => Promise<void>;
}

export function createStoreSetup(options: StoreSetupOptions) {
  const { core, logger, connections, agents, tasks } = options;
  const { store } = core;
  const clientOptions = { agents, timeoutMs: options.timeoutMs };
  const client = (credentials: WooCredentials, auth: AuthStyle) =>
    createWooClient(credentials, auth, clientOptions);

  /** Steps 1 and 2: the auth style that works, and the store's units. */
  async function verify(credentials: WooCredentials, signal?: AbortSignal): Promise<VerifyOutcome> {
    let candidate = client(credentials, initialAuthStyle(credentials.storeUrl));
    let probe = await candidate.listProducts(1, 1, signal);
    if (!probe.ok && probe.failure.kind === 'header-stripped') {
      candidate = client(credentials, 'query');
      probe = await candidate.listProducts(1, 1, signal);
    }
    if (!probe.ok) return probe;
    const units = await readUnits(candidate, signal);
    if (!units.ok) return units;
    return { ok: true, auth: candidate.auth, units: units.value, client: candidate };
  }

  async function readUnits(woo: WooClient, signal?: AbortSignal): Promise<WooResult<StoreUnits>> {
    const [weight, dimension] = await Promise.all([
      woo.getSetting('products', 'woocommerce_weight_unit', signal),
      woo.getSetting('products', 'woocommerce_dimension_unit', signal),
    ]);
    if (!weight.ok) return weight;
    if (!dimension.ok) return dimension;
    const units = readStoreUnits(weight.value, dimension.value);
    return units
      ? { ok: true, value: units }
      : {
          ok: false,
          failure: {
            kind: 'bad-response',
            status: 200,
            detail: `unknown units "${weight.value}" and "${dimension.value}"`,
          },
        };
  }

  function connectedRecord(
    current: StoreConnection | undefined,
    storeUrl: string,
    credentials: SealedCredentials,
    verified: { auth: AuthStyle; units: StoreUnits },
  ): StoreConnection {
    const now = connections.iso();
    const sameStore = current?.storeUrl === storeUrl;
    return {
      storeUrl,
      status: 'connected',
      auth: verified.auth,
      credentials,
      // Keys checked or pasted just now supersede any still waiting for their check.
      pending: null,
      units: verified.units,
      webhooks: sameStore ? (current?.webhooks ?? null) : null,
      lastCheck: { at: now, outcome: 'connected', detail: `Connected (${describeAuth(verified.auth)}).` },
      connectedAt: sameStore ? (current?.connectedAt ?? now) : now,
      updatedAt: now,
    };
  }

  function afterConnect(tenant: string): void {
    // The sync's state is stored as it starts, so a restart from here on resumes it.
    void tasks.run('woocommerce-first-sync', () => options.onConnected(tenant));
    void tasks.run('woocommerce-webhooks', (signal) => registerWebhooks(tenant, signal));
  }

  async function open(tenant: string): Promise<OpenStore | undefined> {
    const record = await connections.get(tenant);
    if (!record || !record.credentials || !record.units || !record.auth) return undefined;
    const credentials = connections.openCredentials(tenant, record.storeUrl, record.credentials);
    return { storeUrl: record.storeUrl, units: record.units, client: client(credentials, record.auth) };
  }

  const endpoints = tenantIndex(store, WEBHOOK_ENDPOINT_KIND);

  /** Webhook delivery URL of an endpoint. */
  const deliveryUrl = (endpointId: string) => `${core.config.publicUrl}${WEBHOOK_PATH}/${endpointId}`;

  /**
   * Registers the product webhooks over the REST API, which needs a key with write permission. Webhooks we
   * registered before are found first (a read-only key can list them) and kept. Otherwise a read-only key
   * (what the key grant asks for) is not tried: the RateBridge plugin registers them inside WordPress
   * instead (`acceptPluginWebhooks`), and the connection says so until it has.
   */
  async function registerWebhooks(tenant: string, signal?: AbortSignal): Promise<void> {
    const opened = await open(tenant);
    if (!opened) return;
    const fresh: StoreWebhooks = {
      endpointId: `wh_${randomBytes(18).toString('base64url')}`,
      sealedSecret: connections.sealWebhookSecret(tenant, randomBytes(32).toString('base64url')),
      status: 'pending',
      ids: {},
      detail: null,
      at: connections.iso(),
    };
    // One endpoint and secret per store for the three topics, kept across reconnects; none while the
    // plugin's are in place (it registered them with its own secret).
    const record = await connections.update(tenant, (current) =>
      current && !current.webhooks ? { ...current, webhooks: fresh } : undefined,
    );
    const webhooks = record?.webhooks;
    if (!record || !webhooks || webhooks.status === 'plugin') return;
    if (webhooks.endpointId === fresh.endpointId) {
      await endpoints.put(fresh.endpointId, tenant);
    }
    const finish = async (
      status: StoreWebhooks['status'],
      ids: Record<string, number>,
      detail: string | null,
    ) =>
      connections.update(tenant, (current) =>
        // Not over a newer endpoint, nor over what the plugin registered meanwhile.
        current?.webhooks?.endpointId === webhooks.endpointId && current.webhooks.status !== 'plugin'
          ? { ...current, webhooks: { ...current.webhooks, status, ids, detail, at: connections.iso() } }
          : undefined,
      );
    const url = deliveryUrl(webhooks.endpointId);
    const ids: Record<string, number> = {};

    // A reconnect finds the webhooks it registered before (same delivery URL and secret) and keeps them.
    for (let page = 1; page <= 10; page += 1) {
      const listed = await opened.client.listWebhooks(page, signal);
      if (!listed.ok) break;
      for (const webhook of listed.value.items) {
        if (webhook.delivery_url === url && webhook.status === 'active') ids[webhook.topic] = webhook.id;
      }
      if (page >= listed.value.totalPages) break;
    }
    const complete = () => PRODUCT_WEBHOOK_TOPICS.every((topic) => ids[topic] !== undefined);
    if (!complete() && record.credentials?.permissions === 'read') {
      await finish('awaiting_plugin', ids, READ_ONLY_DETAIL);
      logger.info({ tenant }, 'read-only WooCommerce key: the plugin registers the product webhooks');
      return;
    }
    const secret = connections.openWebhookSecret(tenant, webhooks.sealedSecret);
    let failure: WooFailure | undefined;
    for (const topic of PRODUCT_WEBHOOK_TOPICS) {
      if (ids[topic] !== undefined) continue;
      const created = await opened.client.createWebhook(
        { name: `RateBridge ${topic}`, topic, deliveryUrl: url, secret },
        signal,
      );
      if (created.ok) ids[topic] = created.value.id;
      else failure ??= created.failure;
    }
    if (complete()) {
      await finish('registered', ids, null);
      logger.info({ tenant, topics: Object.keys(ids) }, 'WooCommerce product webhooks registered');
      return;
    }
    // A key without write permission (pasted by hand): the plugin can still register them.
    const refused = failure?.kind === 'rejected' || failure?.kind === 'forbidden';
    const detail = failure ? describeFailure(failure) : null;
    await finish(
      refused ? 'awaiting_plugin' : 'failed',
      ids,
      refused ? `${detail} ${READ_ONLY_DETAIL}` : detail,
    );
    logger.warn({ tenant, detail }, 'WooCommerce product webhooks could not all be registered');
  }

  /**
   * The plugin's side of a read-only store: it registers the three product webhooks in WooCommerce itself
   * (as the admin who saved its settings) with a secret it generated and sends us here, in a signed request.
   * The secret is sealed like ours; it only ever travels towards us. The answer is where to deliver and
   * which topics, or that we registered them already (a key with write permission), so the plugin adds none.
   */
  async function acceptPluginWebhooks(
    tenant: string,
    secret: string,
  ): Promise<
    | { readonly registeredBy: 'plugin'; readonly deliveryUrl: string; readonly topics: readonly string[] }
    | { readonly registeredBy: 'ratebridge' }
  > {
    const spareEndpoint = `wh_${randomBytes(18).toString('base64url')}`;
    const outcome: { verdict: 'accepted' | 'ours' | 'busy' | 'not_connected' } = { verdict: 'not_connected' };
    // Decided inside the atomic update, so a REST registration or a reconnect running meanwhile is seen.
    const record = await connections.update(tenant, (current) => {
      if (!current || current.status !== 'connected') {
        outcome.verdict = 'not_connected';
        return undefined;
      }
      const webhooks = current.webhooks;
      if (webhooks?.status === 'registered') {
        outcome.verdict = 'ours';
        return undefined;
      }
      // Our REST registration is under way with our secret: the plugin's would be refused afterwards.
      // (One left pending by a stopped instance stops counting after a few minutes.)
      if (webhooks?.status === 'pending' && Date.parse(webhooks.at) + PENDING_REGISTRATION_MS > Date.now()) {
        outcome.verdict = 'busy';
        return undefined;
      }
      outcome.verdict = 'accepted';
      return {
        ...current,
        webhooks: {
          endpointId: webhooks?.endpointId ?? spareEndpoint,
          sealedSecret: connections.sealWebhookSecret(tenant, secret),
          status: 'plugin',
          ids: {},
          detail: 'Registered by the RateBridge plugin in WooCommerce.',
          at: connections.iso(),
        },
      };
    });
    switch (outcome.verdict) {
      case 'not_connected':
        throw new RateBridgeError(
          'RB_ERR_CONFLICT',
          'Connect this store in RateBridge first (Settings → Store), then save the plugin settings again.',
        );
      case 'busy':
        throw new RateBridgeError(
          'RB_ERR_CONFLICT',
          'RateBridge is registering the product webhooks itself right now. Save the plugin settings again in a minute.',
        );
      case 'ours':
        return { registeredBy: 'ratebridge' };
      case 'accepted':
        break;
    }
    const endpointId = record?.webhooks?.endpointId ?? spareEndpoint;
    if (endpointId === spareEndpoint) {
      await endpoints.put(endpointId, tenant);
    }
    logger.info({ tenant }, 'WooCommerce product webhooks registered by the plugin');
    return { registeredBy: 'plugin', deliveryUrl: deliveryUrl(endpointId), topics: PRODUCT_WEBHOOK_TOPICS };
  }

  return {
    verify,
    open,
    registerWebhooks,
    acceptPluginWebhooks,

    /** The manual path: the keys are checked against the store before anything is stored. */
    async connectManually(
      tenant: string,
      address: StoreAddress,
      input: { consumerKey: string; consumerSecret: string },
    ): Promise<StoreConnectionView> {
      const credentials = { storeUrl: address.url, ...input };
      const verified = await verify(credentials);
      if (!verified.ok) {
        logger.info({ tenant, storeUrl: address.url, failure: verified.failure.kind }, 'store keys refused');
        throw failureError(verified.failure);
      }
      const sealed = connections.sealCredentials(
        tenant,
        { ...input, wcKeyId: null, permissions: null },
        'manual',
      );
      const record = await connections.update(tenant, (current) =>
        connectedRecord(current, address.url, sealed, verified),
      );
      logger.info({ tenant, storeUrl: address.url, auth: verified.auth }, 'WooCommerce store connected');
      afterConnect(tenant);
      return toConnectionView(record as StoreConnection);
    },

    /** Stores keys from the grant callback, sealed, as pending; `verifyPending` checks them. */
    async receiveGrantedKeys(
      tenant: string,
      address: StoreAddress,
      input: { consumerKey: string; consumerSecret: string; wcKeyId: number; permissions: string },
    ): Promise<SealedCredentials> {
      const sealed = { ...connections.sealCredentials(tenant, input, 'grant'), storeUrl: address.url };
      await connections.update(tenant, (current) => {
        // A working connection stays as it is until the store has accepted the new keys.
        if (current) return { ...current, pending: sealed };
        return {
          storeUrl: address.url,
          status: 'verifying',
          auth: null,
          credentials: null,
          pending: sealed,
          units: null,
          webhooks: null,
          lastCheck: null,
          connectedAt: null,
          updatedAt: connections.iso(),
        };
      });
      return sealed;
    },

    /** Checks pending keys against the store; on success they become the connection's credentials. */
    async verifyPending(
      tenant: string,
      expected: SealedCredentials,
      signal?: AbortSignal,
    ): Promise<{ ok: true } | { ok: false; detail: string }> {
      const record = await connections.get(tenant);
      if (!record?.pending || record.pending.sealedKey !== expected.sealedKey) {
        return { ok: false, detail: 'Newer keys arrived for this store; they are being checked instead.' };
      }
      const storeUrl = record.pending.storeUrl ?? record.storeUrl;
      const credentials = connections.openCredentials(tenant, storeUrl, record.pending);
      const verified = await verify(credentials, signal);
      if (!verified.ok) {
        const detail = describeFailure(verified.failure);
        await connections.update(tenant, (current) =>
          current?.pending?.sealedKey === expected.sealedKey
            ? {
                ...current,
                pending: null,
                status: current.credentials ? current.status : 'failed',
                lastCheck: { at: connections.iso(), outcome: checkOutcome(verified.failure), detail },
              }
            : undefined,
        );
        logger.info({ tenant, failure: verified.failure.kind }, 'granted store keys refused by the store');
        return { ok: false, detail };
      }
      let promoted = false;
      await connections.update(tenant, (current) => {
        promoted = false;
        if (current?.pending?.sealedKey !== expected.sealedKey) return undefined;
        promoted = true;
        return connectedRecord(current, storeUrl, expected, verified);
      });
      if (!promoted)
        return { ok: false, detail: 'Newer keys arrived for this store; they are being checked instead.' };
      logger.info({ tenant, auth: verified.auth }, 'WooCommerce store connected through the key grant');
      afterConnect(tenant);
      return { ok: true };
    },

    /** After a stripped header mid-sync: remember query-string auth and return a client using it. */
    async switchToQueryAuth(tenant: string): Promise<WooClient | undefined> {
      const record = await connections.update(tenant, (current) =>
        current && current.auth === 'header' ? { ...current, auth: 'query' } : undefined,
      );
      if (record?.auth === 'query')
        logger.warn({ tenant }, 'store strips the Authorization header: query-string auth from now on');
      return (await open(tenant))?.client;
    },

    async view(tenant: string): Promise<StoreConnectionView | undefined> {
      const record = await connections.get(tenant);
      return record && toConnectionView(record);
    },
  };
}

export type StoreSetup = ReturnType<typeof createStoreSetup>;

function describeAuth(auth: AuthStyle): string {
  switch (auth) {
    case 'header':
      return 'HTTPS, keys in the Authorization header';
    case 'query':
      return 'HTTPS, keys in the query string because the host strips the Authorization header';
    case 'oauth1':
      return 'plain HTTP, OAuth 1.0a signatures';
  }
}

function checkOutcome(failure: WooFailure): CheckOutcome {
  switch (failure.kind) {
    case 'rejected':
    case 'header-stripped':
      return 'rejected';
    case 'forbidden':
      return 'forbidden';
    case 'not-found':
      return 'not_found';
    case 'redirected':
      return 'redirected';
    case 'unreachable':
    case 'timeout':
    case 'cancelled':
    case 'unavailable':
      return 'unreachable';
    case 'bad-response':
      return 'failed';
  }
}

/** The coded error the admin shows when pasted keys do not work. */
export function failureError(failure: WooFailure): RateBridgeError {
  const detail = describeFailure(failure);
  switch (failure.kind) {
    case 'rejected':
    case 'header-stripped':
      return rbError('RB_ERR_TOKEN_REJECTED', detail);
    case 'forbidden':
      return rbError('RB_ERR_TOKEN_FORBIDDEN', detail);
    case 'not-found':
    case 'redirected':
    case 'bad-response':
      return new RateBridgeError('RB_ERR_VALIDATION', detail, [{ path: 'storeUrl', message: detail }]);
    case 'unreachable':
    case 'timeout':
    case 'cancelled':
    case 'unavailable':
      return rbError('RB_ERR_PLATFORM_UNREACHABLE', detail);
  }
}
