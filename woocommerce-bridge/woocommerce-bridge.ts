/**
 * The WooCommerce front end, built once from the core: store connections (key grant or pasted keys),
 * connector keys for the plugin, the product sync and the product webhooks. server.ts mounts its two
 * routers (public-router.ts, admin-router.ts), calls `start()` once listening (it resumes product syncs a
 * restart interrupted) and `stop()` on shutdown (it aborts running work and releases sync leases).
 */
import type { Core } from '../core/index.js';
import { createBackgroundTasks } from './background-tasks.js';
import { createConnectorKeys } from './connector-keys.js';
import { createKeyGrant } from './key-grant.js';
import { createProductSync, type ProductSyncOptions } from './product-sync.js';
import { createProductWebhooks } from './product-webhooks.js';
import { createStoreAgents } from './store-agents.js';
import { createStoreConnections } from './store-connection.js';
import { createStoreSetup, WEBHOOK_ENDPOINT_KIND } from './store-setup.js';
import { createSyncedProfiles } from './synced-profiles.js';
import { tenantIndex } from './tenant-index.js';

export interface WooCommerceBridgeOptions {
  /** Timeout of each call to a store (default: PLATFORM_TIMEOUT_MS). */
  readonly timeoutMs?: number;
  /** An extra certificate authority for store HTTPS (tests: the fake store's certificate). */
  readonly tlsCa?: string | Buffer;
  readonly sync?: Partial<
    Pick<
      ProductSyncOptions,
      'pageSize' | 'pageConcurrency' | 'variationConcurrency' | 'leaseMs' | 'retryDelaysMs'
    >
  >;
  /** How long the grant's return page waits for the store to accept the keys before asking for a reload. */
  readonly connectedWaitMs?: number;
  readonly now?: () => number;
}

export function createWooCommerceBridge(core: Core, options: WooCommerceBridgeOptions = {}) {
  const now = options.now ?? Date.now;
  const logger = core.logger.child({ frontEnd: 'woocommerce' });
  const agents = createStoreAgents({
    allowLoopback: core.config.allowLocalStores && core.config.env !== 'production',
    ...(options.tlsCa === undefined ? {} : { ca: options.tlsCa }),
  });
  const tasks = createBackgroundTasks(logger);
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
  });
  const sync = createProductSync({
    store: core.store,
    logger,
    stores: setup,
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
  });

  /**
   * After a key rotation (RATEBRIDGE_KEYS=new:…,old:…), moves every WooCommerce secret at rest to the
   * primary key: consumer keys and secrets, webhook secrets, connector key secrets. Idempotent and cheap
   * when there is nothing to move (a read per store); runs at every start.
   */
  async function resealAll(signal?: AbortSignal): Promise<{ tenants: number; resealed: number }> {
    const tenants = new Set([
      ...(await connections.tenants()),
      // Stores connected before the list of stores was kept are named by their keys and webhook endpoints.
      ...(await keys.tenants()),
      ...(await tenantIndex(core.store, WEBHOOK_ENDPOINT_KIND).tenants()),
    ]);
    let resealed = 0;
    for (const tenant of tenants) {
      if (signal?.aborted) break;
      resealed += (await connections.reseal(tenant)) + (await keys.reseal(tenant));
    }
    if (resealed > 0)
      logger.info({ tenants: tenants.size, resealed }, 'WooCommerce secrets re-sealed with the primary key');
    return { tenants: tenants.size, resealed };
  }

  return {
    core,
    logger,
    connections,
    setup,
    sync,
    keys,
    grant,
    webhooks,
    tasks,
    /** Whether a store at `hostname` may be called (the SSRF guard, asked before sending a merchant there). */
    storeHostAllowed: (hostname: string) => agents.resolvesToAllowed(hostname),
    connectedWaitMs: options.connectedWaitMs ?? 10_000,

    /**
     * Resumes the product syncs a restart interrupted (and keeps watching for orphaned ones), and re-seals in
     * the background whatever a key rotation left sealed with an older key.
     */
    async start(): Promise<void> {
      const resumed = await sync.startResuming();
      if (resumed > 0) logger.info({ resumed }, 'unfinished WooCommerce product syncs resumed');
      void tasks.run('woocommerce-reseal', (signal) => resealAll(signal));
    },

    resealAll,

    /** Aborts running syncs and background work, releases sync leases, closes store connections. */
    async stop(): Promise<void> {
      await sync.stop();
      await tasks.stop();
      agents.destroy();
    },
  };
}

export type WooCommerceBridge = ReturnType<typeof createWooCommerceBridge>;
