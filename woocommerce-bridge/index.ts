/** What server.ts (and tests) use of the WooCommerce bridge. */
export {
  createWooCommerceBridge,
  type WooCommerceBridge,
  type WooCommerceBridgeOptions,
} from './woocommerce-bridge.js';
export { woocommercePublicRouter, woocommerceRatesRouter } from './public-router.js';
export { woocommerceAdminRouter } from './admin-router.js';
export { alertOnStoreKeys } from './store-link/key-incidents.js';
