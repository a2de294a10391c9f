/**
 * What every store-link operation shares: the connections, the store setup (clients, units, webhook
 * endpoints), the events, and how often a store is checked. Built once by store-link.ts.
 */
import type { Logger, Store } from '../../core/index.js';
import type { StoreConnections } from '../store-connection.js';
import type { StoreSetup } from '../store-setup.js';
import type { LinkEvents } from './link-events.js';

export interface StoreLinkOptions {
  readonly store: Store;
  readonly logger: Logger;
  readonly connections: StoreConnections;
  readonly setup: StoreSetup;
  readonly events: LinkEvents;
  /** Starts a full sync (the units changed, or a delivery named a product the store no longer has). */
  readonly startSync: (tenant: string, trigger: 'units' | 'reconcile') => Promise<unknown>;
  readonly now: () => number;
  /** How often each connected store is checked (default 15 minutes). */
  readonly intervalMs: number;
  /** How often the scheduler looks for stores due (default a minute, at most the interval). */
  readonly tickMs: number;
}

export function createLinkContext(options: StoreLinkOptions) {
  return {
    ...options,
    iso: () => new Date(options.now()).toISOString(),
    runtime: {
      timer: undefined as NodeJS.Timeout | undefined,
      controller: undefined as AbortController | undefined,
      /** The tick under way, for `stop` to wait on. */
      current: undefined as Promise<number> | undefined,
      ticking: false,
    },
  };
}

export type LinkContext = ReturnType<typeof createLinkContext>;
