/** The bridge's parts, each built once from the core and wired to the others it needs. */
import type { Core } from '../core/index.js';
import { createBackgroundTasks } from './background-tasks.js';
import { createConnectorKeys } from './connector-keys.js';
import { createKeyGrant } from './key-grant.js';
import { createProductSync, type ProductSyncOptions } from './product-sync.js';
import { createProductWebhooks } from './product-webhooks.js';
import { createStoreAgents } from './store-agents.js';
import { createStoreConnections } from './store-connection.js';
import { createLinkEvents, createStoreLink } from './store-link.js';
import { createStoreSetup } from './store-setup.js';
import { createSyncedProfiles } from './synced-profiles.js';

export interface WooCommerceBridgeOptions {
  /** Timeout of each call to a store (default: PLATFORM_TIMEOUT_MS). */
  readonly timeoutMs?: number;
  /** An extra certificate authority for store HTTPS (tests: the fake store's certificate). */
  readonly tlsCa?: string | Buffer;
  /** A certificate authority to count as in WordPress's bundle when checking the grant's callback (tests). */
  readonly callbackCa?: string;
  readonly sync?: Partial<
    Pick<
      ProductSyncOptions,
      'pageSize' | 'pageConcurrency' | 'variationConcurrency' | 'leaseMs' | 'retryDelaysMs'
    >
  >;
  /** How long the grant's return page waits for the store to accept the keys before asking for a reload. */
  readonly connectedWaitMs?: number;
  /** The scheduled link check: every `intervalMs` per store (15 minutes), looking every `tickMs` (1 minute). */
  readonly linkCheck?: { readonly intervalMs?: number; readonly tickMs?: number };
  readonly now?: () => number;
}

export function createBridgeParts(core: Core, options: WooCommerceBridgeOptions) {
  const now = options.now ?? Date.now;
  const logger = core.logger.child({ frontEnd: 'woocommerce' });
  const agents = createStoreAgents({
    allowLoopback: core.config.allowLocalStores && core.config.env !== 'production',
    ...(options.tlsCa === undefined ? {} : { ca: options.tlsCa }),
  });
  const tasks = createBackgroundTasks(logger);
  const linkCheckIntervalMs = options.linkCheck?.intervalMs ?? 15 * 60_000;
  const connections = createStoreConnections({ store: core.store, sealer: core.sealer, logger }, now);
  const profiles = createSyncedProfiles({ store: core.store, catalog: core.catalog, logger });
  const setup = createStoreSetup({
    core,
    logger,
    connections,
    agents,
    tasks,
    timeoutMs: options.timeoutMs ?? core.config.platforms.timeoutMs,
    onConnected: async (tenant) => {
      await sync.start(tenant, 'connect');
    },
    afterWebhooks: (tenant, signal) => link.check(tenant, 'manual', signal),
    linkCheckIntervalMs,
    now,
  });
  const link = createStoreLink({
    store: core.store,
    logger,
    connections,
    setup,
    events: createLinkEvents(logger),
    startSync: (tenant, trigger) => sync.start(tenant, trigger),
    now,
    intervalMs: linkCheckIntervalMs,
    tickMs: Math.min(options.linkCheck?.tickMs ?? 60_000, linkCheckIntervalMs),
  });
  const sync = createProductSync({
    store: core.store,
    logger,
    stores: { open: setup.open, switchToQueryAuth: setup.switchToQueryAuth, check: link.check },
    profiles,
    now,
    ...options.sync,
  });
  const keys = createConnectorKeys({ store: core.store, sealer: core.sealer, logger }, now);
  const grant = createKeyGrant(core, now);
  const webhooks = createProductWebhooks({
    store: core.store,
    logger,
    connections,
    profiles,
    tasks,
    open: (tenant) => setup.open(tenant),
    freshUnits: (tenant, signal) => link.freshUnits(tenant, signal),
    reconcile: (tenant) => sync.start(tenant, 'reconcile'),
  });
  return { logger, agents, tasks, connections, setup, sync, keys, grant, webhooks, link };
}
