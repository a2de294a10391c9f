/** What server.ts (and tests) use of the WooCommerce bridge. */
export {
  createWooCommerceBridge,
  type WooCommerceBridge,
  type WooCommerceBridgeOptions,
} from './woocommerce-bridge.js';
export { woocommercePublicRouter, PLUGIN_BODY_LIMIT, WEBHOOK_BODY_LIMIT } from './public-router.js';
export { woocommerceAdminRouter } from './admin-router.js';
export { KEY_HEADER, SIGNATURE_HEADER } from './plugin-request.js';
export { parseStoreUrl, type StoreAddress } from './store-url.js';
export { alertOnStoreKeys } from './store-link/key-incidents.js';
