/**
 * A shop with no freight connection left cannot quote: turn its carrier service off, so Shopify stops
 * asking us for rates we cannot get (checkout falls back to the shop's own rates).
 */
import type { Core, Logger } from '../core/index.js';
import type { CarrierServiceRegistration } from './carrier-service-registration.js';
import type { OfflineSessions } from './offline-sessions.js';
import { parseShopDomain } from './shop-domain.js';

export function deactivateWhenUnlinked(
  core: Core,
  registration: CarrierServiceRegistration,
  offlineSessions: OfflineSessions,
  log: Logger,
): void {
  core.tokens.onDisconnected(async (tenant, remaining) => {
    if (remaining > 0) return;
    const shop = parseShopDomain(tenant);
    if (!shop || !(await registration.status(shop))?.active) return;
    const session = await offlineSessions.forShop(shop);
    if (session.ok) await registration.deactivate(shop, session.value);
    else log.warn({ tenant: shop }, 'could not deactivate the carrier service: no Shopify session');
  });
}
