<?php
/**
 * What the suite does inside WordPress, run by php-cli from the WordPress root:
 *
 *   php site.php install '<json>'   wp_install(), pretty permalinks, WooCommerce activated and installed
 *   php site.php install-plugin-zip '{"zip": "/path.zip"}'   the plugin installed from its zip by
 *                                   Plugin_Upgrader, as Plugins → Add New Plugin → Upload Plugin does
 *   php site.php shop '<json>'      store settings, HPOS on or off, the RateBridge plugin activated, a zone
 *                                   with the RateBridge method, products with weights and dimensions
 *   php site.php state              what the plugin keeps (options, transient names), as JSON
 *   php site.php order '{"id": N}'  an order's shipping lines and where WooCommerce stored it
 *   php site.php edit-product '{"id": N, "weight": "8"}'   saves a product as the editor does
 *   php site.php trash-product '{"id": N}'    moves a product to the trash, as the editor's "Move to Trash"
 *   php site.php delete-product '{"id": N}'   deletes a product for good (REST DELETE with force=true)
 *   php site.php queue              runs WooCommerce's Action Scheduler queue once (webhook deliveries)
 *   php site.php set-units '{"weight": "lbs", "dimension": "in"}'   Settings → Products → units
 *   php site.php webhooks            every webhook with its status and failure count
 *   php site.php classic-checkout-page   a page holding the classic [woocommerce_checkout] shortcode (a fresh
 *                                   install's Checkout page holds the Checkout block); answers its path
 *   php site.php set-taxes '{"calc": "yes", "rate": "10.0000", "shipping_class": "", "tax_status": "taxable", "instance_id": N}'
 *                                   Settings → General "Enable tax rates", one AU rate that applies to
 *                                   shipping, Settings → Tax "Shipping tax class", the zone method's Tax status
 *
 * Every command prints one JSON object on its last line. Each runs in a fresh process, so WordPress and
 * WooCommerce load the way they do on a web request (plugins_loaded, init, ...).
 */

declare(strict_types=1);

$command = $argv[1] ?? '';
$input   = json_decode( $argv[2] ?? '{}', true );
$input   = is_array( $input ) ? $input : array();

// wp-load.php reads the host from the request; a CLI run has none.
$home                   = (string) getenv( 'RATEBRIDGE_WP_HOME' );
$_SERVER['HTTP_HOST']   = (string) parse_url( $home, PHP_URL_HOST ) . ':' . (string) parse_url( $home, PHP_URL_PORT );
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['SERVER_NAME'] = (string) parse_url( $home, PHP_URL_HOST );

if ( 'install' === $command ) {
	define( 'WP_INSTALLING', true );
}
require getcwd() . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';

/** Prints the command's answer and ends. */
function done( array $answer ): never {
	echo "\n" . wp_json_encode( $answer ) . "\n";
	exit( 0 );
}

/** Fails the command with a reason the suite shows. */
function fail( string $reason ): never {
	fwrite( STDERR, $reason . "\n" );
	exit( 1 );
}

switch ( $command ) {
	case 'install':
		$installed = wp_install( 'RateBridge test store', 'admin', 'admin@example.test', false, '', (string) $input['password'] );
		update_option( 'permalink_structure', '/%postname%/' );
		update_option( 'timezone_string', 'Australia/Sydney' );
		$activated = activate_plugin( 'woocommerce/woocommerce.php' );
		if ( is_wp_error( $activated ) ) {
			fail( 'WooCommerce did not activate: ' . $activated->get_error_message() );
		}
		done( array( 'user_id' => (int) $installed['user_id'] ) );

	case 'install-plugin-zip':
		require_once ABSPATH . 'wp-admin/includes/class-wp-upgrader.php';
		wp_set_current_user( 1 );
		$upgrader  = new Plugin_Upgrader( new Automatic_Upgrader_Skin() );
		$installed = $upgrader->install( (string) $input['zip'] );
		if ( true !== $installed ) {
			$why = is_wp_error( $installed ) ? $installed->get_error_message() : implode( '; ', $upgrader->skin->get_upgrade_messages() );
			fail( 'the plugin zip did not install: ' . $why );
		}
		$plugin = (string) $upgrader->plugin_info();
		done( array( 'plugin' => $plugin, 'version' => (string) ( get_plugins()[ $plugin ]['Version'] ?? '' ) ) );

	case 'shop':
		if ( ! class_exists( 'WooCommerce' ) ) {
			fail( 'WooCommerce is not loaded' );
		}
		// WooCommerce installs its tables on the first request after activation, and finishes a new install
		// (HPOS on, "coming soon" mode) on the first wp-admin visit: both here, once, before the settings below.
		WC_Install::install();
		WC_Install::newly_installed();
		foreach ( array(
			'woocommerce_default_country'           => 'AU:NSW',
			'woocommerce_store_address'             => '1 George St',
			'woocommerce_store_city'                => 'Sydney',
			'woocommerce_store_postcode'            => '2000',
			'woocommerce_currency'                  => 'AUD',
			'woocommerce_weight_unit'               => 'kg',
			'woocommerce_dimension_unit'            => 'cm',
			'woocommerce_calc_taxes'                => 'no',
			'woocommerce_ship_to_countries'         => 'specific',
			'woocommerce_specific_ship_to_countries' => array( 'AU' ),
			'woocommerce_allowed_countries'         => 'specific',
			'woocommerce_specific_allowed_countries' => array( 'AU' ),
			'woocommerce_enable_shipping_calc'      => 'yes',
			'woocommerce_shipping_cost_requires_address' => 'no',
			'woocommerce_coming_soon'               => 'no',
			'woocommerce_store_pages_only'          => 'no',
			'woocommerce_onboarding_profile'        => array( 'skipped' => true ),
			'woocommerce_task_list_hidden'          => 'yes',
			'woocommerce_show_marketplace_suggestions' => 'no',
			'woocommerce_allow_tracking'            => 'no',
			'woocommerce_custom_orders_table_data_sync_enabled' => 'no',
		) as $name => $value ) {
			update_option( $name, $value );
		}
		delete_transient( '_wc_activation_redirect' );
		// HPOS the way the Features screen switches it (no orders exist yet, so nothing needs syncing).
		$features = wc_get_container()->get( \Automattic\WooCommerce\Internal\Features\FeaturesController::class );
		$features->change_feature_enable( 'custom_order_tables', ! empty( $input['hpos'] ) );

		$activated = activate_plugin( 'ratebridge-shipping/ratebridge-shipping.php' );
		if ( is_wp_error( $activated ) ) {
			fail( 'RateBridge Shipping did not activate: ' . $activated->get_error_message() );
		}

		$zone = new WC_Shipping_Zone();
		$zone->set_zone_name( 'Australia' );
		$zone->set_zone_order( 1 );
		$zone->add_location( 'AU', 'country' );
		$zone->save();
		$instance_id = (int) $zone->add_shipping_method( 'ratebridge' );
		if ( $instance_id <= 0 ) {
			fail( 'the RateBridge method could not be added to the zone (is it registered?)' );
		}
		update_option(
			'woocommerce_ratebridge_' . $instance_id . '_settings',
			array(
				'fallback_label' => (string) $input['fallback_label'],
				'fallback_cost'  => (string) $input['fallback_cost'],
			)
		);

		$products = array();
		foreach ( (array) $input['products'] as $spec ) {
			$product = new WC_Product_Simple();
			$product->set_name( (string) $spec['name'] );
			$product->set_sku( (string) $spec['sku'] );
			$product->set_regular_price( (string) $spec['price'] );
			$product->set_weight( (string) $spec['weight'] );
			$product->set_length( (string) $spec['length'] );
			$product->set_width( (string) $spec['width'] );
			$product->set_height( (string) $spec['height'] );
			$product->set_status( 'publish' );
			$products[ (string) $spec['sku'] ] = (int) $product->save();
		}
		// The classic cart: the [woocommerce_cart] shortcode (a fresh install's Cart page holds the Cart block).
		wp_update_post(
			array(
				'ID'           => (int) get_option( 'woocommerce_cart_page_id' ),
				'post_content' => '<!-- wp:shortcode -->[woocommerce_cart]<!-- /wp:shortcode -->',
			)
		);
		// Cash on delivery, so the Store API checkout can place an order without a payment gateway.
		update_option( 'woocommerce_cod_settings', array( 'enabled' => 'yes', 'title' => 'Cash on delivery', 'enable_for_methods' => array(), 'enable_for_virtual' => 'yes' ) );
		flush_rewrite_rules( false );
		done(
			array(
				'zone_id'     => (int) $zone->get_id(),
				'instance_id' => $instance_id,
				'products'    => $products,
				'hpos'        => wc_get_container()->get( \Automattic\WooCommerce\Internal\DataStores\Orders\CustomOrdersTableController::class )->custom_orders_table_usage_is_enabled(),
			)
		);

	case 'state':
		global $wpdb;
		$transients = $wpdb->get_col( "SELECT option_name FROM {$wpdb->options} WHERE option_name LIKE '\\_transient\\_ratebridge\\_%'" );
		done(
			array(
				'settings'   => get_option( 'woocommerce_ratebridge_settings', array() ),
				'has_secret' => '' !== (string) get_option( 'ratebridge_key_secret', '' ),
				'transients' => array_map( static fn ( $name ) => substr( (string) $name, strlen( '_transient_' ) ), $transients ),
			)
		);

	case 'order':
		$order = wc_get_order( (int) $input['id'] );
		if ( ! $order ) {
			fail( 'no order ' . (int) $input['id'] );
		}
		$lines = array();
		foreach ( $order->get_shipping_methods() as $item ) {
			$meta = array();
			foreach ( $item->get_meta_data() as $entry ) {
				$meta[ (string) $entry->key ] = (string) $entry->value;
			}
			$lines[] = array(
				'method_id'   => $item->get_method_id(),
				'instance_id' => (int) $item->get_instance_id(),
				'name'        => $item->get_name(),
				'total'       => $item->get_total(),
				'meta'        => $meta,
			);
		}
		done(
			array(
				'shipping_total' => $order->get_shipping_total(),
				'shipping'       => $lines,
				// Where WooCommerce keeps the order: wc_orders with HPOS, wp_posts without.
				'stored_in'      => $order->get_data_store()->get_current_class_name(),
				// The plugin's delivery answers, where the block checkout's additional fields keep them.
				'ratebridge_fields' => (object) array_column(
					array_map(
						static fn ( $entry ) => array( (string) $entry->key, (string) $entry->value ),
						array_filter( $order->get_meta_data(), static fn ( $entry ) => str_starts_with( (string) $entry->key, '_wc_shipping/ratebridge/' ) )
					),
					1,
					0
				),
			)
		);

	case 'edit-product':
		// As the product editor saves: WooCommerce queues the product.updated webhooks in Action Scheduler.
		$product = wc_get_product( (int) $input['id'] );
		if ( ! $product ) {
			fail( 'no product ' . (int) $input['id'] );
		}
		$product->set_weight( (string) $input['weight'] );
		$product->save();
		// WooCommerce queues the deliveries at shutdown; do it now so they can be counted.
		wc_webhook_execute_queue();
		$GLOBALS['wc_queued_webhooks'] = array();
		$pending = WC()->queue()->search(
			array(
				'hook'   => 'woocommerce_deliver_webhook_async',
				'status' => ActionScheduler_Store::STATUS_PENDING,
			),
			'ids'
		);
		done( array( 'pending_deliveries' => count( $pending ) ) );

	case 'trash-product':
	case 'delete-product':
		$product = wc_get_product( (int) $input['id'] );
		if ( ! $product ) {
			fail( 'no product ' . (int) $input['id'] );
		}
		if ( 'trash-product' === $command ) {
			wp_trash_post( $product->get_id() );
		} else {
			$product->delete( true );
		}
		wc_webhook_execute_queue();
		$GLOBALS['wc_queued_webhooks'] = array();
		$pending = WC()->queue()->search(
			array(
				'hook'   => 'woocommerce_deliver_webhook_async',
				'status' => ActionScheduler_Store::STATUS_PENDING,
			),
			'ids'
		);
		done( array( 'pending_deliveries' => count( $pending ) ) );

	case 'queue':
		$ran = WC()->queue() && class_exists( 'ActionScheduler_QueueRunner' ) ? ActionScheduler_QueueRunner::instance()->run( 'RateBridge test' ) : 0;
		done( array( 'ran' => (int) $ran ) );

	case 'set-units':
		update_option( 'woocommerce_weight_unit', (string) $input['weight'] );
		update_option( 'woocommerce_dimension_unit', (string) $input['dimension'] );
		done( array( 'weight' => get_option( 'woocommerce_weight_unit' ), 'dimension' => get_option( 'woocommerce_dimension_unit' ) ) );

	case 'webhooks':
		$webhooks = array();
		foreach ( ( new WC_Webhook_Data_Store() )->search_webhooks( array( 'limit' => -1 ) ) as $webhook_id ) {
			$webhook    = wc_get_webhook( (int) $webhook_id );
			$webhooks[] = array(
				'id'            => $webhook->get_id(),
				'topic'         => $webhook->get_topic(),
				'status'        => $webhook->get_status(),
				'failure_count' => $webhook->get_failure_count(),
			);
		}
		done( array( 'webhooks' => $webhooks ) );

	case 'classic-checkout-page':
		$page_id = wp_insert_post(
			array(
				'post_type'    => 'page',
				'post_status'  => 'publish',
				'post_title'   => 'Classic checkout',
				'post_name'    => 'classic-checkout',
				'post_content' => '<!-- wp:shortcode -->[woocommerce_checkout]<!-- /wp:shortcode -->',
			),
			true
		);
		if ( is_wp_error( $page_id ) ) {
			fail( 'the classic checkout page was not created: ' . $page_id->get_error_message() );
		}
		done( array( 'path' => (string) wp_parse_url( (string) get_permalink( $page_id ), PHP_URL_PATH ) ) );

	case 'set-taxes':
		update_option( 'woocommerce_calc_taxes', 'yes' === ( $input['calc'] ?? 'no' ) ? 'yes' : 'no' );
		// Australian stores enter product prices with GST in; WooCommerce still taxes shipping as exclusive.
		update_option( 'woocommerce_prices_include_tax', 'yes' );
		update_option( 'woocommerce_tax_display_cart', 'incl' );
		update_option( 'woocommerce_shipping_tax_class', (string) ( $input['shipping_class'] ?? '' ) );
		global $wpdb;
		$wpdb->query( "DELETE FROM {$wpdb->prefix}woocommerce_tax_rates" );
		WC_Tax::_insert_tax_rate(
			array(
				'tax_rate_country'  => 'AU',
				'tax_rate'          => (string) ( $input['rate'] ?? '10.0000' ),
				'tax_rate_name'     => 'GST',
				'tax_rate_priority' => 1,
				'tax_rate_compound' => 0,
				'tax_rate_shipping' => 1,
				'tax_rate_order'    => 0,
				'tax_rate_class'    => '',
			)
		);
		$option   = 'woocommerce_ratebridge_' . (int) $input['instance_id'] . '_settings';
		$settings = (array) get_option( $option, array() );
		update_option( $option, array( 'tax_status' => (string) ( $input['tax_status'] ?? 'taxable' ) ) + $settings );
		done( array( 'calc_taxes' => get_option( 'woocommerce_calc_taxes' ), 'tax_status' => get_option( $option )['tax_status'] ) );

	default:
		fail( 'unknown command: ' . $command );
}
