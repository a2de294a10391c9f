<?php
declare(strict_types=1);

/**
 * The bridge's "Arrives …" text reaches both checkouts: the rate's own delivery time (which the Store API
 * hands the block checkout) and, on the classic template, printed after the rate by the plugin's
 * woocommerce_after_shipping_rate hook, escaped; the order keeps the dates as meta data.
 */
final class DeliveryTimeTest extends RateBridge_TestCase {

	private function listed( WC_Shipping_Rate $rate ): string {
		ob_start();
		do_action( 'woocommerce_after_shipping_rate', $rate, 0 );
		return (string) ob_get_clean();
	}

	public function test_a_dated_rate_shows_its_arrival_in_the_block_and_the_classic_checkout(): void {
		$this->connect();
		RateBridge_Test_World::respond(
			200,
			$this->rates_json(
				array(
					array(
						'id'            => 'road',
						'label'         => 'Road Express',
						'cost'          => '12.50',
						'delivery_time' => 'Arrives Tue 8 Dec – Thu 10 Dec',
						'meta_data'     => array( 'ratebridge_min_date' => '2026-12-08', 'ratebridge_max_date' => '2026-12-10' ),
					),
					array( 'id' => 'air', 'label' => 'Air', 'cost' => '30.00' ),
				)
			)
		);

		$rates = $this->calculate();
		$road  = $rates['ratebridge:road'];
		$this->assertSame( 'Arrives Tue 8 Dec – Thu 10 Dec', $road->get_delivery_time() );
		$this->assertSame( '2026-12-08', $road->get_meta_data()['ratebridge_min_date'] );
		$this->assertSame( '2026-12-10', $road->get_meta_data()['ratebridge_max_date'] );
		$this->assertSame(
			'<br /><small class="ratebridge-delivery-time">Arrives Tue 8 Dec – Thu 10 Dec</small>',
			$this->listed( $road )
		);
		// No estimate: nothing printed.
		$this->assertSame( '', $this->listed( $rates['ratebridge:air'] ) );
	}

	public function test_other_methods_rates_and_markup_are_left_out(): void {
		$flat = new WC_Shipping_Rate();
		$flat->set_method_id( 'flat_rate' );
		$flat->set_delivery_time( 'Arrives Mon 7 Dec' );
		$this->assertSame( '', $this->listed( $flat ) );

		$ours = new WC_Shipping_Rate();
		$ours->set_method_id( RateBridge_Connection::METHOD_ID );
		$ours->set_delivery_time( '<script>x</script>Arrives Mon 7 Dec' );
		$this->assertStringNotContainsString( '<script>', $this->listed( $ours ) );

		// Older WooCommerce keeps the text only in the rate's meta data.
		$meta_only = new WC_Shipping_Rate();
		$meta_only->set_method_id( RateBridge_Connection::METHOD_ID );
		$meta_only->add_meta_data( 'delivery_time', 'Arrives Wed 9 Dec' );
		$this->assertStringContainsString( 'Arrives Wed 9 Dec', $this->listed( $meta_only ) );
	}
}
