<?php
declare(strict_types=1);

/**
 * Learning which delivery questions to ask: a signed POST to the bridge, cached for the TTL it gives, and
 * never a broken checkout when the bridge cannot say.
 */
final class CheckoutQuestionsTest extends RateBridge_TestCase {

	private const QUESTIONS = array(
		array(
			'key'     => 'is_business',
			'label'   => 'This is a business address',
			'default' => false,
		),
		array(
			'key'     => 'authority_to_leave',
			'label'   => 'Leave without a signature',
			'default' => true,
		),
	);

	private function answer_questions( array $questions = self::QUESTIONS, int $ttl = 300 ): void {
		RateBridge_Test_World::respond( 200, (string) json_encode( array( 'questions' => $questions, 'ttl_seconds' => $ttl ) ) );
	}

	private function questions(): array {
		return RateBridge_Checkout_Questions::current( RateBridge_Connection::load() );
	}

	public function test_asks_the_bridge_with_a_signed_post_and_returns_its_questions(): void {
		$this->connect();
		$this->answer_questions();

		$this->assertSame( self::QUESTIONS, $this->questions() );

		$this->assertCount( 1, RateBridge_Test_World::$http_calls );
		$call = RateBridge_Test_World::$http_calls[0];
		$this->assertSame( self::BRIDGE_URL . '/woocommerce/checkout-questions', $call['url'] );
		$this->assertSame( array( 'action' => 'checkout_questions' ), $this->body_without_request_id() );
		preg_match( '/^t=(\d+),v1=([0-9a-f]{64})$/', $call['args']['headers']['X-RateBridge-Signature'], $m );
		$this->assertSame( hash_hmac( 'sha256', $m[1] . '.' . $call['args']['body'], self::SECRET ), $m[2] );
		$this->assertSame( self::KEY_ID, $call['args']['headers']['X-RateBridge-Key'] );
	}

	public function test_keeps_the_questions_for_the_ttl_the_bridge_gives_then_asks_again(): void {
		$this->connect();
		$this->answer_questions( self::QUESTIONS, 120 );
		$this->questions();

		// A later request (the per-request memory forgotten) reads the transient.
		RateBridge_Checkout_Questions::forget();
		RateBridge_Test_World::$now += 119;
		$this->assertSame( self::QUESTIONS, $this->questions() );
		$this->assertCount( 1, RateBridge_Test_World::$http_calls );

		RateBridge_Checkout_Questions::forget();
		RateBridge_Test_World::$now += 2;
		$this->answer_questions( array() );
		$this->assertSame( array(), $this->questions() );
		$this->assertCount( 2, RateBridge_Test_World::$http_calls );
	}

	public function test_a_new_connection_asks_again(): void {
		$this->connect();
		$this->answer_questions();
		$this->questions();
		RateBridge_Checkout_Questions::forget();

		$this->connect( array( 'key_id' => 'rbk_other' ) );
		$this->answer_questions( array() );
		$this->assertSame( array(), $this->questions() );
		$this->assertCount( 2, RateBridge_Test_World::$http_calls );
	}

	public function test_drops_questions_it_does_not_know_or_cannot_show(): void {
		$this->connect();
		$this->answer_questions(
			array(
				array( 'key' => 'forklift', 'label' => 'Forklift?', 'default' => true ),
				array( 'key' => 'tail_lift', 'label' => '', 'default' => true ),
				array( 'key' => 'hand_unload', 'label' => '<b>Hand</b> unload', 'default' => 'yes' ),
				array( 'key' => 'hand_unload', 'label' => 'Twice', 'default' => true ),
				'is_business',
			)
		);

		$this->assertSame( array( array( 'key' => 'hand_unload', 'label' => 'Hand unload', 'default' => false ) ), $this->questions() );
	}

	public function test_a_bridge_that_does_not_answer_means_no_questions_for_a_minute_and_opens_the_breaker(): void {
		$this->connect();
		RateBridge_Test_World::fail_transport( 'cURL error 28: Operation timed out' );

		$this->assertSame( array(), $this->questions() );
		$this->assertNotNull( RateBridge_Breaker::open_reason( RateBridge_Connection::load() ) );
		$this->assertStringContainsString( 'could not say which delivery questions to ask', $this->all_log_text() );

		// The next page in that minute waits for nothing (no response is queued: a call would throw).
		RateBridge_Checkout_Questions::forget();
		RateBridge_Test_World::$now += 30;
		$this->assertSame( array(), $this->questions() );
		$this->assertCount( 1, RateBridge_Test_World::$http_calls );

		// Nor does the rates request: the zone's fallback at once.
		$this->zone_settings( array( 'fallback_label' => 'Freight', 'fallback_cost' => '20.00' ) );
		$rates = $this->calculate();
		$this->assertSame( array( 'ratebridge:fallback' ), array_keys( $rates ) );
		$this->assertCount( 1, RateBridge_Test_World::$http_calls );
	}

	public function test_a_refusal_or_a_bad_body_means_no_questions_and_is_logged(): void {
		$this->connect();
		RateBridge_Test_World::respond( 401, $this->error_json( 'RB_ERR_UNAUTHENTICATED' ) );
		$this->assertSame( array(), $this->questions() );
		$this->assertStringContainsString( 'HTTP 401 RB_ERR_UNAUTHENTICATED', $this->all_log_text() );
		$this->assertStringNotContainsString( self::SECRET, $this->all_log_text() );

		RateBridge_Checkout_Questions::forget();
		RateBridge_Test_World::$now += 61;
		RateBridge_Test_World::respond( 200, '{"rates": []}' );
		$this->assertSame( array(), $this->questions() );
		$this->assertCount( 2, RateBridge_Test_World::$http_calls );
	}

	public function test_without_a_connection_or_outside_a_checkout_request_it_never_asks(): void {
		$this->assertSame( array(), $this->questions() );

		$this->connect();
		RateBridge_Test_Checkout::$is_admin = true;
		$this->assertSame( array(), RateBridge_Checkout_Fields::questions() );
		RateBridge_Test_Checkout::$is_admin = false;
		RateBridge_Test_Checkout::$doing_cron = true;
		$this->assertSame( array(), RateBridge_Checkout_Fields::questions() );
		RateBridge_Test_Checkout::$doing_cron = false;
		WC()->request_uri = '/wp-json/wc/v3/products';
		$this->assertSame( array(), RateBridge_Checkout_Fields::questions() );
		$this->assertCount( 0, RateBridge_Test_World::$http_calls );

		// The Store API (the block checkout) may.
		WC()->request_uri = '/wp-json/wc/store/v1/cart';
		$this->answer_questions();
		$this->assertSame( self::QUESTIONS, RateBridge_Checkout_Fields::questions() );
	}
}
