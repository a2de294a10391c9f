<?php
/**
 * Shared set-up: a clean world, a connected store, a zone instance and a cart package.
 */

declare(strict_types=1);

use PHPUnit\Framework\TestCase;

abstract class RateBridge_TestCase extends TestCase {

	protected const BRIDGE_URL = 'https://bridge.example.test';
	protected const KEY_ID     = 'rbk_live_5f2c';
	protected const SECRET     = 'test-secret-not-real-plugin-7Qx9';
	protected const INSTANCE   = 7;

	protected function setUp(): void {
		parent::setUp();
		RateBridge_Test_World::reset();
		RateBridge_Test_Checkout::reset();
		RateBridge_Checkout_Questions::forget();
		$_POST    = array();
		$_REQUEST = array();
	}

	/** Saves a complete connection, as the settings screen would. */
	protected function connect( array $overrides = array() ): void {
		RateBridge_Test_World::$options[ RateBridge_Connection::SETTINGS_OPTION ] = array_merge(
			array(
				'bridge_url' => self::BRIDGE_URL,
				'key_id'     => self::KEY_ID,
				'key_secret' => '',
				'timeout'    => '3',
			),
			$overrides
		);
		RateBridge_Test_World::$options[ RateBridge_Connection::SECRET_OPTION ] = self::SECRET;
	}

	/** Saves a zone instance's settings. */
	protected function zone_settings( array $settings ): void {
		RateBridge_Test_World::$options[ 'woocommerce_ratebridge_' . self::INSTANCE . '_settings' ] = $settings;
	}

	protected function method( int $instance_id = self::INSTANCE ): RateBridge_Shipping_Method {
		return new RateBridge_Shipping_Method( $instance_id );
	}

	/** A package shaped like WooCommerce's: a simple product and a variation. */
	protected function package( array $destination_overrides = array() ): array {
		$chair = new RateBridge_Test_Product( array( 'id' => 12, 'sku' => 'CHAIR-01', 'weight' => '7.5', 'length' => '60', 'width' => '55', 'height' => '90' ) );
		$table = new RateBridge_Test_Product( array( 'id' => 341, 'sku' => 'TABLE-OAK-L', 'weight' => '32', 'length' => '180', 'width' => '90', 'height' => '' ) );
		return array(
			'contents'        => array(
				'a1' => array( 'key' => 'a1', 'product_id' => 12, 'variation_id' => 0, 'quantity' => 2, 'line_total' => 199.9, 'data' => $chair ),
				'b2' => array( 'key' => 'b2', 'product_id' => 340, 'variation_id' => 341, 'quantity' => 1, 'line_total' => 899.0, 'data' => $table ),
			),
			'contents_cost'   => 1098.9,
			'applied_coupons' => array(),
			'destination'     => array_merge(
				array(
					'country'   => 'AU',
					'state'     => 'NSW',
					'postcode'  => '2000',
					'city'      => 'Sydney',
					'address'   => '1 George St',
					'address_1' => '1 George St',
					'address_2' => 'Level 2',
				),
				$destination_overrides
			),
		);
	}

	protected function rates_json( array $rates ): string {
		return (string) json_encode( array( 'rates' => $rates ) );
	}

	/** A coded error body, as the bridge sends with a 4xx/5xx. */
	protected function error_json( string $code ): string {
		return (string) json_encode( array( 'error' => array( 'code' => $code, 'message' => 'Refused.' ) ) );
	}

	/** The body of a recorded call, decoded, with its request_id checked (16 hex chars) and removed. */
	protected function body_without_request_id( int $call = 0 ): array {
		$body = json_decode( RateBridge_Test_World::$http_calls[ $call ]['args']['body'], true );
		$this->assertIsArray( $body );
		$this->assertMatchesRegularExpression( '/^[0-9a-f]{16}$/', $body['request_id'] ?? '' );
		unset( $body['request_id'] );
		return $body;
	}

	/** @return array<string, WC_Shipping_Rate> */
	protected function calculate( ?RateBridge_Shipping_Method $method = null, ?array $package = null ): array {
		$method ??= $this->method();
		return $method->get_rates_for_package( $package ?? $this->package() );
	}

	/** @return list<string> The plugin's notices for the settings page, as the merchant reads them. */
	protected function settings_notices(): array {
		return array_map( static fn ( array $notice ): string => $notice['text'], RateBridge_Settings_Notice::pending() );
	}

	protected function all_log_text(): string {
		return implode( "\n", array_map( static fn ( array $entry ): string => $entry['message'], RateBridge_Test_World::$logs ) );
	}
}
