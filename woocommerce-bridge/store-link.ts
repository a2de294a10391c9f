/**
 * The store link's health: a scheduled check of each connected store's REST key, units and product
 * webhooks (store-link/check-link.ts), also run at the start of every sync, and the events it reports
 * (`subscribe`: the seam an alerts module listens on). One operation per file in store-link/.
 */
import { checkLink } from './store-link/check-link.js';
import { createLinkContext, type StoreLinkOptions } from './store-link/link-context.js';
import { checkDue, startChecks, stopChecks } from './store-link/schedule-checks.js';
import { freshUnits, noticeUnits } from './store-link/units-freshness.js';
import { withContext } from './with-context.js';

export type { LinkEvent, LinkListener, LinkEvents } from './store-link/link-events.js';
export { createLinkEvents } from './store-link/link-events.js';
export type { LinkCheck, CheckReason } from './store-link/check-link.js';
export type { StoreLinkOptions } from './store-link/link-context.js';

export function createStoreLink(options: StoreLinkOptions) {
  const ctx = createLinkContext(options);
  return {
    check: withContext(ctx, checkLink),
    checkDue: withContext(ctx, checkDue),
    start: withContext(ctx, startChecks),
    stop: withContext(ctx, stopChecks),
    freshUnits: withContext(ctx, freshUnits),
    noticeUnits: withContext(ctx, noticeUnits),
    /** Subscribes to link events; returns the function that unsubscribes. */
    subscribe: options.events.subscribe,
  };
}

export type StoreLink = ReturnType<typeof createStoreLink>;
