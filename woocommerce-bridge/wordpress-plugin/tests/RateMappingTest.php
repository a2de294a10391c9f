<?php
declare(strict_types=1);

final class RateMappingTest extends RateBridge_TestCase {

	public function test_bridge_rates_become_woocommerce_rates_with_prefixed_ids_string_costs_and_meta(): void {
		$this->connect();
		RateBridge_Test_World::respond(
			200,
			$this->rates_json(
				array(
					array( 'id' => 'machship-tnt-road', 'label' => 'TNT Road Express', 'cost' => '12.50', 'description' => 'Tailgate included', 'delivery_time' => '2–4 business days', 'meta_data' => array( 'carrier' => 'TNT', 'estimated' => true, 'nested' => array( 'x' => 1 ) ) ),
					array( 'id' => 'bigpost:hds', 'label' => 'Home delivery', 'cost' => '89' ),
				)
			)
		);

		$rates = $this->calculate();

		$this->assertSame( array( 'ratebridge:machship-tnt-road', 'ratebridge:bigpost:hds' ), array_keys( $rates ) );
		$tnt = $rates['ratebridge:machship-tnt-road'];
		$this->assertSame( 'TNT Road Express', $tnt->get_label() );
		$this->assertSame( '12.50', $tnt->get_cost() );
		$this->assertSame( 'ratebridge', $tnt->get_method_id() );
		$this->assertSame( self::INSTANCE, $tnt->get_instance_id() );
		$this->assertSame(
			array( 'carrier' => 'TNT', 'estimated' => 'yes', 'description' => 'Tailgate included', 'delivery_time' => '2–4 business days' ),
			$tnt->get_meta_data()
		);
		// WooCommerce 9.2+ rate fields, which the block checkout displays.
		$this->assertSame( 'Tailgate included', $tnt->get_description() );
		$this->assertSame( '2–4 business days', $tnt->get_delivery_time() );

		$hds = $rates['ratebridge:bigpost:hds'];
		$this->assertSame( '89.00', $hds->get_cost() );
		$this->assertSame( array(), $hds->get_meta_data() );
		$this->assertSame( '', $hds->get_delivery_time() );
	}

	public function test_a_rate_without_its_ex_gst_price_from_an_older_bridge_gets_no_tax_on_top(): void {
		$this->connect();
		RateBridge_Test_World::$options['woocommerce_calc_taxes'] = 'yes';
		RateBridge_Test_World::respond( 200, $this->rates_json( array( array( 'id' => 'road', 'label' => 'Road', 'cost' => '11.00', 'meta_data' => array( 'ratebridge_source' => 'live' ) ) ) ) );

		$rate = $this->calculate()['ratebridge:road'];

		$this->assertSame( '11.00', $rate->get_cost() );
		$this->assertSame( array(), $rate->get_taxes(), 'GST is already in the cost' );
	}

	public function test_when_the_store_taxes_shipping_woocommerce_gets_the_ex_gst_cost_and_calculates_the_tax(): void {
		$this->connect();
		RateBridge_Test_World::$options['woocommerce_calc_taxes'] = 'yes';
		RateBridge_Test_World::respond( 200, $this->rates_json( array( $this->gst_rate() ) ) );

		$rate = $this->calculate()['ratebridge:road'];

		$this->assertSame( '20.00', $rate->get_cost(), 'the price before GST' );
		$this->assertEqualsWithDelta( array( 1 => 2.0 ), $rate->get_taxes(), 0.0001, "WooCommerce's own shipping tax" );
		$this->assertSame( '2.00', $rate->get_meta_data()['ratebridge_platform_gst'] );
	}

	public function test_when_the_store_does_not_calculate_taxes_the_gst_inclusive_cost_is_charged_with_no_tax(): void {
		$this->connect();
		RateBridge_Test_World::$options['woocommerce_calc_taxes'] = 'no';
		RateBridge_Test_World::respond( 200, $this->rates_json( array( $this->gst_rate() ) ) );

		$rate = $this->calculate()['ratebridge:road'];

		$this->assertSame( '22.00', $rate->get_cost() );
		$this->assertSame( array(), $rate->get_taxes() );
	}

	public function test_a_zone_whose_tax_status_is_none_charges_the_gst_inclusive_cost_even_with_taxes_on(): void {
		$this->connect();
		RateBridge_Test_World::$options['woocommerce_calc_taxes'] = 'yes';
		$this->zone_settings( array( 'tax_status' => 'none' ) );
		RateBridge_Test_World::respond( 200, $this->rates_json( array( $this->gst_rate() ) ) );

		$rate = $this->calculate()['ratebridge:road'];

		$this->assertSame( '22.00', $rate->get_cost() );
		$this->assertSame( array(), $rate->get_taxes() );
	}

	public function test_a_malformed_ex_gst_cost_is_ignored_rather_than_charged(): void {
		$this->connect();
		RateBridge_Test_World::$options['woocommerce_calc_taxes'] = 'yes';
		RateBridge_Test_World::respond( 200, $this->rates_json( array( array( 'cost_ex_gst' => '-20' ) + $this->gst_rate() ) ) );

		$rate = $this->calculate()['ratebridge:road'];

		$this->assertSame( '22.00', $rate->get_cost() );
		$this->assertSame( array(), $rate->get_taxes() );
	}

	/** A rate as the bridge sends it for a GST-inclusive store: 22.00 of which the platform's GST is 2.00. */
	private function gst_rate(): array {
		return array( 'id' => 'road', 'label' => 'Road', 'cost' => '22.00', 'cost_ex_gst' => '20.00', 'gst' => '2.00' );
	}

	public function test_the_stub_would_add_tax_on_top_when_taxes_are_not_switched_off(): void {
		RateBridge_Test_World::$options['woocommerce_calc_taxes'] = 'yes';
		$method = new class() extends WC_Shipping_Method {
			public function calculate_shipping( $package = array() ) {
				$this->add_rate( array( 'id' => 'x', 'label' => 'X', 'cost' => '11.00' ) );
			}
		};

		$this->assertEqualsWithDelta( array( 1 => 1.1 ), $method->get_rates_for_package( array() )['x']->get_taxes(), 0.0001 );
	}

	public function test_an_empty_rates_list_means_cannot_ship_and_adds_nothing_not_even_the_fallback(): void {
		$this->connect();
		RateBridge_Test_World::respond( 200, '{"rates": []}' );

		$this->assertSame( array(), $this->calculate() );
		$this->assertSame( array(), RateBridge_Test_World::$logs );
	}

	public function test_rates_that_break_the_contract_are_dropped_and_logged(): void {
		$this->connect();
		RateBridge_Test_World::respond(
			200,
			$this->rates_json(
				array(
					array( 'id' => 'ok', 'label' => 'Road', 'cost' => '10.00' ),
					array( 'id' => 'numeric-cost', 'label' => 'Air', 'cost' => 12.5 ),
					array( 'id' => 'negative', 'label' => 'Sea', 'cost' => '-1.00' ),
					array( 'id' => 'no-label', 'cost' => '5.00' ),
					array( 'id' => 'bad id with spaces', 'label' => 'X', 'cost' => '5.00' ),
				)
			)
		);

		$rates = $this->calculate();

		$this->assertSame( array( 'ratebridge:ok' ), array_keys( $rates ) );
		$this->assertStringContainsString( 'dropped 4 rate(s)', $this->all_log_text() );
	}

	public function test_an_answer_whose_every_rate_is_invalid_falls_back(): void {
		$this->connect();
		RateBridge_Test_World::respond( 200, $this->rates_json( array( array( 'id' => 'x', 'label' => 'X', 'cost' => 'free' ) ) ) );

		$this->assertSame( array( 'ratebridge:fallback' ), array_keys( $this->calculate() ) );
	}

	public function test_labels_and_descriptions_are_stripped_of_markup(): void {
		$this->connect();
		RateBridge_Test_World::respond( 200, $this->rates_json( array( array( 'id' => 'r', 'label' => '<b>Road</b> <script>x</script>', 'cost' => '1.00', 'description' => '<i>Fast</i>' ) ) ) );

		$rate = $this->calculate()['ratebridge:r'];

		$this->assertSame( 'Road x', $rate->get_label() );
		$this->assertSame( 'Fast', $rate->get_description() );
	}
}
