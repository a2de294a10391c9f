<?php
declare(strict_types=1);

/**
 * "Connect to RateBridge": the button, the start (state + PKCE verifier kept here, only its hash sent), the
 * return (state checked once, the code traded server-to-server) and every way it can go wrong.
 */
final class OneClickTest extends RateBridge_TestCase {

	private const CODE       = 'rbc_' . 'C0de0neTimeHandleOnly_AAAAAAAAAAAAAAAAAAAAA';
	private const NEW_KEY    = 'rbk_NewKeyFromOneClick0000';
	private const NEW_SECRET = 'rbs_' . 'oneClickCanarySecret_9999999999999999999999';

	private function end( callable $handler ): RateBridge_Test_Redirected|RateBridge_Test_Died {
		try {
			$handler();
		} catch ( RateBridge_Test_Redirected | RateBridge_Test_Died $ended ) {
			return $ended;
		}
		$this->fail( 'the handler must end the request' );
	}

	/** Starts an attempt as the button would; answers the query RateBridge was sent. */
	private function start(): array {
		$_POST[ RateBridge_One_Click::NONCE_FIELD ] = 'nonce';
		$_POST['woocommerce_ratebridge_bridge_url'] = 'https://bridge.example.test/';
		$ended = $this->end( array( RateBridge_One_Click::class, 'handle_start' ) );
		$this->assertInstanceOf( RateBridge_Test_Redirected::class, $ended );
		$this->assertStringStartsWith( 'https://bridge.example.test/woocommerce/one-click?', $ended->location );
		parse_str( (string) parse_url( $ended->location, PHP_URL_QUERY ), $query );
		return $query;
	}

	private function return_with( array $query ): RateBridge_Test_Redirected|RateBridge_Test_Died {
		$_GET = $query;
		return $this->end( array( RateBridge_One_Click::class, 'handle_return' ) );
	}

	private function exchange_answer(): string {
		return (string) json_encode( array( 'bridge_url' => 'https://bridge.example.test', 'key_id' => self::NEW_KEY, 'key_secret' => self::NEW_SECRET ) );
	}

	protected function tearDown(): void {
		$_GET = array();
		parent::tearDown();
	}

	public function test_the_settings_show_connect_to_ratebridge_posting_the_form_to_admin_post_without_calling_the_bridge(): void {
		$html = $this->method( 0 )->get_admin_options_html();

		$this->assertStringContainsString( '>Connect to RateBridge</button>', $html );
		$this->assertStringContainsString( 'formaction="https://shop.example/wp-admin/admin-post.php?action=ratebridge_connect"', $html );
		$this->assertStringContainsString( 'name="ratebridge_connect_nonce" value="' . wp_create_nonce( 'ratebridge_connect' ) . '"', $html );
		$this->assertStringContainsString( 'Connector key secret', $html, 'pasting by hand stays the fallback' );
		$this->assertSame( array(), RateBridge_Test_World::$http_calls );
	}

	public function test_connect_sends_the_store_its_return_page_a_state_and_only_the_verifiers_hash(): void {
		$query   = $this->start();
		$pending = get_transient( RateBridge_One_Click::PENDING . '1' );

		$this->assertSame( 'https://shop.example', $query['store_url'] );
		$this->assertSame( 'https://shop.example/wp-admin/admin-post.php?action=ratebridge_connect_return', $query['return_url'] );
		$this->assertSame( $pending['state'], $query['state'] );
		$this->assertMatchesRegularExpression( '/^[A-Za-z0-9_-]{43,128}$/', $pending['verifier'] );
		$this->assertSame( rtrim( strtr( base64_encode( hash( 'sha256', $pending['verifier'], true ) ), '+/', '-_' ), '=' ), $query['code_challenge'] );
		$this->assertSame( 'S256', $query['code_challenge_method'] );
		$this->assertStringNotContainsString( $pending['verifier'], (string) json_encode( $query ) );
		$this->assertSame( 'https://bridge.example.test', $pending['bridge_url'] );
		$this->assertSame( array(), RateBridge_Test_World::$http_calls, 'nothing is requested before the merchant approves' );
	}

	public function test_coming_back_trades_the_code_server_to_server_and_saves_the_key_outside_the_settings_array(): void {
		$query = $this->start();
		RateBridge_Test_World::respond( 200, $this->exchange_answer() );
		RateBridge_Test_World::respond( 200, '{"registered_by":"ratebridge"}' );

		$ended = $this->return_with( array( 'state' => $query['state'], 'ratebridge_code' => self::CODE ) );

		$this->assertInstanceOf( RateBridge_Test_Redirected::class, $ended );
		$this->assertStringContainsString( 'section=ratebridge&ratebridge_connected=1', $ended->location );
		$exchange = RateBridge_Test_World::$http_calls[0];
		$this->assertSame( 'https://bridge.example.test/woocommerce/one-click/exchange', $exchange['url'] );
		$pending_verifier = json_decode( $exchange['args']['body'], true )['code_verifier'];
		$this->assertSame( array( 'code' => self::CODE, 'code_verifier' => $pending_verifier, 'store_url' => 'https://shop.example' ), json_decode( $exchange['args']['body'], true ) );
		$this->assertSame( 0, $exchange['args']['redirection'] );
		$this->assertArrayNotHasKey( 'X-RateBridge-Signature', $exchange['args']['headers'] );
		$connection = RateBridge_Connection::load();
		$this->assertSame( array( 'https://bridge.example.test', self::NEW_KEY, self::NEW_SECRET ), array( $connection->bridge_url, $connection->key_id, $connection->key_secret() ) );
		$this->assertStringNotContainsString( self::NEW_SECRET, (string) json_encode( get_option( RateBridge_Connection::SETTINGS_OPTION ) ) );
		$this->assertSame( 'https://bridge.example.test/woocommerce/webhook-setup', RateBridge_Test_World::$http_calls[1]['url'], 'the read-only store gets its webhooks offered, as on save' );
		$this->assertFalse( get_transient( RateBridge_One_Click::PENDING . '1' ) );
	}

	public function test_a_state_that_is_not_this_users_or_is_used_twice_is_refused_before_any_request(): void {
		$query = $this->start();

		$forged = $this->return_with( array( 'state' => 'not-' . $query['state'], 'ratebridge_code' => self::CODE ) );
		$this->assertInstanceOf( RateBridge_Test_Died::class, $forged );
		$this->assertStringContainsString( 'expired or was started in another browser', $forged->getMessage() );
		$again = $this->return_with( array( 'state' => $query['state'], 'ratebridge_code' => self::CODE ) );
		$this->assertInstanceOf( RateBridge_Test_Died::class, $again, 'a failed return spends the attempt' );
		$this->assertSame( array(), RateBridge_Test_World::$http_calls );
		$this->assertFalse( RateBridge_Connection::load()->is_complete() );
	}

	public function test_cancelling_in_ratebridge_changes_nothing(): void {
		$this->connect();
		$query = $this->start();

		$ended = $this->return_with( array( 'state' => $query['state'], 'error' => 'access_denied' ) );

		$this->assertStringContainsString( 'cancelled', $ended->getMessage() );
		$this->assertSame( self::KEY_ID, RateBridge_Connection::load()->key_id );
		$this->assertSame( array(), RateBridge_Test_World::$http_calls );
	}

	public function test_a_refused_code_says_connect_again_and_keeps_the_old_connection(): void {
		$this->connect();
		$query = $this->start();
		RateBridge_Test_World::respond( 401, $this->error_json( 'RB_ERR_ONE_CLICK_CODE_INVALID' ) );

		$ended = $this->return_with( array( 'state' => $query['state'], 'ratebridge_code' => self::CODE ) );

		$this->assertInstanceOf( RateBridge_Test_Died::class, $ended );
		$this->assertStringContainsString( 'expired or was already used', $ended->getMessage() );
		$this->assertSame( self::KEY_ID, RateBridge_Connection::load()->key_id );
		$this->assertStringContainsString( 'refused the one-click connection code', $this->all_log_text() );
	}

	public function test_an_unreachable_bridge_or_an_answer_without_a_key_explains_itself_without_logging_secrets(): void {
		$query = $this->start();
		RateBridge_Test_World::fail_transport( 'cURL error 28: timed out' );
		$ended = $this->return_with( array( 'state' => $query['state'], 'ratebridge_code' => self::CODE ) );
		$this->assertStringContainsString( 'did not answer with a connector key', $ended->getMessage() );

		$query = $this->start();
		RateBridge_Test_World::respond( 200, (string) json_encode( array( 'key_id' => 'nope', 'key_secret' => self::NEW_SECRET ) ) );
		$ended = $this->return_with( array( 'state' => $query['state'], 'ratebridge_code' => self::CODE ) );
		$this->assertStringContainsString( 'did not answer with a connector key', $ended->getMessage() );
		$this->assertFalse( RateBridge_Connection::load()->is_complete() );
		$this->assertStringNotContainsString( self::NEW_SECRET, $this->all_log_text() . $ended->getMessage() );
	}

	public function test_a_return_without_a_code_is_refused(): void {
		$query = $this->start();

		$ended = $this->return_with( array( 'state' => $query['state'], 'ratebridge_code' => 'rbc_short' ) );

		$this->assertStringContainsString( 'no connection code', $ended->getMessage() );
		$this->assertSame( array(), RateBridge_Test_World::$http_calls );
	}

	public function test_only_store_managers_with_a_valid_nonce_can_start_or_return(): void {
		RateBridge_Test_World::$nonce_valid = false;
		$this->assertSame( 403, $this->end( array( RateBridge_One_Click::class, 'handle_start' ) )->status );

		RateBridge_Test_World::$nonce_valid     = true;
		RateBridge_Test_World::$user_can_manage = false;
		$this->assertSame( 403, $this->end( array( RateBridge_One_Click::class, 'handle_start' ) )->status );
		$this->assertSame( 403, $this->return_with( array( 'state' => 'x', 'ratebridge_code' => self::CODE ) )->status );
		$this->assertFalse( get_transient( RateBridge_One_Click::PENDING . '1' ) );
	}

	public function test_connect_without_any_bridge_url_asks_for_one(): void {
		$_POST[ RateBridge_One_Click::NONCE_FIELD ] = 'nonce';

		$ended = $this->end( array( RateBridge_One_Click::class, 'handle_start' ) );

		$this->assertInstanceOf( RateBridge_Test_Died::class, $ended );
		$this->assertStringContainsString( 'Enter the bridge URL', $ended->getMessage() );
	}

	public function test_the_settings_page_says_connected_after_the_return(): void {
		$this->connect();
		$_GET[ RateBridge_One_Click::DONE_ARG ] = '1';

		ob_start();
		RateBridge_One_Click::render_connected_notice();
		$this->assertStringContainsString( 'Connected. Checkout now asks RateBridge for live rates.', (string) ob_get_clean() );
	}
}
