<?php
declare(strict_types=1);

/**
 * The delivery questions on both checkouts: the block checkout's additional fields and the classic
 * checkout's checkboxes, the answers read back from where each keeps them, put on the shipping package
 * (so WooCommerce's package hash changes with them) and sent in the rates request.
 */
final class CheckoutFieldsTest extends RateBridge_TestCase {

	private const QUESTIONS = array(
		array(
			'key'     => 'is_business',
			'label'   => 'This is a business address',
			'default' => false,
		),
		array(
			'key'     => 'tail_lift',
			'label'   => 'I need a tail-lift truck',
			'default' => true,
		),
	);

	protected function setUp(): void {
		parent::setUp();
		// Each test registers the fields anew: drop the default-value filters an earlier test added.
		foreach ( array_keys( RateBridge_Test_World::$hooks ) as $hook ) {
			if ( str_starts_with( $hook, 'woocommerce_get_default_value_for_' ) ) {
				unset( RateBridge_Test_World::$hooks[ $hook ] );
			}
		}
		$this->connect();
		RateBridge_Test_World::respond( 200, (string) json_encode( array( 'questions' => self::QUESTIONS, 'ttl_seconds' => 300 ) ) );
	}

	/** The packages WooCommerce would quote, after the plugin's filter. */
	private function packages(): array {
		return apply_filters( 'woocommerce_cart_shipping_packages', array( $this->package() ) );
	}

	private function save_block_answer( string $key, bool $checked ): void {
		// What the Store API's cart/update-customer does: persist_field_for_customer() stores booleans as '1'/'0'.
		WC()->customer->update_meta_data( '_wc_shipping/' . RateBridge_Checkout_Fields::block_field_id( $key ), $checked ? '1' : '0' );
	}

	public function test_registers_a_block_checkout_address_checkbox_per_question_on_woocommerce_init(): void {
		do_action( 'woocommerce_init' );

		$this->assertSame( array( 'ratebridge/is-business', 'ratebridge/tail-lift' ), array_keys( RateBridge_Test_Checkout::$block_fields ) );
		$this->assertSame(
			array(
				'id'                         => 'ratebridge/tail-lift',
				'label'                      => 'I need a tail-lift truck',
				'location'                   => 'address',
				'type'                       => 'checkbox',
				'required'                   => false,
				'show_in_order_confirmation' => true,
			),
			RateBridge_Test_Checkout::$block_fields['ratebridge/tail-lift']
		);
		// Pre-filled with the merchant's assumption until the shopper answers.
		$fields = new \Automattic\WooCommerce\Blocks\Domain\Services\CheckoutFields();
		$this->assertTrue( $fields->get_field_from_object( 'ratebridge/tail-lift', WC()->customer, 'shipping' ) );
		$this->assertFalse( $fields->get_field_from_object( 'ratebridge/is-business', WC()->customer, 'shipping' ) );
		$this->save_block_answer( 'tail_lift', false );
		$this->assertFalse( $fields->get_field_from_object( 'ratebridge/tail-lift', WC()->customer, 'shipping' ) );
	}

	public function test_a_field_woocommerce_refuses_is_logged_and_the_others_still_register(): void {
		RateBridge_Test_Checkout::$block_fields['ratebridge/is-business'] = array( 'type' => 'text' );

		do_action( 'woocommerce_init' );

		$this->assertArrayHasKey( 'ratebridge/tail-lift', RateBridge_Test_Checkout::$block_fields );
		$this->assertStringContainsString( 'could not add the checkout field ratebridge/is-business', $this->all_log_text() );
	}

	public function test_renders_classic_checkboxes_that_refresh_the_totals_pre_filled_then_as_answered(): void {
		ob_start();
		do_action( 'woocommerce_before_order_notes', null );
		$html = (string) ob_get_clean();

		$this->assertStringContainsString( '<h3>Delivery</h3>', $html );
		$this->assertSame( 2, substr_count( $html, 'update_totals_on_change' ) );
		$this->assertMatchesRegularExpression( '/<input type="hidden" name="ratebridge_is_business" value="0" \/><input type="checkbox" name="ratebridge_is_business" value="1" \/>/', $html );
		$this->assertStringContainsString( 'name="ratebridge_tail_lift" value="1" checked="checked"', $html );

		do_action( 'woocommerce_checkout_update_order_review', 'ratebridge_is_business=0&ratebridge_is_business=1&ratebridge_tail_lift=0' );
		ob_start();
		do_action( 'woocommerce_before_order_notes', null );
		$again = (string) ob_get_clean();
		$this->assertStringContainsString( 'name="ratebridge_is_business" value="1" checked="checked"', $again );
		$this->assertStringNotContainsString( 'name="ratebridge_tail_lift" value="1" checked', $again );
	}

	public function test_renders_nothing_when_nothing_is_asked(): void {
		RateBridge_Test_World::$http_queue = array();
		RateBridge_Test_World::respond( 200, '{"questions": [], "ttl_seconds": 300}' );
		ob_start();
		do_action( 'woocommerce_before_order_notes', null );
		$this->assertSame( '', ob_get_clean() );
	}

	public function test_renders_nothing_for_a_cart_that_needs_no_shipping(): void {
		WC()->cart->needs_shipping = false;
		ob_start();
		do_action( 'woocommerce_before_order_notes', null );
		$this->assertSame( '', ob_get_clean() );
	}

	public function test_the_classic_answers_and_company_go_on_the_package(): void {
		// The serialised checkout form: the hidden "0" twin first, the checked box's "1" after it.
		$form = http_build_query( array( 'billing_company' => 'Acme Pty Ltd', 'shipping_company' => 'Elsewhere' ) )
			. '&ratebridge_is_business=0&ratebridge_is_business=1&ratebridge_tail_lift=0&ratebridge_hand_unload=1';
		do_action( 'woocommerce_checkout_update_order_review', $form );

		$package = $this->packages()[0];
		// hand_unload is not asked: its posted value is not forwarded.
		$this->assertSame( array( 'is_business' => 'yes', 'tail_lift' => 'no' ), $package['ratebridge_delivery'] );
		$this->assertSame( 'Acme Pty Ltd', $package['ratebridge_company'] );

		// Shipping to a different address: that address's company.
		do_action( 'woocommerce_checkout_update_order_review', $form . '&ship_to_different_address=1' );
		$this->assertSame( 'Elsewhere', $this->packages()[0]['ratebridge_company'] );
	}

	public function test_the_final_classic_checkout_post_is_read_too(): void {
		$_POST = array( 'ratebridge_is_business' => '0', 'ratebridge_tail_lift' => '1', 'billing_company' => '' );
		do_action( 'woocommerce_checkout_process' );

		$package = $this->packages()[0];
		$this->assertSame( array( 'is_business' => 'no', 'tail_lift' => 'yes' ), $package['ratebridge_delivery'] );
		$this->assertArrayNotHasKey( 'ratebridge_company', $package );
	}

	public function test_the_classic_answers_are_kept_on_the_order_as_the_block_checkout_keeps_them(): void {
		do_action( 'woocommerce_init' );
		do_action( 'woocommerce_checkout_update_order_review', 'ratebridge_is_business=1&ratebridge_tail_lift=0' );
		$order = new WC_Order();

		do_action( 'woocommerce_checkout_create_order', $order, array() );

		$this->assertSame( array( '_wc_shipping/ratebridge/is-business' => '1', '_wc_shipping/ratebridge/tail-lift' => '0' ), $order->meta );
		$this->assertSame( array(), WC()->customer->meta, 'the next checkout is asked afresh' );
	}

	public function test_the_block_checkout_answers_saved_on_the_customer_go_on_the_package(): void {
		do_action( 'woocommerce_init' );
		WC()->customer->shipping_company = ' Acme Pty Ltd ';

		// Nothing answered yet: nothing sent (RateBridge uses the pre-filled answer the box shows).
		$this->assertArrayNotHasKey( 'ratebridge_delivery', $this->packages()[0] );

		$this->save_block_answer( 'is_business', true );
		$package = $this->packages()[0];
		$this->assertSame( array( 'is_business' => 'yes' ), $package['ratebridge_delivery'] );
		$this->assertSame( 'Acme Pty Ltd', $package['ratebridge_company'] );

		$this->save_block_answer( 'tail_lift', false );
		$this->assertSame( array( 'is_business' => 'yes', 'tail_lift' => 'no' ), $this->packages()[0]['ratebridge_delivery'] );
	}

	public function test_another_answer_is_another_package_hash(): void {
		do_action( 'woocommerce_init' );
		// WC_Shipping::calculate_shipping_for_package() hashes the package without its product objects.
		$hash = function (): string {
			$package = $this->packages()[0];
			foreach ( $package['contents'] as $id => $item ) {
				unset( $package['contents'][ $id ]['data'] );
			}
			return md5( (string) wp_json_encode( $package ) );
		};
		$this->save_block_answer( 'is_business', true );
		$business = $hash();
		$this->save_block_answer( 'is_business', false );
		$this->assertNotSame( $business, $hash() );
	}

	public function test_the_rates_request_carries_the_answers_and_the_company_and_each_answer_is_its_own_quote(): void {
		do_action( 'woocommerce_init' );
		$this->save_block_answer( 'is_business', true );
		$this->save_block_answer( 'tail_lift', false );
		WC()->customer->shipping_company = 'Acme Pty Ltd';
		$rate = array( 'id' => 'road', 'label' => 'Road', 'cost' => '30.00', 'meta_data' => array( 'ratebridge_source' => 'live' ) );
		RateBridge_Test_World::respond( 200, $this->rates_json( array( $rate ) ) );

		$this->calculate( null, $this->packages()[0] );

		$body = $this->body_without_request_id( 1 );
		$this->assertSame( array( 'is_business' => 'yes', 'tail_lift' => 'no' ), $body['delivery'] );
		$this->assertSame( 'Acme Pty Ltd', $body['package']['destination']['company'] );

		// The other answer is not served from the plugin's cache: RateBridge is asked again.
		$this->save_block_answer( 'is_business', false );
		RateBridge_Test_World::respond( 200, $this->rates_json( array( array_merge( $rate, array( 'cost' => '45.00' ) ) ) ) );
		$rates = $this->calculate( null, $this->packages()[0] );
		$this->assertCount( 3, RateBridge_Test_World::$http_calls );
		$this->assertSame( array( 'is_business' => 'no', 'tail_lift' => 'no' ), $this->body_without_request_id( 2 )['delivery'] );
		$this->assertSame( '45.00', $rates['ratebridge:road']->get_cost() );
	}

	public function test_no_answers_means_no_delivery_in_the_request(): void {
		RateBridge_Test_World::respond( 200, $this->rates_json( array() ) );
		$this->calculate( null, $this->packages()[0] );
		$body = $this->body_without_request_id( 1 );
		$this->assertArrayNotHasKey( 'delivery', $body );
		$this->assertArrayNotHasKey( 'company', $body['package']['destination'] );
	}

	public function test_a_chosen_depot_rate_goes_on_its_package_and_into_the_rates_request(): void {
		// Package 0 collects from a RateBridge depot; package 1 ships by road; a third is another method's.
		WC()->session->set( 'chosen_shipping_methods', array( 'ratebridge:depot:bigpost:501', 'ratebridge:road', 'flat_rate:3' ) );
		$packages = apply_filters( 'woocommerce_cart_shipping_packages', array( $this->package(), $this->package(), $this->package() ) );
		$this->assertSame( 'bigpost:501', $packages[0]['ratebridge_depot'] );
		$this->assertArrayNotHasKey( 'ratebridge_depot', $packages[1] );
		$this->assertArrayNotHasKey( 'ratebridge_depot', $packages[2] );

		RateBridge_Test_World::respond( 200, $this->rates_json( array() ) );
		$this->calculate( null, $packages[0] );
		// Nothing asked was answered: the depot alone is the delivery, as core's schema names it.
		$this->assertSame( array( 'depot' => 'bigpost:501' ), $this->body_without_request_id( 1 )['delivery'] );
	}

	public function test_the_depot_joins_the_answers_and_a_malformed_rate_id_sends_none(): void {
		do_action( 'woocommerce_init' );
		$this->save_block_answer( 'is_business', false );
		WC()->session->set( 'chosen_shipping_methods', array( 'ratebridge:depot:bigpost:4021' ) );
		$this->assertSame( array( 'is_business' => 'no', 'depot' => 'bigpost:4021' ), RateBridge_Rate_Request::payload( $this->packages()[0] )['delivery'] );

		foreach ( array( 'ratebridge:depot:bigpost:', 'ratebridge:depot:BigPost:1', "ratebridge:depot:bigpost:1\n", 'other:depot:bigpost:1', 'ratebridge:depot:bigpost:1:2' ) as $id ) {
			WC()->session->set( 'chosen_shipping_methods', array( $id ) );
			$this->assertArrayNotHasKey( 'ratebridge_depot', $this->packages()[0], $id );
		}
	}
}
