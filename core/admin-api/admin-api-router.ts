import { Router } from 'express';
import type { Core } from '../ratebridge.js';
import { connectionsRoutes } from './connections-routes.js';
import { incidentsRoutes } from './incidents-routes.js';
import { localitiesRoutes } from './localities-routes.js';
import { locationsRoutes } from './locations-routes.js';
import { packagingRoutes } from './packaging-routes.js';
import { peopleRoutes, sessionRoutes } from './people-routes.js';
import { quotingRoutes } from './quoting-routes.js';
import { assertRolesDeclared } from './route-roles.js';

/**
 * The merchant admin API (docs/admin-api.md). Each front end mounts it behind its own authentication,
 * which sets the tenant context (tenant-context.ts); nothing here trusts a tenant named by the caller.
 * Every route declares the role it needs (route-roles.ts); an undeclared one stops this from building.
 */
export function createAdminApiRouter(core: Core): Router {
  const router = Router();
  router.use(connectionsRoutes(core.tokens, core.platforms));
  router.use(localitiesRoutes());
  router.use(locationsRoutes(core.locations));
  router.use(packagingRoutes(core.catalog));
  router.use(quotingRoutes(core.quotes, core.quoteSettings, core.rateLog));
  router.use(incidentsRoutes(core.alerts));
  router.use(sessionRoutes(core.people));
  return assertRolesDeclared(router, 'createAdminApiRouter');
}

/** The standalone store's people (`/api/people…`); Shopify's staff are Shopify's to manage. */
export function createPeopleRouter(core: Core): Router {
  return peopleRoutes(core.people);
}
