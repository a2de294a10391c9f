<?php
/**
 * Removes what the plugin stored when it is deleted: its options, the per-zone settings of its method, the
 * cached live rates, and the product webhooks it saved in WooCommerce.
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

// Per-zone method settings and the plugin's transients: cached live rates, remembered fallbacks and the breaker
// (rows in the options table; with a persistent object cache they are not there, and expire by themselves
// within ten minutes).
global $wpdb;
if ( isset( $wpdb ) && is_object( $wpdb ) ) {
	$wpdb->query( // phpcs:ignore WordPress.DB.DirectDatabaseQuery -- a one-time clean-up on uninstall.
		$wpdb->prepare(
			"DELETE FROM {$wpdb->options} WHERE option_name LIKE %s OR option_name LIKE %s OR option_name LIKE %s",
			$wpdb->esc_like( '_transient_ratebridge_' ) . '%',
			$wpdb->esc_like( '_transient_timeout_ratebridge_' ) . '%',
			$wpdb->esc_like( 'woocommerce_ratebridge_' ) . '%' . $wpdb->esc_like( '_settings' )
		)
	);
}
