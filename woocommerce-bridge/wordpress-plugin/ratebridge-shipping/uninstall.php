<?php
/**
 * Removes the plugin's store-wide options when it is deleted.
 *
 * @package RateBridge_Shipping
 */

declare(strict_types=1);

defined( 'WP_UNINSTALL_PLUGIN' ) || exit;

delete_option( 'woocommerce_ratebridge_settings' );
delete_option( 'ratebridge_key_secret' );
delete_option( 'ratebridge_key_refused' );
