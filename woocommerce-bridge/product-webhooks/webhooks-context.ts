/**
 * What handling a delivery and applying it share: the dependencies, and the lookup from an endpoint id to
 * its tenant. Built once by product-webhooks.ts.
 */
import type { Logger, Store } from '../../core/index.js';
import type { BackgroundTasks } from '../background-tasks.js';
import type { StoreConnections } from '../store-connection.js';
import { WEBHOOK_ENDPOINT_KIND, type OpenStore } from '../store-setup.js';
import type { SyncedProfiles } from '../synced-profiles.js';
import { tenantIndex } from '../tenant-index.js';

const ENDPOINT_ID = /^wh_[A-Za-z0-9_-]{24}$/;

export interface ProductWebhookOptions {
  readonly store: Store;
  readonly logger: Logger;
  readonly connections: StoreConnections;
  readonly profiles: SyncedProfiles;
  readonly tasks: BackgroundTasks;
  readonly open: (tenant: string) => Promise<OpenStore | undefined>;
  /** Reads the store's units again when the last read is old, before a delivery is converted with them. */
  readonly freshUnits: (tenant: string, signal?: AbortSignal) => Promise<void>;
  /** A delivery named a product the store no longer has, without its id: a full sync finds which. */
  readonly reconcile: (tenant: string) => Promise<unknown>;
}

export function createWebhooksContext(options: ProductWebhookOptions) {
  const endpoints = tenantIndex(options.store, WEBHOOK_ENDPOINT_KIND);
  return {
    ...options,
    async tenantOf(endpointId: string): Promise<string | undefined> {
      if (!ENDPOINT_ID.test(endpointId)) return undefined;
      return endpoints.get(endpointId);
    },
  };
}

export type WebhooksContext = ReturnType<typeof createWebhooksContext>;
