<?php
/**
 * The in-memory state behind the WordPress/WooCommerce stubs, reset before every test.
 */

declare(strict_types=1);

final class RateBridge_Test_World {

	/** @var array<string, mixed> */
	public static array $options = array();
	/** @var array<string, array{0: mixed, 1: int}> name => [value, expires at (0 = never)] */
	public static array $transients = array();
	public static int $now = 1700000000;
	/** The store's home URL (home_url(), admin_url()). */
	public static string $home_url = 'https://shop.example';
	/** When true, wp_remote_post() really sends the request (RateBridge_Test_Real_Http), for socket tests. */
	public static bool $real_http = false;

	/** @var list<array{url: string, args: array<string, mixed>}> */
	public static array $http_calls = array();
	/** @var list<array<string, mixed>|WP_Error> */
	public static array $http_queue = array();

	/** @var list<array{level: string, message: string, context: array<string, mixed>}> */
	public static array $logs = array();

	/** @var array<string, list<callable>> */
	public static array $hooks = array();
	/** @var array<string, int> */
	public static array $did = array();

	public static bool $user_can_manage = true;
	public static int $current_user_id = 1;
	/** @var array<int, WC_Webhook> saved webhooks by id, as WooCommerce's webhook data store keeps them */
	public static array $webhooks = array();
	public static int $next_webhook_id = 100;
	/** @var list<string> delivery URLs WC_Webhook::deliver_ping() was called for */
	public static array $pings = array();
	public static ?string $ping_error = null;
	/** @var list<string> notices WC_Admin_Settings::add_error() would show */
	public static array $settings_errors = array();
	public static bool $nonce_valid = true;
	public static string $currency = 'AUD';
	/** Shipping tax rate used when taxes are enabled (option woocommerce_calc_taxes = yes): GST. */
	public static float $shipping_tax_percent = 10.0;
	/** @var array<int, object> */
	public static array $products = array();
	/** @var list<array{0: string, 1: string, 2: bool}> feature, plugin file, compatible */
	public static array $declared_features = array();

	public static function reset(): void {
		self::$options         = array(
			'woocommerce_weight_unit'    => 'kg',
			'woocommerce_dimension_unit' => 'cm',
		);
		self::$transients      = array();
		self::$now             = 1700000000;
		self::$home_url        = 'https://shop.example';
		self::$real_http       = false;
		self::$http_calls      = array();
		self::$http_queue      = array();
		self::$logs            = array();
		self::$user_can_manage = true;
		self::$current_user_id = 1;
		self::$webhooks        = array();
		self::$next_webhook_id = 100;
		self::$settings_errors = array();
		self::$pings           = array();
		self::$ping_error      = null;
		self::$nonce_valid     = true;
		self::$currency        = 'AUD';
		self::$shipping_tax_percent = 10.0;
		self::$products        = array();
		self::$declared_features = array();
		if ( class_exists( 'RateBridge_Settings_Notice', false ) ) {
			RateBridge_Settings_Notice::clear();
		}
	}

	/** Queues an HTTP response for the next wp_remote_post(). */
	public static function respond( int $status, string $body ): void {
		self::$http_queue[] = array(
			'headers'  => array( 'content-type' => 'application/json' ),
			'body'     => $body,
			'response' => array(
				'code'    => $status,
				'message' => '',
			),
			'cookies'  => array(),
		);
	}

	/** Queues a transport failure (what WordPress returns on a timeout). */
	public static function fail_transport( string $message ): void {
		self::$http_queue[] = new WP_Error( 'http_request_failed', $message );
	}
}

/** Thrown by the wp_die() stub (the real one ends the request). */
final class RateBridge_Test_Died extends RuntimeException {
	public function __construct( string $message, public readonly int $status ) {
		parent::__construct( $message );
	}
}

/** Thrown by the wp_safe_redirect() stub so the `exit` after it is never reached. */
final class RateBridge_Test_Redirected extends RuntimeException {
	public function __construct( public readonly string $location ) {
		parent::__construct( 'redirect to ' . $location );
	}
}

/** Recording stand-in for WC_Logger. */
final class RateBridge_Test_Logger {
	public function log( string $level, string $message, array $context = array() ): void {
		RateBridge_Test_World::$logs[] = array(
			'level'   => $level,
			'message' => $message,
			'context' => $context,
		);
	}
	public function warning( string $message, array $context = array() ): void {
		$this->log( 'warning', $message, $context );
	}
	public function error( string $message, array $context = array() ): void {
		$this->log( 'error', $message, $context );
	}
	public function info( string $message, array $context = array() ): void {
		$this->log( 'info', $message, $context );
	}
	public function debug( string $message, array $context = array() ): void {
		$this->log( 'debug', $message, $context );
	}
}

/** A product as the cart item's 'data' holds it: getters return strings as WooCommerce stores them. */
final class RateBridge_Test_Product {
	/** @param array<string, mixed> $props */
	public function __construct( private array $props ) {}
	public function get_id(): int {
		return (int) ( $this->props['id'] ?? 0 );
	}
	public function get_name(): string {
		return (string) ( $this->props['name'] ?? 'Product' );
	}
	public function get_sku(): string {
		return (string) ( $this->props['sku'] ?? '' );
	}
	public function get_weight(): string {
		return (string) ( $this->props['weight'] ?? '' );
	}
	public function get_length(): string {
		return (string) ( $this->props['length'] ?? '' );
	}
	public function get_width(): string {
		return (string) ( $this->props['width'] ?? '' );
	}
	public function get_height(): string {
		return (string) ( $this->props['height'] ?? '' );
	}
	public function needs_shipping(): bool {
		return ! ( $this->props['virtual'] ?? false );
	}
}
