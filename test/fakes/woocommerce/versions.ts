/** The releases the fake imitates, as `WC_VERSION` and `$wp_version` report them. */
export const WOOCOMMERCE_VERSION = '9.9.5';
export const WORDPRESS_VERSION = '6.8.8';
/** `WC_Webhook::deliver()` and `deliver_ping()` (includes/class-wc-webhook.php). */
export const HOOKSHOT_USER_AGENT = `WooCommerce/${WOOCOMMERCE_VERSION} Hookshot (WordPress/${WORDPRESS_VERSION})`;
