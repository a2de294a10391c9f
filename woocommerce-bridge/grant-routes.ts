/**
 * The key grant's three routes (key-grant.ts has the flow), mounted at `/woocommerce`:
 *
 *   GET  /connect?store_url=…   signed-in merchants only: a page with one link to the store's authorize page
 *   POST /auth-callback         WooCommerce delivers the keys (JSON); 200 at once, checked afterwards
 *   GET  /connected?state=…     the grant's return page: waits for the store's verdict, then the admin
 *
 * One route per file in grant-routes/; this file only mounts them.
 */
import { Router } from 'express';
import { jsonBody, type Core } from '../core/index.js';
import { grantCallback } from './grant-routes/grant-callback.js';
import { grantReturn } from './grant-routes/grant-return.js';
import { startGrant } from './grant-routes/start-grant.js';
import type { WooCommerceBridge } from './woocommerce-bridge.js';

export function grantRoutes(core: Core, bridge: WooCommerceBridge): Router {
  const router = Router();
  router.get('/connect', startGrant(core, bridge));
  router.post('/auth-callback', jsonBody('16kb'), grantCallback(bridge));
  router.get('/connected', grantReturn(core, bridge));
  return router;
}
