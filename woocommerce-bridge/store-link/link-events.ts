/**
 * What the store link reports as it changes, for whoever wants to act on it (an alerts module, metrics):
 * `subscribe` returns the function that unsubscribes. Listeners run after the change is stored; one that
 * throws is logged and the others still run, so a broken subscriber cannot break a check.
 */
import type { Logger } from '../../core/index.js';
import type { LinkKey, LinkWebhook } from '../../core/wire/store-link-schema.js';
import type { StoreUnits } from '../store-units.js';

export type LinkEvent =
  /** The REST key's status changed, e.g. ok -> rejected when the merchant revoked it in WooCommerce. */
  | {
      readonly type: 'key-status-changed';
      readonly tenant: string;
      readonly storeUrl: string;
      readonly previous: LinkKey['status'];
      readonly status: LinkKey['status'];
      readonly detail: string | null;
      readonly at: string;
    }
  /** The store switched its weight or dimension unit; a full sync follows. */
  | {
      readonly type: 'units-changed';
      readonly tenant: string;
      readonly storeUrl: string;
      readonly previous: StoreUnits | null;
      readonly units: StoreUnits;
      readonly at: string;
    }
  /** A product webhook was found disabled, paused or missing; `repaired` when RateBridge fixed it. */
  | {
      readonly type: 'webhook-unhealthy';
      readonly tenant: string;
      readonly storeUrl: string;
      readonly webhook: LinkWebhook;
      readonly repaired: boolean;
      readonly at: string;
    };

export type LinkListener = (event: LinkEvent) => void | Promise<void>;

export interface LinkEvents {
  subscribe(listener: LinkListener): () => void;
  emit(event: LinkEvent): Promise<void>;
}

export function createLinkEvents(logger: Logger): LinkEvents {
  const listeners = new Set<LinkListener>();
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async emit(event) {
      for (const listener of [...listeners]) {
        try {
          await listener(event);
        } catch (error) {
          logger.warn({ err: error, event: event.type, tenant: event.tenant }, 'store link listener failed');
        }
      }
    },
  };
}
