/**
 * Whether RateBridge's carrier service is still in each live shop. Shopify sends no webhook when a
 * merchant (or another app) deletes or deactivates a carrier service, and a deleted service simply stops
 * being called, so RateBridge asks: `carrierService(id)` for every shop whose record says active, every
 * 15 minutes, one instance at a time (a store lock). Gone or inactive opens a `carrier_service_removed`
 * incident; present and active again (or a fresh go-live) resolves it. A shop RateBridge cannot ask (no
 * session, Shopify unreachable) is left as it was: silence is not evidence.
 */
import { runEvery, type Core } from '../core/index.js';
import { findCarrierService } from './carrier-service-query.js';
import type { CarrierServiceRegistration } from './carrier-service-registration.js';
import type { OfflineSessions } from './offline-sessions.js';
import type { ShopifyApi } from './shopify-api.js';
import type { ShopDomain } from './shop-domain.js';

const CHECK_EVERY_MS = 15 * 60_000;

export type CarrierServiceVerdict = 'present' | 'removed' | 'unknown' | 'not_live';

export interface CarrierServiceCheckOptions {
  readonly core: Pick<Core, 'store' | 'alerts' | 'logger'>;
  readonly api: ShopifyApi;
  readonly registration: CarrierServiceRegistration;
  readonly offlineSessions: Pick<OfflineSessions, 'forShop'>;
}

export function createCarrierServiceCheck(options: CarrierServiceCheckOptions) {
  const { core, api, registration, offlineSessions } = options;

  async function checkShop(shop: ShopDomain): Promise<CarrierServiceVerdict> {
    const record = await registration.status(shop);
    if (!record?.active) return 'not_live';
    const session = await offlineSessions.forShop(shop);
    if (!session.ok) return 'unknown';
    const found = await findCarrierService(api, session.value, record.id);
    if (!found.ok) return 'unknown';
    if (found.value?.active) {
      await core.alerts.resolve(shop, 'carrier_service_removed', 'shopify');
      return 'present';
    }
    await core.alerts.open(shop, { kind: 'carrier_service_removed' });
    return 'removed';
  }

  /** Every live shop once; returns each shop's verdict. */
  async function checkAll(): Promise<Map<ShopDomain, CarrierServiceVerdict>> {
    const verdicts = new Map<ShopDomain, CarrierServiceVerdict>();
    const lock = await core.store.acquireLock('shopify-carrier-service-check', 5 * 60_000);
    if (!lock) return verdicts;
    try {
      for (const shop of await registration.shops()) {
        const verdict = await checkShop(shop).catch((error: unknown) => {
          core.logger.warn({ err: error, shop }, 'carrier service check failed');
          return 'unknown' as const;
        });
        verdicts.set(shop, verdict);
      }
    } finally {
      await core.store.releaseLock(lock);
    }
    return verdicts;
  }

  return {
    checkShop,
    checkAll,
    /** Checks every 15 minutes until stopped. */
    start(everyMs = CHECK_EVERY_MS): { stop: () => Promise<void> } {
      return runEvery(
        () =>
          checkAll().catch((error: unknown) =>
            core.logger.error({ err: error }, 'carrier service pass failed'),
          ),
        everyMs,
      );
    },
  };
}
