/**
 * The store link's key checks as merchant incidents: a key the store refuses (revoked in WooCommerce, or
 * no longer allowed to read) opens `store_key_revoked`; a check that finds it working resolves it. Hooked
 * on at composition (server.ts) through the link's `subscribe` seam; the other link events are not alerts.
 */
import type { Core } from '../../core/index.js';
import type { LinkEvents } from './link-events.js';

export function alertOnStoreKeys(
  alerts: Pick<Core['alerts'], 'storeKeyRevoked'>,
  link: Pick<LinkEvents, 'subscribe'>,
) {
  return link.subscribe(async (event) => {
    if (event.type !== 'key-status-changed') return;
    if (event.status === 'rejected' || event.status === 'forbidden')
      await alerts.storeKeyRevoked(event.tenant, true);
    else if (event.status === 'ok') await alerts.storeKeyRevoked(event.tenant, false);
  });
}
