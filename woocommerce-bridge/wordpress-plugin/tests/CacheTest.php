<?php
declare(strict_types=1);

final class CacheTest extends RateBridge_TestCase {

	private function answer(): void {
		RateBridge_Test_World::respond( 200, $this->rates_json( array( $this->rate( 'road', 'live' ) ) ) );
	}

	/** A rate as the bridge sends it, marked with where it came from. */
	private function rate( string $id, ?string $source ): array {
		$rate = array( 'id' => $id, 'label' => ucfirst( $id ), 'cost' => '12.50', 'delivery_time' => '3 days' );
		if ( null !== $source ) {
			$rate['meta_data'] = array( 'ratebridge_source' => $source, 'ratebridge_service' => $id );
		}
		return $rate;
	}

	public static function answers_that_are_not_all_live(): array {
		return array(
			'a rate that says nothing' => array( array( 'live', null ) ),
			'no rate says anything'    => array( array( null, null ) ),
		);
	}

	/**
	 * @dataProvider answers_that_are_not_all_live
	 * @param list<string|null> $sources ratebridge_source of each rate (null: no meta_data).
	 */
	public function test_an_answer_with_any_rate_that_is_not_live_is_not_cached( array $sources ): void {
		$this->connect();
		$rates = array();
		foreach ( $sources as $i => $source ) {
			$rates[] = $this->rate( 'svc' . $i, $source );
		}
		RateBridge_Test_World::respond( 200, $this->rates_json( $rates ) );
		RateBridge_Test_World::respond( 200, $this->rates_json( $rates ) );

		$first  = $this->calculate();
		$second = $this->calculate();

		$this->assertCount( 2, RateBridge_Test_World::$http_calls, 'quoting may work again on the next checkout' );
		$this->assertSame( array(), RateBridge_Test_World::$transients );
		$this->assertSame( array( 'ratebridge:svc0', 'ratebridge:svc1' ), array_keys( $first ) );
		$this->assertEquals( $first, $second );
	}

	public function test_a_second_identical_request_within_ten_minutes_is_served_from_cache(): void {
		$this->connect();
		$this->answer();
		$first = $this->calculate();

		RateBridge_Test_World::$now += 599;
		$second = $this->calculate();

		$this->assertCount( 1, RateBridge_Test_World::$http_calls );
		$this->assertEquals( $first, $second );
		$this->assertSame( '3 days', $second['ratebridge:road']->get_delivery_time() );
	}

	public function test_after_ten_minutes_the_bridge_is_asked_again(): void {
		$this->connect();
		$this->answer();
		$this->calculate();

		RateBridge_Test_World::$now += 600;
		$this->answer();
		$this->calculate();

		$this->assertCount( 2, RateBridge_Test_World::$http_calls );
	}

	public static function answers_with_the_bridges_fallback(): array {
		return array(
			'the bridge\'s fallback rates' => array( array( 'fallback', 'fallback' ) ),
			'one live, one fallback'       => array( array( 'live', 'fallback' ) ),
		);
	}

	/**
	 * @dataProvider answers_with_the_bridges_fallback
	 * @param list<string> $sources ratebridge_source of each rate.
	 */
	public function test_the_bridges_fallback_shows_the_zones_fallback_and_is_remembered_for_a_minute_only( array $sources ): void {
		$this->connect();
		$this->zone_settings( array( 'fallback_label' => 'Standard freight', 'fallback_cost' => '19.95' ) );
		$rates = array();
		foreach ( $sources as $i => $source ) {
			$rates[] = $this->rate( 'svc' . $i, $source );
		}
		RateBridge_Test_World::respond( 200, $this->rates_json( $rates ) );

		$first = $this->calculate();
		// WooCommerce calculates again within the same request, and the shopper reloads: no second wait.
		RateBridge_Test_World::$now += RateBridge_Rate_Cache::FALLBACK_SECONDS - 1;
		$second = $this->calculate();

		$this->assertSame( array( 'ratebridge:fallback' ), array_keys( $first ) );
		$this->assertSame( 'Standard freight', $first['ratebridge:fallback']->get_label() );
		$this->assertSame( '19.95', $first['ratebridge:fallback']->get_cost() );
		$this->assertEquals( $first, $second );
		$this->assertCount( 1, RateBridge_Test_World::$http_calls );

		RateBridge_Test_World::$now += 1;
		$this->answer();
		$this->assertSame( array( 'ratebridge:road' ), array_keys( $this->calculate() ), 'a minute later it asks for live quotes again' );
		$this->assertCount( 2, RateBridge_Test_World::$http_calls );
	}

	public function test_fallbacks_are_never_cached(): void {
		$this->connect();
		RateBridge_Test_World::fail_transport( 'timed out' );
		$this->calculate();
		// A bridge that did not answer opens the breaker for a minute (BreakerTest); this is about the cache.
		RateBridge_Test_World::$now += RateBridge_Breaker::OPEN_SECONDS;
		RateBridge_Test_World::respond( 500, '' );
		$this->calculate();
		RateBridge_Test_World::$now += RateBridge_Breaker::OPEN_SECONDS;
		RateBridge_Test_World::respond( 401, '' );
		$this->calculate();
		$this->answer();
		$rates = $this->calculate();

		$this->assertCount( 4, RateBridge_Test_World::$http_calls );
		$this->assertSame( array( 'ratebridge:road' ), array_keys( $rates ) );
		$this->assertCount( 1, RateBridge_Test_World::$transients );
	}

	public function test_cannot_ship_answers_are_cached_too(): void {
		$this->connect();
		RateBridge_Test_World::respond( 200, '{"rates":[]}' );
		$this->calculate();

		$this->assertSame( array(), $this->calculate() );
		$this->assertCount( 1, RateBridge_Test_World::$http_calls );
	}

	public function test_a_different_destination_instance_or_key_is_a_different_entry(): void {
		$this->connect();
		$this->answer();
		$this->calculate();

		$this->answer();
		$this->calculate( null, $this->package( array( 'postcode' => '3000' ) ) );
		$this->answer();
		$this->calculate( $this->method( 8 ) );
		$this->connect( array( 'key_id' => 'rbk_live_new' ) );
		$this->answer();
		$this->calculate();

		$this->assertCount( 4, RateBridge_Test_World::$http_calls );
	}

	public function test_the_cache_key_ignores_the_signing_timestamp_and_the_request_id(): void {
		$this->connect();
		$this->answer();
		$connection = RateBridge_Connection::load();
		( new RateBridge_Rate_Quoter( $connection, static fn (): int => 1700000000 ) )->quote( $this->package(), self::INSTANCE );
		$later = ( new RateBridge_Rate_Quoter( $connection, static fn (): int => 1700000042 ) )->quote( $this->package(), self::INSTANCE );

		$this->assertCount( 1, RateBridge_Test_World::$http_calls );
		$this->assertFalse( $later->is_fallback() );
	}

	public function test_a_new_secret_url_or_zone_setting_never_reuses_an_old_answer(): void {
		$this->connect();
		$this->zone_settings( array( 'fallback_label' => 'Shipping', 'fallback_cost' => '15.00' ) );
		$this->answer();
		$this->calculate();

		RateBridge_Test_World::$options[ RateBridge_Connection::SECRET_OPTION ] = 'test-secret-not-real-rotated-2Kp4';
		$this->answer();
		$this->calculate();
		$this->connect( array( 'bridge_url' => 'https://moved.example.test' ) );
		$this->answer();
		$this->calculate();
		$this->connect();
		$this->zone_settings( array( 'fallback_label' => 'Shipping', 'fallback_cost' => '9.95' ) );
		$this->answer();
		$this->calculate();

		$this->assertCount( 4, RateBridge_Test_World::$http_calls );
		$this->assertCount( 4, RateBridge_Test_World::$transients );
	}

	public function test_cache_entries_are_named_by_an_hmac_that_reveals_nothing(): void {
		$this->connect();
		$this->answer();
		$this->calculate();

		$name = (string) array_key_first( RateBridge_Test_World::$transients );
		$this->assertMatchesRegularExpression( '/^ratebridge_rates_[0-9a-f]{40}$/', $name );
		$this->assertLessThanOrEqual( 172, strlen( $name ), "WordPress's limit for a transient name" );
		$this->assertStringNotContainsString( self::SECRET, $name );
		$this->assertStringNotContainsString( md5( self::SECRET ), $name );
	}
}
