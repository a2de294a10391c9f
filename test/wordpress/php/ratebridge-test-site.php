<?php
/**
 * Plugin Name: RateBridge test site
 * Description: What a throwaway test site needs: mail goes nowhere (there is no MTA here); wp-admin does not
 * ask WordPress.org for updates (outbound HTTP is blocked, so each check would only log a warning); the test's
 * RateBridge port counts as safe like 80/443/8080 (RATEBRIDGE_TEST_SAFE_PORTS, from wp-config.php); and Action
 * Scheduler runs only when the test says (`php site.php queue`), never from a loopback request of its own.
 *
 * Copied into wp-content/mu-plugins by test/wordpress/wordpress-site.ts; never part of the plugin.
 */

add_filter( 'pre_wp_mail', '__return_true' );
remove_action( 'admin_init', '_maybe_update_core' );
remove_action( 'admin_init', '_maybe_update_plugins' );
remove_action( 'admin_init', '_maybe_update_themes' );

add_filter(
	'http_allowed_safe_ports',
	static function ( $ports ) {
		$extra = defined( 'RATEBRIDGE_TEST_SAFE_PORTS' ) ? array_filter( array_map( 'intval', explode( ',', (string) RATEBRIDGE_TEST_SAFE_PORTS ) ) ) : array();
		return array_merge( is_array( $ports ) ? $ports : array(), $extra );
	}
);
add_filter( 'action_scheduler_allow_async_request_runner', '__return_false' );
