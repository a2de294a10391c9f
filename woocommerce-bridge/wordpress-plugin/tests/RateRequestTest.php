<?php
declare(strict_types=1);

final class RateRequestTest extends RateBridge_TestCase {

	public function test_the_request_is_a_signed_json_post_to_the_rates_endpoint(): void {
		$this->connect( array( 'bridge_url' => self::BRIDGE_URL . '/' ) );
		RateBridge_Test_World::respond( 200, $this->rates_json( array() ) );

		$before = time();
		$this->calculate();
		$after = time();

		$this->assertCount( 1, RateBridge_Test_World::$http_calls );
		$call = RateBridge_Test_World::$http_calls[0];
		$this->assertSame( 'https://bridge.example.test/woocommerce/rates', $call['url'] );
		$this->assertSame( 'application/json', $call['args']['headers']['Content-Type'] );
		$this->assertSame( self::KEY_ID, $call['args']['headers']['X-RateBridge-Key'] );
		$this->assertSame( 0, $call['args']['redirection'] );

		$this->assertMatchesRegularExpression( '/^t=(\d+),v1=([0-9a-f]{64})$/', $call['args']['headers']['X-RateBridge-Signature'] );
		preg_match( '/^t=(\d+),v1=([0-9a-f]{64})$/', $call['args']['headers']['X-RateBridge-Signature'], $m );
		$this->assertGreaterThanOrEqual( $before, (int) $m[1] );
		$this->assertLessThanOrEqual( $after, (int) $m[1] );
		$this->assertSame( hash_hmac( 'sha256', $m[1] . '.' . $call['args']['body'], self::SECRET ), $m[2], 'signed over the exact bytes sent' );
		$this->assertStringNotContainsString( self::SECRET, json_encode( $call['args'] ) );
	}

	public function test_the_body_carries_currency_units_destination_and_product_data_as_stored(): void {
		$this->connect();
		RateBridge_Test_World::$currency                                    = 'NZD';
		RateBridge_Test_World::$options['woocommerce_weight_unit']    = 'g';
		RateBridge_Test_World::$options['woocommerce_dimension_unit'] = 'mm';
		RateBridge_Test_World::respond( 200, $this->rates_json( array() ) );

		$this->calculate();

		$body = $this->body_without_request_id();
		$this->assertSame(
			array(
				'currency' => 'NZD',
				'units'    => array( 'weight' => 'g', 'dimension' => 'mm' ),
				'package'  => array(
					'destination' => array(
						'country'   => 'AU',
						'state'     => 'NSW',
						'postcode'  => '2000',
						'city'      => 'Sydney',
						'address_1' => '1 George St',
						'address_2' => 'Level 2',
					),
					'contents'    => array(
						array( 'product_id' => 12, 'variation_id' => 0, 'sku' => 'CHAIR-01', 'quantity' => 2, 'line_total' => 199.9, 'weight' => '7.5', 'length' => '60', 'width' => '55', 'height' => '90' ),
						array( 'product_id' => 340, 'variation_id' => 341, 'sku' => 'TABLE-OAK-L', 'quantity' => 1, 'line_total' => 899, 'weight' => '32', 'length' => '180', 'width' => '90', 'height' => null ),
					),
				),
			),
			$body
		);
	}

	public function test_identical_requests_in_the_same_second_carry_different_request_ids_and_signatures(): void {
		$this->connect();
		// Answers that are neither cached nor open the breaker, so the second request goes out too.
		RateBridge_Test_World::respond( 400, $this->error_json( 'RB_ERR_VALIDATION' ) );
		RateBridge_Test_World::respond( 400, $this->error_json( 'RB_ERR_VALIDATION' ) );
		$quoter = new RateBridge_Rate_Quoter( RateBridge_Connection::load(), static fn (): int => 1700000000 );

		$quoter->quote( $this->package(), self::INSTANCE );
		$quoter->quote( $this->package(), self::INSTANCE );

		$this->assertCount( 2, RateBridge_Test_World::$http_calls );
		[ $first, $second ] = RateBridge_Test_World::$http_calls;
		$this->assertSame( $this->body_without_request_id( 0 ), $this->body_without_request_id( 1 ) );
		$this->assertNotSame( $first['args']['body'], $second['args']['body'] );
		$this->assertNotSame( $first['args']['headers']['X-RateBridge-Signature'], $second['args']['headers']['X-RateBridge-Signature'], 'the bridge would refuse the second as a replay' );
		foreach ( array( $first, $second ) as $call ) {
			$this->assertSame( RateBridge_Signer::signature_header( self::SECRET, 1700000000, $call['args']['body'] ), $call['args']['headers']['X-RateBridge-Signature'], 'the request id is signed with the body' );
		}
	}

	public function test_the_request_tells_the_bridge_its_time_budget_in_milliseconds(): void {
		$this->connect( array( 'timeout' => '2.5' ) );
		RateBridge_Test_World::respond( 200, $this->rates_json( array() ) );
		$this->calculate();
		$this->assertSame( '2500', RateBridge_Test_World::$http_calls[0]['args']['headers']['X-RateBridge-Timeout-Ms'] );

		$this->connect( array( 'timeout' => '30' ) );
		RateBridge_Test_World::respond( 200, $this->rates_json( array() ) );
		$this->calculate( null, $this->package( array( 'postcode' => '3000' ) ) );
		$this->assertSame( '5000', RateBridge_Test_World::$http_calls[1]['args']['headers']['X-RateBridge-Timeout-Ms'], 'the clamped timeout, as actually used' );
		$this->assertSame( 5.0, RateBridge_Test_World::$http_calls[1]['args']['timeout'] );
	}

	public function test_only_products_that_need_shipping_are_sent(): void {
		$this->connect();
		$package                        = $this->package();
		$package['contents']['c3']      = array(
			'key'          => 'c3',
			'product_id'   => 99,
			'variation_id' => 0,
			'quantity'     => 1,
			'line_total'   => 20,
			'data'         => new RateBridge_Test_Product( array( 'id' => 99, 'sku' => 'GIFT-CARD', 'virtual' => true ) ),
		);
		RateBridge_Test_World::respond( 200, $this->rates_json( array() ) );

		$this->calculate( null, $package );

		$body = json_decode( RateBridge_Test_World::$http_calls[0]['args']['body'], true );
		$this->assertSame( array( 'CHAIR-01', 'TABLE-OAK-L' ), array_column( $body['package']['contents'], 'sku' ) );
	}

	public function test_a_cart_item_without_its_product_object_loads_the_variation(): void {
		$this->connect();
		RateBridge_Test_World::$products[341] = new RateBridge_Test_Product( array( 'id' => 341, 'sku' => 'TABLE-VAR', 'weight' => '30' ) );
		$package                              = $this->package();
		unset( $package['contents']['b2']['data'] );
		RateBridge_Test_World::respond( 200, $this->rates_json( array() ) );

		$this->calculate( null, $package );

		$body = json_decode( RateBridge_Test_World::$http_calls[0]['args']['body'], true );
		$this->assertSame( 'TABLE-VAR', $body['package']['contents'][1]['sku'] );
		$this->assertSame( '30', $body['package']['contents'][1]['weight'] );
		$this->assertNull( $body['package']['contents'][1]['length'] );
	}

	public function test_unicode_in_the_address_is_sent_as_is_and_signed_as_sent(): void {
		$this->connect();
		RateBridge_Test_World::respond( 200, $this->rates_json( array() ) );

		$this->calculate( null, $this->package( array( 'city' => 'Wagga Wagga — Ünïcødé', 'address_2' => 'a/b' ) ) );

		$call = RateBridge_Test_World::$http_calls[0];
		$this->assertStringContainsString( 'Wagga Wagga — Ünïcødé', $call['args']['body'] );
		$this->assertStringContainsString( '"a/b"', $call['args']['body'] );
		preg_match( '/^t=(\d+),v1=([0-9a-f]{64})$/', $call['args']['headers']['X-RateBridge-Signature'], $m );
		$this->assertSame( RateBridge_Signer::signature_header( self::SECRET, (int) $m[1], $call['args']['body'] ), $call['args']['headers']['X-RateBridge-Signature'] );
	}

	public function test_a_package_with_nothing_to_ship_makes_no_call_and_adds_no_rate(): void {
		$this->connect();
		$package             = $this->package();
		$package['contents'] = array(
			array( 'product_id' => 99, 'variation_id' => 0, 'quantity' => 1, 'line_total' => 20, 'data' => new RateBridge_Test_Product( array( 'virtual' => true ) ) ),
		);

		$this->assertSame( array(), $this->calculate( null, $package ) );
		$this->assertSame( array(), RateBridge_Test_World::$http_calls );
	}
}
