<?php
declare(strict_types=1);

/**
 * The block checkout calculates shipping inside Store API (REST) requests.
 */
final class RestRequestTest extends RateBridge_TestCase {

	/**
	 * @runInSeparateProcess
	 * @preserveGlobalState disabled
	 */
	public function test_rates_are_still_requested_inside_a_rest_request(): void {
		define( 'REST_REQUEST', true );
		$this->connect();
		RateBridge_Test_World::respond( 200, $this->rates_json( array( array( 'id' => 'road', 'label' => 'Road', 'cost' => '12.50' ) ) ) );

		$rates = $this->calculate();

		$this->assertTrue( REST_REQUEST );
		$this->assertCount( 1, RateBridge_Test_World::$http_calls );
		$this->assertSame( array( 'ratebridge:road' ), array_keys( $rates ) );
	}
}
