<?php
declare(strict_types=1);

final class BreakerTest extends RateBridge_TestCase {

	private function live_answer(): void {
		RateBridge_Test_World::respond( 200, $this->rates_json( array( array( 'id' => 'road', 'label' => 'Road', 'cost' => '12.50', 'meta_data' => array( 'ratebridge_source' => 'live' ) ) ) ) );
	}

	/** Another shopper's cart: a different destination, so no cache entry can answer for it. */
	private function other_cart( string $postcode ): array {
		return $this->package( array( 'postcode' => $postcode ) );
	}

	private function save_store_settings( array $overrides = array() ): void {
		$method = $this->method( 0 );
		$method->set_post_data(
			array_merge(
				array(
					'woocommerce_ratebridge_bridge_url' => self::BRIDGE_URL,
					'woocommerce_ratebridge_key_id'     => self::KEY_ID,
					'woocommerce_ratebridge_key_secret' => '',
					'woocommerce_ratebridge_timeout'    => '3',
				),
				$overrides
			)
		);
		RateBridge_Test_World::respond( 200, '{"registered_by":"ratebridge"}' );
		$method->process_admin_options();
	}

	public function test_a_ratebridge_that_does_not_answer_is_asked_once_then_every_cart_gets_the_fallback_at_once(): void {
		$this->connect();
		RateBridge_Test_World::fail_transport( 'cURL error 28: Operation timed out after 3001 milliseconds with 0 bytes received' );

		$first  = $this->calculate();
		$again  = $this->calculate();
		$others = array( $this->calculate( null, $this->other_cart( '3000' ) ), $this->calculate( $this->method( 8 ), $this->other_cart( '4000' ) ) );

		$this->assertCount( 1, RateBridge_Test_World::$http_calls, 'one wait, then none' );
		foreach ( array( $first, $again, ...$others ) as $rates ) {
			$this->assertSame( array( 'ratebridge:fallback' ), array_keys( $rates ) );
		}
		$this->assertCount( 1, RateBridge_Test_World::$logs, 'logged once, when the breaker opened' );
		$this->assertStringContainsString( 'for the next 60 seconds without asking', $this->all_log_text() );
		$this->assertStringContainsString( 'Operation timed out', $this->all_log_text() );
	}

	public function test_a_minute_later_the_next_cart_asks_again(): void {
		$this->connect();
		RateBridge_Test_World::fail_transport( 'cURL error 7: Failed to connect' );
		$this->calculate();

		RateBridge_Test_World::$now += RateBridge_Breaker::OPEN_SECONDS - 1;
		$this->calculate( null, $this->other_cart( '3000' ) );
		$this->assertCount( 1, RateBridge_Test_World::$http_calls );

		RateBridge_Test_World::$now += 1;
		$this->live_answer();
		$this->assertSame( array( 'ratebridge:road' ), array_keys( $this->calculate( null, $this->other_cart( '3000' ) ) ) );
		$this->assertCount( 2, RateBridge_Test_World::$http_calls );
	}

	public function test_a_server_error_opens_it_and_a_refusal_or_a_bad_request_does_not(): void {
		$this->connect();
		RateBridge_Test_World::respond( 401, $this->error_json( 'RB_ERR_SIGNATURE_INVALID' ) );
		$this->calculate();
		RateBridge_Test_World::respond( 400, $this->error_json( 'RB_ERR_VALIDATION' ) );
		$this->calculate();
		$this->assertNull( RateBridge_Breaker::open_reason( RateBridge_Connection::load() ) );

		RateBridge_Test_World::respond( 502, '<html>Bad Gateway</html>' );
		$this->calculate();
		$this->calculate( null, $this->other_cart( '3000' ) );

		$this->assertCount( 3, RateBridge_Test_World::$http_calls );
		$this->assertStringContainsString( 'HTTP 502', (string) RateBridge_Breaker::open_reason( RateBridge_Connection::load() ) );
	}

	public function test_a_live_answer_already_cached_is_still_shown_while_it_is_open(): void {
		$this->connect();
		$this->live_answer();
		$this->calculate();
		RateBridge_Test_World::fail_transport( 'timed out' );
		$this->calculate( null, $this->other_cart( '3000' ) );

		$this->assertSame( array( 'ratebridge:road' ), array_keys( $this->calculate() ) );
		$this->assertCount( 2, RateBridge_Test_World::$http_calls );
	}

	public function test_saving_the_settings_closes_it_and_it_never_holds_another_bridge_or_key(): void {
		$this->connect();
		RateBridge_Test_World::fail_transport( 'timed out' );
		$this->calculate();

		$this->connect( array( 'bridge_url' => 'https://other-bridge.example.test' ) );
		$this->live_answer();
		$this->assertSame( array( 'ratebridge:road' ), array_keys( $this->calculate() ), 'another bridge is asked' );
		$this->connect( array( 'key_id' => 'rbk_live_new' ) );
		$this->live_answer();
		$this->assertSame( array( 'ratebridge:road' ), array_keys( $this->calculate() ), 'another key is asked' );

		$this->connect();
		$this->assertNotNull( RateBridge_Breaker::open_reason( RateBridge_Connection::load() ) );
		$this->save_store_settings();
		$this->assertNull( RateBridge_Breaker::open_reason( RateBridge_Connection::load() ) );
		$this->live_answer();
		$this->assertSame( array( 'ratebridge:road' ), array_keys( $this->calculate( null, $this->other_cart( '3000' ) ) ) );
	}
}
