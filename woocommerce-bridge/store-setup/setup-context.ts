/**
 * What every store-setup operation shares: its dependencies, how a client for a store is made, and the
 * index of webhook endpoints with their delivery URLs. Built once by store-setup.ts; each operation is a
 * function of it in a file of its own.
 */
import type { Core, Logger } from '../../core/index.js';
import type { BackgroundTasks } from '../background-tasks.js';
import type { StoreAgents } from '../store-agents.js';
import type { StoreConnections } from '../store-connection.js';
import { tenantIndex } from '../tenant-index.js';
import { createWooClient, type AuthStyle, type WooCredentials } from '../woocommerce-client.js';

export const PRODUCT_WEBHOOK_TOPICS = ['product.created', 'product.updated', 'product.deleted'] as const;
export const WEBHOOK_ENDPOINT_KIND = 'woocommerce-webhook-endpoints';
export const WEBHOOK_PATH = '/woocommerce/webhooks';

export interface StoreSetupOptions {
  readonly core: Pick<Core, 'store' | 'config'>;
  readonly logger: Logger;
  readonly connections: StoreConnections;
  readonly agents: StoreAgents;
  readonly tasks: BackgroundTasks;
  readonly timeoutMs: number;
  /** Called once a store is connected (starts the first full sync). */
  readonly onConnected: (tenant: string) => Promise<void>;
  /** Called once the product webhooks of a newly connected store are registered (checks the link). */
  readonly afterWebhooks: (tenant: string, signal?: AbortSignal) => Promise<unknown>;
  /** How often the scheduled check looks at a connected store's key, units and webhooks. */
  readonly linkCheckIntervalMs: number;
  readonly now: () => number;
}

export function createSetupContext(options: StoreSetupOptions) {
  const { core, agents } = options;
  const clientOptions = { agents, timeoutMs: options.timeoutMs };
  return {
    ...options,
    client: (credentials: WooCredentials, auth: AuthStyle) =>
      createWooClient(credentials, auth, clientOptions),
    endpoints: tenantIndex(core.store, WEBHOOK_ENDPOINT_KIND),
    /** Webhook delivery URL of an endpoint. */
    deliveryUrl: (endpointId: string) => `${core.config.publicUrl}${WEBHOOK_PATH}/${endpointId}`,
    /** When the scheduled check should next look at a store checked now. */
    nextCheckAt: () => new Date(options.now() + options.linkCheckIntervalMs).toISOString(),
  };
}

export type SetupContext = ReturnType<typeof createSetupContext>;
