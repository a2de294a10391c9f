<?php
/**
 * Plugin Name: RateBridge test site
 * Description: What a throwaway test site needs: mail goes nowhere (there is no MTA here) and wp-admin does not
 * ask WordPress.org for updates (outbound HTTP is blocked, so each check would only log a warning).
 *
 * Copied into wp-content/mu-plugins by test/wordpress/wordpress-site.ts; never part of the plugin.
 */

add_filter( 'pre_wp_mail', '__return_true' );
remove_action( 'admin_init', '_maybe_update_core' );
remove_action( 'admin_init', '_maybe_update_plugins' );
remove_action( 'admin_init', '_maybe_update_themes' );
