/**
 * The WooCommerce front end, built once from the core: store connections (key grant or pasted keys),
 * connector keys for the plugin, the product sync and the product webhooks. server.ts mounts its two
 * routers (public-router.ts, admin-router.ts), calls `start()` once listening (it resumes product syncs a
 * restart interrupted, and starts the scheduled link check) and `stop()` on shutdown (it aborts running
 * work and releases sync leases).
 */
import type { Core } from '../core/index.js';
import { createBridgeParts, type WooCommerceBridgeOptions } from './bridge-parts.js';
import { checkGrantPreconditions } from './grant-preconditions.js';
import { flagRemovedMakersKeys } from './key-makers/flag-removed-makers-keys.js';
import { resealSecrets } from './reseal-secrets.js';

export type { WooCommerceBridgeOptions } from './bridge-parts.js';

export function createWooCommerceBridge(core: Core, options: WooCommerceBridgeOptions = {}) {
  const { logger, agents, tasks, connections, setup, sync, keys, grant, webhooks, link } = createBridgeParts(
    core,
    options,
  );
  const resealAll = (signal?: AbortSignal) =>
    resealSecrets({ store: core.store, logger, connections, keys }, signal);
  const stopFlagging = core.people.onRemoved(flagRemovedMakersKeys({ core, keys }));

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
    /**
     * The store link's health (store-link.ts): `link.subscribe(listener)` hears a key turning rejected or
     * working again, units changing and webhooks found disabled or missing (the seam for alerts).
     */
    link,
    /** Whether a store at `hostname` may be called (the SSRF guard, asked before sending a merchant there). */
    storeHostAllowed: (hostname: string) => agents.resolvesToAllowed(hostname),
    /** What the key grant needs (https callback, port, public address, certificate, pretty permalinks). */
    grantPreconditions: (storeUrl: string) =>
      checkGrantPreconditions(
        { publicUrl: core.config.publicUrl, agents, callbackCa: options.callbackCa },
        storeUrl,
      ),
    connectedWaitMs: options.connectedWaitMs ?? 10_000,

    /**
     * Resumes the product syncs a restart interrupted (and keeps watching for orphaned ones), and re-seals in
     * the background whatever a key rotation left sealed with an older key (reseal-secrets.ts).
     */
    async start(): Promise<void> {
      const resumed = await sync.startResuming();
      if (resumed > 0) logger.info({ resumed }, 'unfinished WooCommerce product syncs resumed');
      void tasks.run('woocommerce-reseal', (signal) => resealAll(signal));
      link.start();
    },

    resealAll,

    /** Aborts running syncs and background work, releases sync leases, closes store connections. */
    async stop(): Promise<void> {
      stopFlagging();
      await link.stop();
      await sync.stop();
      await tasks.stop();
      agents.destroy();
    },
  };
}

export type WooCommerceBridge = ReturnType<typeof createWooCommerceBridge>;
