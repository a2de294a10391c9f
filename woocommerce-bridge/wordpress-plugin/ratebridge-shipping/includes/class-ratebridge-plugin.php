<?php
/**
 * Wires the plugin into WordPress and WooCommerce.
 *
 * @package RateBridge_Shipping
 */

declare(strict_types=1);

defined( 'ABSPATH' ) || exit;

/**
 * Hook registration, nothing else: each behaviour lives in its own class.
 */
final class RateBridge_Plugin {

	/**
	 * Absolute path of the main plugin file.
	 *
	 * @var string
	 */
	private static string $plugin_file = '';

	/**
	 * Registers every hook the plugin needs.
	 *
	 * @param string $plugin_file Absolute path of the main plugin file.
	 */
	public static function boot( string $plugin_file ): void {
		self::$plugin_file = $plugin_file;

		add_action( 'before_woocommerce_init', array( self::class, 'declare_compatibility' ) );
		add_action( 'woocommerce_shipping_init', array( self::class, 'load_shipping_method' ) );
		add_filter( 'woocommerce_shipping_methods', array( self::class, 'register_shipping_method' ) );
		add_action( 'woocommerce_after_shipping_rate', array( RateBridge_Delivery_Time::class, 'render_after_rate' ) );
		add_filter( 'plugin_action_links_' . plugin_basename( $plugin_file ), array( RateBridge_Admin_Link::class, 'add_plugin_action_links' ) );
		add_action( 'admin_post_' . RateBridge_Admin_Link::ACTION, array( RateBridge_Admin_Link::class, 'handle' ) );
		add_action( 'admin_notices', array( RateBridge_Key_Status::class, 'render_admin_notice' ) );
		add_action( 'admin_notices', array( RateBridge_Settings_Notice::class, 'render' ) );
		add_action( 'admin_post_' . RateBridge_One_Click::START_ACTION, array( RateBridge_One_Click::class, 'handle_start' ) );
		add_action( 'admin_post_' . RateBridge_One_Click::RETURN_ACTION, array( RateBridge_One_Click::class, 'handle_return' ) );
		add_action( 'admin_notices', array( RateBridge_One_Click::class, 'render_connected_notice' ) );
		self::ask_delivery_questions();
	}

	/**
	 * The delivery questions the merchant chose: on both checkouts, and their answers on the shipping package.
	 */
	private static function ask_delivery_questions(): void {
		add_action( 'woocommerce_init', array( RateBridge_Checkout_Fields::class, 'register_block_fields' ) );
		add_action( 'woocommerce_before_order_notes', array( RateBridge_Checkout_Fields::class, 'render_classic_fields' ) );
		add_action( 'woocommerce_checkout_update_order_review', array( RateBridge_Checkout_Fields::class, 'remember_update_order_review' ) );
		add_action( 'woocommerce_checkout_process', array( RateBridge_Checkout_Fields::class, 'remember_checkout_post' ) );
		add_action( 'woocommerce_checkout_create_order', array( RateBridge_Checkout_Answers::class, 'record_on_order' ) );
		add_filter( 'woocommerce_cart_shipping_packages', array( RateBridge_Checkout_Answers::class, 'add_to_packages' ) );
	}

	/**
	 * Declares HPOS and cart/checkout blocks compatibility (must run inside before_woocommerce_init).
	 */
	public static function declare_compatibility(): void {
		if ( ! class_exists( \Automattic\WooCommerce\Utilities\FeaturesUtil::class ) ) {
			return;
		}
		// The plugin never touches orders; rates reach the block checkout through the Store API like any other method.
		\Automattic\WooCommerce\Utilities\FeaturesUtil::declare_compatibility( 'custom_order_tables', self::$plugin_file, true );
		\Automattic\WooCommerce\Utilities\FeaturesUtil::declare_compatibility( 'cart_checkout_blocks', self::$plugin_file, true );
	}

	/**
	 * Loads the shipping method class once WooCommerce's base class exists.
	 */
	public static function load_shipping_method(): void {
		if ( class_exists( 'WC_Shipping_Method' ) && ! class_exists( 'RateBridge_Shipping_Method', false ) ) {
			require_once __DIR__ . '/class-ratebridge-shipping-method.php';
		}
	}

	/**
	 * Adds the RateBridge method to WooCommerce's list of shipping methods.
	 *
	 * @param array<string, string|object> $methods Method id => class name.
	 * @return array<string, string|object>
	 */
	public static function register_shipping_method( $methods ) {
		self::load_shipping_method();
		if ( ! is_array( $methods ) ) {
			$methods = array();
		}
		if ( class_exists( 'RateBridge_Shipping_Method', false ) ) {
			$methods[ RateBridge_Connection::METHOD_ID ] = 'RateBridge_Shipping_Method';
		}
		return $methods;
	}
}
