<?php
declare(strict_types=1);

final class SettingsTest extends RateBridge_TestCase {

	/**
	 * Posts the store-wide settings form the way WooCommerce does (slashed $_POST, then process_admin_options).
	 * A complete connection then offers the webhooks to the bridge (WebhooksTest); here the bridge has them.
	 */
	private function save_store_settings( array $fields ): RateBridge_Shipping_Method {
		$post = array();
		foreach ( $fields as $key => $value ) {
			$post[ 'woocommerce_ratebridge_' . $key ] = addslashes( $value );
		}
		$_POST  = $post;
		$method = $this->method( 0 );
		RateBridge_Test_World::respond( 200, '{"registered_by":"ratebridge"}' );
		$method->process_admin_options();
		RateBridge_Test_World::$http_queue = array();
		return $method;
	}

	private function store_settings_html(): string {
		return $this->method( 0 )->get_admin_options_html();
	}

	public function test_the_timeout_defaults_to_three_seconds(): void {
		RateBridge_Test_World::$options[ RateBridge_Connection::SETTINGS_OPTION ] = array( 'bridge_url' => self::BRIDGE_URL, 'key_id' => self::KEY_ID );
		RateBridge_Test_World::$options[ RateBridge_Connection::SECRET_OPTION ]   = self::SECRET;
		RateBridge_Test_World::respond( 200, '{"rates":[]}' );

		$this->calculate();

		$this->assertSame( 3.0, RateBridge_Test_World::$http_calls[0]['args']['timeout'] );
	}

	public function test_a_stored_timeout_above_five_seconds_is_clamped_to_five(): void {
		$this->connect( array( 'timeout' => '30' ) );
		RateBridge_Test_World::respond( 200, '{"rates":[]}' );

		$this->calculate();

		$this->assertSame( 5.0, RateBridge_Test_World::$http_calls[0]['args']['timeout'] );
	}

	public function test_saving_clamps_the_timeout(): void {
		$this->connect();
		$this->save_store_settings( array( 'bridge_url' => self::BRIDGE_URL, 'key_id' => self::KEY_ID, 'key_secret' => '', 'timeout' => '30' ) );
		$this->assertSame( '5', RateBridge_Test_World::$options[ RateBridge_Connection::SETTINGS_OPTION ]['timeout'] );

		$this->save_store_settings( array( 'bridge_url' => self::BRIDGE_URL, 'key_id' => self::KEY_ID, 'key_secret' => '', 'timeout' => '0.1' ) );
		$this->assertSame( '1', RateBridge_Test_World::$options[ RateBridge_Connection::SETTINGS_OPTION ]['timeout'] );

		$this->save_store_settings( array( 'bridge_url' => self::BRIDGE_URL, 'key_id' => self::KEY_ID, 'key_secret' => '', 'timeout' => 'soon' ) );
		$this->assertSame( '3', RateBridge_Test_World::$options[ RateBridge_Connection::SETTINGS_OPTION ]['timeout'] );

		$this->save_store_settings( array( 'bridge_url' => self::BRIDGE_URL, 'key_id' => self::KEY_ID, 'key_secret' => '', 'timeout' => '2.5' ) );
		$this->assertSame( '2.5', RateBridge_Test_World::$options[ RateBridge_Connection::SETTINGS_OPTION ]['timeout'] );
	}

	public function test_the_secret_field_never_prints_the_saved_secret(): void {
		$this->connect();

		$html = $this->store_settings_html();

		$this->assertStringNotContainsString( self::SECRET, $html );
		$this->assertMatchesRegularExpression( '/<input[^>]*type="password"[^>]*name="woocommerce_ratebridge_key_secret"[^>]*value=""/', $html );
		$this->assertStringContainsString( 'Saved — leave blank to keep.', $html );
		// The other fields do show their saved values.
		$this->assertStringContainsString( 'value="' . self::BRIDGE_URL . '"', $html );
		$this->assertStringContainsString( 'value="' . self::KEY_ID . '"', $html );
	}

	public function test_the_secret_field_asks_for_the_secret_until_one_is_saved(): void {
		$html = $this->store_settings_html();

		$this->assertStringNotContainsString( 'leave blank to keep', $html );
		$this->assertStringContainsString( 'Shown once when you create the key', $html );
	}

	public function test_saving_a_blank_secret_keeps_the_old_one_and_a_new_one_replaces_it(): void {
		$this->connect();

		$this->save_store_settings( array( 'bridge_url' => self::BRIDGE_URL, 'key_id' => self::KEY_ID, 'key_secret' => '', 'timeout' => '3' ) );
		$this->assertSame( self::SECRET, RateBridge_Test_World::$options[ RateBridge_Connection::SECRET_OPTION ] );

		$this->save_store_settings( array( 'bridge_url' => self::BRIDGE_URL, 'key_id' => self::KEY_ID, 'key_secret' => '  test-secret-not-real-"new"\\x  ', 'timeout' => '3' ) );
		$this->assertSame( 'test-secret-not-real-"new"\\x', RateBridge_Test_World::$options[ RateBridge_Connection::SECRET_OPTION ] );
	}

	public function test_the_secret_never_sits_in_a_public_property_or_the_settings_array(): void {
		// WooCommerce JSON-encodes every public property of a zone's methods into the zones screen.
		$method = $this->save_store_settings( array( 'bridge_url' => self::BRIDGE_URL, 'key_id' => self::KEY_ID, 'key_secret' => self::SECRET, 'timeout' => '3' ) );
		$this->assertSame( '', RateBridge_Test_World::$options[ RateBridge_Connection::SETTINGS_OPTION ]['key_secret'] );
		$this->assertStringNotContainsString( self::SECRET, (string) json_encode( get_object_vars( $method ) ) );

		$zone_method = $this->method();
		$zone_method->get_admin_options_html();
		RateBridge_Test_World::respond( 200, '{"rates":[]}' );
		$zone_method->get_rates_for_package( $this->package() );
		$this->assertStringNotContainsString( self::SECRET, (string) json_encode( get_object_vars( $zone_method ) ) );
	}

	public function test_the_bridge_url_is_normalised_and_must_be_http_or_https(): void {
		$this->save_store_settings( array( 'bridge_url' => ' https://bridge.example.test/// ', 'key_id' => ' rbk_1 ', 'key_secret' => self::SECRET, 'timeout' => '3' ) );
		$this->assertSame( 'https://bridge.example.test', RateBridge_Test_World::$options[ RateBridge_Connection::SETTINGS_OPTION ]['bridge_url'] );
		$this->assertSame( 'rbk_1', RateBridge_Test_World::$options[ RateBridge_Connection::SETTINGS_OPTION ]['key_id'] );

		$this->save_store_settings( array( 'bridge_url' => 'rates.example.test', 'key_id' => 'rbk_1', 'key_secret' => '', 'timeout' => '3' ) );
		$this->assertSame( 'https://rates.example.test', RateBridge_Test_World::$options[ RateBridge_Connection::SETTINGS_OPTION ]['bridge_url'] );

		$method = $this->save_store_settings( array( 'bridge_url' => 'ftp://rates.example.test', 'key_id' => 'rbk_1', 'key_secret' => '', 'timeout' => '3' ) );
		$this->assertNotEmpty( $method->get_errors() );
		$this->assertSame( 'https://rates.example.test', RateBridge_Test_World::$options[ RateBridge_Connection::SETTINGS_OPTION ]['bridge_url'], 'the old value is kept' );
	}

	public function test_zone_settings_default_to_a_sensible_fallback_and_validate_the_cost(): void {
		$method = $this->method();
		$this->assertSame( 'Shipping', $method->get_option( 'fallback_label' ) );
		$this->assertSame( '15.00', $method->get_option( 'fallback_cost' ) );

		$_REQUEST = array( 'instance_id' => (string) self::INSTANCE );
		$method->set_post_data( array( 'woocommerce_ratebridge_fallback_label' => 'Freight', 'woocommerce_ratebridge_fallback_cost' => 'lots' ) );
		$method->process_admin_options();
		$this->assertNotEmpty( $method->get_errors() );
		$saved = RateBridge_Test_World::$options[ 'woocommerce_ratebridge_' . self::INSTANCE . '_settings' ];
		$this->assertSame( 'Freight', $saved['fallback_label'] );
		$this->assertSame( '15.00', $saved['fallback_cost'] );

		$method = $this->method();
		$method->set_post_data( array( 'woocommerce_ratebridge_fallback_label' => 'Freight', 'woocommerce_ratebridge_fallback_cost' => '' ) );
		$method->process_admin_options();
		$this->assertSame( '', RateBridge_Test_World::$options[ 'woocommerce_ratebridge_' . self::INSTANCE . '_settings' ]['fallback_cost'] );
	}
}
