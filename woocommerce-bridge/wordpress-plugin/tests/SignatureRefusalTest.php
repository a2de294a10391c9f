<?php
declare(strict_types=1);

/**
 * A 401 from the bridge carries a code saying why. Only a refused key raises the "connector key refused" flag;
 * an expired signature means the clocks disagree, and a replayed one is a one-off.
 */
final class SignatureRefusalTest extends RateBridge_TestCase {

	private function last_log(): array {
		$this->assertNotEmpty( RateBridge_Test_World::$logs, 'a log line was written' );
		return RateBridge_Test_World::$logs[ array_key_last( RateBridge_Test_World::$logs ) ];
	}

	public static function key_refusals(): array {
		return array(
			'unknown or revoked key' => array( 401, '{"error":{"code":"RB_ERR_UNAUTHENTICATED","message":"The connector key is unknown or was revoked."}}' ),
			'wrong secret'           => array( 401, '{"error":{"code":"RB_ERR_SIGNATURE_INVALID","message":"Bad signature."}}' ),
			'no signature'           => array( 401, '{"error":{"code":"RB_ERR_SIGNATURE_MISSING","message":"Not signed."}}' ),
			'malformed signature'    => array( 401, '{"error":{"code":"RB_ERR_SIGNATURE_MALFORMED","message":"Malformed."}}' ),
			'empty body'             => array( 401, '' ),
			'not JSON'               => array( 401, '<html>401 Unauthorized</html>' ),
			'JSON without a code'    => array( 401, '{"error":"unauthorized"}' ),
		);
	}

	/** @dataProvider key_refusals */
	public function test_a_refused_key_falls_back_and_raises_the_flag( int $status, string $body ): void {
		$this->connect();
		RateBridge_Test_World::respond( $status, $body );

		$this->assertSame( array( 'ratebridge:fallback' ), array_keys( $this->calculate() ) );
		$this->assertTrue( RateBridge_Key_Status::is_refused() );
		$this->assertSame( 'error', $this->last_log()['level'] );
		$this->assertStringContainsString( 'connector key refused', $this->last_log()['message'] );
		$this->assertStringNotContainsString( self::SECRET, $this->all_log_text() );
	}

	public function test_an_expired_signature_logs_clock_skew_and_leaves_the_key_alone(): void {
		$this->connect();
		RateBridge_Test_World::respond( 401, $this->error_json( 'RB_ERR_SIGNATURE_EXPIRED' ) );

		$this->assertSame( array( 'ratebridge:fallback' ), array_keys( $this->calculate() ) );
		$this->assertFalse( RateBridge_Key_Status::is_refused() );
		$entry = $this->last_log();
		$this->assertSame( 'warning', $entry['level'] );
		$this->assertSame( array( 'source' => 'ratebridge' ), $entry['context'] );
		$this->assertStringContainsString( "the WordPress server's clock differs from RateBridge's by more than five minutes", $entry['message'] );
		$this->assertStringNotContainsString( 'connector key refused', $this->all_log_text() );
		$this->assertStringNotContainsString( self::SECRET, $this->all_log_text() );
	}

	public function test_a_replayed_signature_falls_back_quietly_and_leaves_the_key_alone(): void {
		$this->connect();
		RateBridge_Test_World::respond( 401, $this->error_json( 'RB_ERR_SIGNATURE_REPLAYED' ) );

		$this->assertSame( array( 'ratebridge:fallback' ), array_keys( $this->calculate() ) );
		$this->assertFalse( RateBridge_Key_Status::is_refused() );
		$this->assertContains( $this->last_log()['level'], array( 'info', 'debug' ) );
		$this->assertStringContainsString( 'replay', $this->last_log()['message'] );
		$this->assertStringNotContainsString( self::SECRET, $this->all_log_text() );
	}

	public function test_an_earlier_refusal_is_not_cleared_by_a_clock_or_replay_answer(): void {
		$this->connect();
		RateBridge_Test_World::respond( 401, $this->error_json( 'RB_ERR_UNAUTHENTICATED' ) );
		$this->calculate();
		RateBridge_Test_World::respond( 401, $this->error_json( 'RB_ERR_SIGNATURE_EXPIRED' ) );
		$this->calculate();

		$this->assertTrue( RateBridge_Key_Status::is_refused() );
	}

	public function test_another_401_code_falls_back_with_its_code_in_the_log_but_is_not_a_refused_key(): void {
		$this->connect();
		RateBridge_Test_World::respond( 401, $this->error_json( 'RB_ERR_SOMETHING_NEW' ) );

		$this->assertSame( array( 'ratebridge:fallback' ), array_keys( $this->calculate() ) );
		$this->assertFalse( RateBridge_Key_Status::is_refused() );
		$this->assertSame( 'warning', $this->last_log()['level'] );
		$this->assertStringContainsString( 'HTTP 401 RB_ERR_SOMETHING_NEW', $this->last_log()['message'] );
	}

	public function test_a_code_that_is_not_a_plain_code_is_not_written_to_the_log(): void {
		$this->connect();
		RateBridge_Test_World::respond( 503, $this->error_json( "RB_ERR_X\nFAKE LOG LINE " . self::SECRET ) );

		$this->calculate();

		$this->assertStringContainsString( 'HTTP 503', $this->last_log()['message'] );
		$this->assertStringNotContainsString( 'FAKE LOG LINE', $this->all_log_text() );
		$this->assertStringNotContainsString( self::SECRET, $this->all_log_text() );
	}
}
