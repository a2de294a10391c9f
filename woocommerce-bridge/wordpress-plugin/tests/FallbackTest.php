<?php
declare(strict_types=1);

final class FallbackTest extends RateBridge_TestCase {

	private function assert_fallback_rate( array $rates, string $label = 'Shipping', string $cost = '15.00' ): void {
		$this->assertSame( array( 'ratebridge:fallback' ), array_keys( $rates ) );
		$this->assertSame( $label, $rates['ratebridge:fallback']->get_label() );
		$this->assertSame( $cost, $rates['ratebridge:fallback']->get_cost() );
		$this->assertSame( array( 'ratebridge_fallback' => 'yes' ), $rates['ratebridge:fallback']->get_meta_data() );
	}

	private function assert_logged( string $level, string $needle ): void {
		$this->assertNotEmpty( RateBridge_Test_World::$logs, 'a log line was written' );
		$entry = RateBridge_Test_World::$logs[ array_key_last( RateBridge_Test_World::$logs ) ];
		$this->assertSame( $level, $entry['level'] );
		$this->assertSame( array( 'source' => 'ratebridge' ), $entry['context'] );
		$this->assertStringContainsString( $needle, $entry['message'] );
		$this->assertStringNotContainsString( self::SECRET, $this->all_log_text() );
	}

	public function test_a_timeout_falls_back_and_logs_why(): void {
		$this->connect();
		RateBridge_Test_World::fail_transport( 'cURL error 28: Operation timed out after 3001 milliseconds with 0 bytes received' );

		$this->assert_fallback_rate( $this->calculate() );
		$this->assert_logged( 'warning', 'Operation timed out' );
	}

	public function test_any_wp_error_falls_back(): void {
		$this->connect();
		RateBridge_Test_World::fail_transport( 'cURL error 6: Could not resolve host: bridge.example.test' );

		$this->assert_fallback_rate( $this->calculate() );
		$this->assert_logged( 'warning', 'Could not resolve host' );
	}

	public function test_a_server_error_falls_back(): void {
		$this->connect();
		RateBridge_Test_World::respond( 500, '{"error":"boom"}' );

		$this->assert_fallback_rate( $this->calculate() );
		$this->assert_logged( 'warning', 'HTTP 500' );
	}

	public function test_a_refused_key_falls_back_logs_connector_key_refused_and_raises_the_admin_notice(): void {
		$this->connect();
		RateBridge_Test_World::respond( 401, $this->error_json( 'RB_ERR_SIGNATURE_INVALID' ) );

		$this->assert_fallback_rate( $this->calculate() );
		$this->assert_logged( 'error', 'connector key refused' );
		$this->assertStringContainsString( self::KEY_ID, $this->all_log_text() );
		$this->assertTrue( RateBridge_Key_Status::is_refused() );

		ob_start();
		RateBridge_Key_Status::render_admin_notice();
		$notice = (string) ob_get_clean();
		$this->assertStringContainsString( 'connector key refused', $notice );
		$this->assertStringNotContainsString( self::SECRET, $notice );
	}

	public function test_the_refused_notice_is_for_store_managers_only_and_clears_after_a_successful_answer(): void {
		$this->connect();
		RateBridge_Test_World::respond( 401, '' );
		$this->calculate();

		RateBridge_Test_World::$user_can_manage = false;
		ob_start();
		RateBridge_Key_Status::render_admin_notice();
		$this->assertSame( '', ob_get_clean() );

		RateBridge_Test_World::respond( 200, $this->rates_json( array( array( 'id' => 'r', 'label' => 'Road', 'cost' => '9.00' ) ) ) );
		$this->calculate();
		$this->assertFalse( RateBridge_Key_Status::is_refused() );
	}

	public function test_a_body_that_does_not_parse_falls_back(): void {
		$this->connect();
		RateBridge_Test_World::respond( 200, '<html>502 Bad Gateway</html>' );

		$this->assert_fallback_rate( $this->calculate() );
		$this->assert_logged( 'warning', 'not a JSON object' );
	}

	public function test_a_json_answer_without_a_rates_list_falls_back(): void {
		$this->connect();
		RateBridge_Test_World::respond( 200, '{"rates": {"id": "x"}}' );

		$this->assert_fallback_rate( $this->calculate() );
		$this->assert_logged( 'error', 'without a valid "rates" list' );
	}

	public function test_other_success_statuses_are_not_trusted(): void {
		$this->connect();
		RateBridge_Test_World::respond( 204, '' );

		$this->assert_fallback_rate( $this->calculate() );
	}

	public function test_the_fallback_rates_gst_inclusive_cost_is_split_by_the_stores_shipping_tax_when_taxes_are_on(): void {
		$this->connect();
		RateBridge_Test_World::$options['woocommerce_calc_taxes'] = 'yes';
		$this->zone_settings( array( 'fallback_label' => 'Standard freight', 'fallback_cost' => '22.00' ) );
		RateBridge_Test_World::fail_transport( 'timed out' );

		$rate = $this->calculate()['ratebridge:fallback'];

		// The buyer still pays 22.00: 20.00 plus WooCommerce's 10 % shipping tax, shown as a tax line.
		$this->assertSame( '20.00', $rate->get_cost() );
		$this->assertEqualsWithDelta( array( 1 => 2.0 ), $rate->get_taxes(), 0.0001 );
	}

	public function test_the_fallback_rate_gets_no_tax_when_the_store_does_not_calculate_taxes(): void {
		$this->connect();
		RateBridge_Test_World::$options['woocommerce_calc_taxes'] = 'no';
		$this->zone_settings( array( 'fallback_label' => 'Standard freight', 'fallback_cost' => '22.00' ) );
		RateBridge_Test_World::fail_transport( 'timed out' );

		$rate = $this->calculate()['ratebridge:fallback'];

		$this->assertSame( '22.00', $rate->get_cost() );
		$this->assertSame( array(), $rate->get_taxes(), 'GST is already in the cost' );
	}

	public function test_the_fallback_uses_the_zone_label_and_cost(): void {
		$this->connect();
		$this->zone_settings( array( 'fallback_label' => 'Standard freight', 'fallback_cost' => '24.95' ) );
		RateBridge_Test_World::fail_transport( 'timed out' );

		$this->assert_fallback_rate( $this->calculate(), 'Standard freight', '24.95' );
	}

	public function test_an_empty_fallback_cost_adds_no_rate(): void {
		$this->connect();
		$this->zone_settings( array( 'fallback_label' => 'Shipping', 'fallback_cost' => '' ) );
		RateBridge_Test_World::fail_transport( 'timed out' );

		$this->assertSame( array(), $this->calculate() );
	}

	public function test_a_store_that_is_not_connected_falls_back_without_calling_anyone(): void {
		RateBridge_Test_World::$options[ RateBridge_Connection::SETTINGS_OPTION ] = array( 'bridge_url' => self::BRIDGE_URL, 'key_id' => self::KEY_ID );

		$this->assert_fallback_rate( $this->calculate() );
		$this->assertSame( array(), RateBridge_Test_World::$http_calls );
		$this->assert_logged( 'warning', 'not connected' );
	}

	public function test_the_secret_is_redacted_even_if_a_transport_error_echoes_it(): void {
		$this->connect();
		RateBridge_Test_World::fail_transport( 'proxy said: bad header ' . self::SECRET );

		$this->calculate();

		$this->assertStringContainsString( '[redacted]', $this->all_log_text() );
		$this->assertStringNotContainsString( self::SECRET, $this->all_log_text() );
	}

	public static function destinations_without_a_postcode(): array {
		return array(
			'empty'       => array( '' ),
			'blank'       => array( '   ' ),
			'not given'   => array( null ),
		);
	}

	/** @dataProvider destinations_without_a_postcode */
	public function test_without_a_postcode_nothing_is_quoted_and_the_zone_fallback_shows_silently( ?string $postcode ): void {
		$this->connect();
		$this->zone_settings( array( 'fallback_label' => 'Standard freight', 'fallback_cost' => '19.95' ) );
		$package = $this->package( array( 'postcode' => $postcode ) );
		if ( null === $postcode ) {
			unset( $package['destination']['postcode'] );
		}

		$this->assert_fallback_rate( $this->calculate( null, $package ), 'Standard freight', '19.95' );
		$this->assertSame( array(), RateBridge_Test_World::$http_calls );
		$this->assertSame( array(), RateBridge_Test_World::$logs, 'no address yet is not a failure' );
	}
}
