import { Router } from 'express';
import { assertRolesDeclared, needs, rbError, tenantContext, type Core } from '../core/index.js';
import type {
  CarrierServiceResponse,
  GoLiveResponse,
  ShopifyContext,
  SyncProgress,
} from '../core/wire/admin-api-types.js';
import { GO_LIVE_INSTRUCTIONS, type CarrierServiceRegistration } from './carrier-service-registration.js';
import type { ProductSync } from './product-sync/create-product-sync.js';
import { shopifySession } from './session-token-auth.js';
import type { ShopDomain } from './shop-domain.js';

/**
 * What the embedded admin needs beyond the core admin API (mounted beside it at /shopify/api, behind the
 * session-token middleware): going live with the carrier service, and the product sync.
 */
export function shopifyAdminRoutes(
  core: Core,
  registration: CarrierServiceRegistration,
  products: ProductSync,
): Router {
  const router = Router();
  const shopOf = (response: Parameters<typeof tenantContext>[0]) =>
    tenantContext(response).tenant as string as ShopDomain;

  router.get('/context', needs('viewer'), (_request, response) => {
    response.json({ host: 'shopify', tenant: shopOf(response) } satisfies ShopifyContext);
  });

  router.get('/carrier-service', needs('viewer'), async (_request, response) => {
    response.json({
      carrierService: (await registration.status(shopOf(response))) ?? null,
      instructions: GO_LIVE_INSTRUCTIONS,
    } satisfies CarrierServiceResponse);
  });

  router.post('/carrier-service', needs('admin'), async (_request, response) => {
    const shop = shopOf(response);
    const [connections, locations] = await Promise.all([core.tokens.list(shop), core.locations.list(shop)]);
    if (!connections.some((connection) => connection.status === 'active') || locations.length === 0) {
      throw rbError('RB_ERR_NOT_LIVE');
    }
    const carrierService = await registration.goLive(shop, shopifySession(response));
    // Live again: an incident about the service having been removed in the shop is over.
    await core.alerts.resolve(shop, 'carrier_service_removed', 'shopify');
    response.json({ carrierService, instructions: GO_LIVE_INSTRUCTIONS } satisfies GoLiveResponse);
  });

  router.get('/products/sync', needs('viewer'), async (_request, response) => {
    response.json((await products.progress(shopOf(response))) satisfies SyncProgress);
  });

  router.post('/products/sync', needs('admin'), async (_request, response) => {
    response.status(202).json((await products.start(shopOf(response))) satisfies SyncProgress);
  });

  return assertRolesDeclared(router, 'shopifyAdminRoutes');
}
