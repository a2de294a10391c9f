<?php
/**
 * Removes the plugin's store-wide options when it is deleted.
 *
 * @package RateBridge_Shipping
 */

declare(strict_types=1);

defined( 'WP_UNINSTALL_PLUGIN' ) || exit;

// The product webhooks the plugin saved in WooCommerce go too (WooCommerce is loaded during uninstall).
if ( function_exists( 'wc_get_webhook' ) ) {
	require_once __DIR__ . '/includes/class-ratebridge-webhooks.php';
	RateBridge_Webhooks::remove();
}
delete_option( 'ratebridge_webhook_ids' );
delete_option( 'ratebridge_webhook_secret' );
delete_option( 'woocommerce_ratebridge_settings' );
delete_option( 'ratebridge_key_secret' );
delete_option( 'ratebridge_key_refused' );
