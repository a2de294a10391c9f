<?php
declare(strict_types=1);

final class AdminLinkTest extends RateBridge_TestCase {

	private function open(): RateBridge_Test_Redirected|RateBridge_Test_Died {
		try {
			RateBridge_Admin_Link::handle();
		} catch ( RateBridge_Test_Redirected | RateBridge_Test_Died $ended ) {
			return $ended;
		}
		$this->fail( 'handle() must end the request' );
	}

	public function test_the_plugins_screen_gets_settings_and_open_ratebridge_links(): void {
		$links = apply_filters( 'plugin_action_links_ratebridge-shipping/ratebridge-shipping.php', array( 'deactivate' => '<a href="#">Deactivate</a>' ) );

		$this->assertSame( array( 'settings', 'open-ratebridge', 'deactivate' ), array_keys( $links ) );
		$this->assertStringContainsString( 'admin-post.php?action=ratebridge_open_admin&amp;_wpnonce=', $links['open-ratebridge'] );
		$this->assertStringContainsString( '>Open RateBridge<', $links['open-ratebridge'] );
		$this->assertStringContainsString( 'section=ratebridge', $links['settings'] );
	}

	public function test_the_settings_screens_link_to_open_ratebridge_without_calling_the_bridge(): void {
		$this->connect();

		$store_html = $this->method( 0 )->get_admin_options_html();
		$zone_html  = $this->method()->get_admin_options_html();

		foreach ( array( $store_html, $zone_html ) as $html ) {
			$this->assertStringContainsString( 'admin-post.php?action=ratebridge_open_admin&amp;_wpnonce=', $html );
			$this->assertStringContainsString( 'Open RateBridge', $html );
		}
		$this->assertStringContainsString( 'Connection settings', $zone_html );
		$this->assertSame( array(), RateBridge_Test_World::$http_calls, 'nothing is requested on page load' );
	}

	public function test_clicking_posts_a_signed_admin_login_and_redirects_to_the_one_time_url(): void {
		$this->connect();
		RateBridge_Test_World::respond( 200, '{"url":"https://bridge.example.test/admin/login?token=one-time-abc"}' );

		$ended = $this->open();

		$this->assertInstanceOf( RateBridge_Test_Redirected::class, $ended );
		$this->assertSame( 'https://bridge.example.test/admin/login?token=one-time-abc', $ended->location );
		$call = RateBridge_Test_World::$http_calls[0];
		$this->assertSame( 'https://bridge.example.test/woocommerce/admin-link', $call['url'] );
		$this->assertMatchesRegularExpression( '/^\{"action":"admin_login","request_id":"[0-9a-f]{16}"\}$/', $call['args']['body'] );
		$this->assertSame( self::KEY_ID, $call['args']['headers']['X-RateBridge-Key'] );
		preg_match( '/^t=(\d+),v1=[0-9a-f]{64}$/', $call['args']['headers']['X-RateBridge-Signature'], $m );
		$this->assertSame( RateBridge_Signer::signature_header( self::SECRET, (int) $m[1], $call['args']['body'] ), $call['args']['headers']['X-RateBridge-Signature'] );
	}

	public function test_two_clicks_in_the_same_second_are_signed_differently(): void {
		$this->connect();
		$clock = static fn (): int => 1700000000;
		RateBridge_Test_World::respond( 200, '{"url":"https://bridge.example.test/admin/login?token=a"}' );
		RateBridge_Test_World::respond( 200, '{"url":"https://bridge.example.test/admin/login?token=b"}' );

		RateBridge_Admin_Link::request_login_url( RateBridge_Connection::load(), $clock );
		RateBridge_Admin_Link::request_login_url( RateBridge_Connection::load(), $clock );

		[ $first, $second ] = RateBridge_Test_World::$http_calls;
		$this->assertSame( $this->body_without_request_id( 0 ), $this->body_without_request_id( 1 ) );
		$this->assertNotSame( $first['args']['body'], $second['args']['body'] );
		$this->assertNotSame( $first['args']['headers']['X-RateBridge-Signature'], $second['args']['headers']['X-RateBridge-Signature'] );
	}

	public function test_an_expired_signature_is_explained_as_clock_skew_not_as_a_refused_key(): void {
		$this->connect();
		RateBridge_Test_World::respond( 401, $this->error_json( 'RB_ERR_SIGNATURE_EXPIRED' ) );

		$ended = $this->open();

		$this->assertInstanceOf( RateBridge_Test_Died::class, $ended );
		$this->assertStringContainsString( 'clock', $ended->getMessage() );
		$this->assertStringNotContainsString( 'refused the connector key', $ended->getMessage() );
		$this->assertFalse( RateBridge_Key_Status::is_refused() );
		$this->assertStringContainsString( "the WordPress server's clock differs from RateBridge's by more than five minutes", $this->all_log_text() );
		$this->assertStringNotContainsString( self::SECRET, $this->all_log_text() . $ended->getMessage() );
	}

	public function test_a_replayed_signature_asks_to_try_again_without_flagging_the_key(): void {
		$this->connect();
		RateBridge_Test_World::respond( 401, $this->error_json( 'RB_ERR_SIGNATURE_REPLAYED' ) );

		$ended = $this->open();

		$this->assertInstanceOf( RateBridge_Test_Died::class, $ended );
		$this->assertStringContainsString( 'try again', $ended->getMessage() );
		$this->assertFalse( RateBridge_Key_Status::is_refused() );
	}

	public function test_a_revoked_key_with_a_coded_answer_raises_the_notice(): void {
		$this->connect();
		RateBridge_Test_World::respond( 401, $this->error_json( 'RB_ERR_UNAUTHENTICATED' ) );

		$this->assertStringContainsString( 'refused the connector key', $this->open()->getMessage() );
		$this->assertTrue( RateBridge_Key_Status::is_refused() );
	}

	public function test_a_key_whose_maker_was_removed_says_so_and_asks_an_owner_for_a_new_key(): void {
		$this->connect();
		// The bridge's own message is never shown: only the plugin's translatable, escaped text.
		RateBridge_Test_World::respond( 403, (string) json_encode( array( 'error' => array( 'code' => 'RB_ERR_KEY_MAKER_REMOVED', 'message' => '<b>gone</b>' ) ) ) );

		$ended = $this->open();

		$this->assertInstanceOf( RateBridge_Test_Died::class, $ended );
		$message = $ended->getMessage();
		$this->assertStringContainsString( 'The person who made this connector key no longer belongs to the RateBridge store', $message );
		$this->assertStringContainsString( 'An owner should create a new key in RateBridge (Connector keys) and paste it here.', $message );
		$this->assertStringNotContainsString( 'did not answer with a login link', $message );
		$this->assertStringNotContainsString( 'gone', $message );
		$this->assertSame( esc_html( $message ), $message, 'the message is already escaped, and escapes to itself' );
		// The key still signs the checkout: it is not flagged as refused, so no "paste a new key" notice on every page.
		$this->assertFalse( RateBridge_Key_Status::is_refused() );
		$this->assertStringContainsString( 'HTTP 403 RB_ERR_KEY_MAKER_REMOVED', $this->all_log_text() );
		$this->assertStringContainsString( 'was removed from the store', $this->all_log_text() );
		$this->assertStringNotContainsString( self::SECRET, $this->all_log_text() . $message );
	}

	public function test_users_who_cannot_manage_woocommerce_are_refused_before_any_request(): void {
		$this->connect();
		RateBridge_Test_World::$user_can_manage = false;

		$ended = $this->open();

		$this->assertInstanceOf( RateBridge_Test_Died::class, $ended );
		$this->assertSame( 403, $ended->status );
		$this->assertSame( array(), RateBridge_Test_World::$http_calls );
	}

	public function test_a_missing_or_stale_nonce_is_refused_before_any_request(): void {
		$this->connect();
		RateBridge_Test_World::$nonce_valid = false;

		$ended = $this->open();

		$this->assertInstanceOf( RateBridge_Test_Died::class, $ended );
		$this->assertSame( array(), RateBridge_Test_World::$http_calls );
	}

	public function test_a_refused_key_explains_itself_and_raises_the_notice(): void {
		$this->connect();
		RateBridge_Test_World::respond( 401, '' );

		$ended = $this->open();

		$this->assertInstanceOf( RateBridge_Test_Died::class, $ended );
		$this->assertStringContainsString( 'refused the connector key', $ended->getMessage() );
		$this->assertTrue( RateBridge_Key_Status::is_refused() );
		$this->assertStringContainsString( 'connector key refused', $this->all_log_text() );
		$this->assertStringNotContainsString( self::SECRET, $this->all_log_text() . $ended->getMessage() );
	}

	public function test_a_link_to_another_host_is_not_followed(): void {
		$this->connect();
		RateBridge_Test_World::respond( 200, '{"url":"https://evil.example/phish"}' );

		$ended = $this->open();

		$this->assertInstanceOf( RateBridge_Test_Died::class, $ended );
		$this->assertStringContainsString( 'another host', $ended->getMessage() );
	}

	public function test_an_unreachable_bridge_or_a_bad_answer_explains_itself(): void {
		$this->connect();
		RateBridge_Test_World::fail_transport( 'cURL error 28: timed out' );
		$this->assertStringContainsString( 'did not answer with a login link', $this->open()->getMessage() );

		RateBridge_Test_World::respond( 200, '{"link":"nope"}' );
		$this->assertStringContainsString( 'did not answer with a login link', $this->open()->getMessage() );
	}

	public function test_a_store_that_is_not_connected_is_told_what_to_fill_in(): void {
		$ended = $this->open();

		$this->assertInstanceOf( RateBridge_Test_Died::class, $ended );
		$this->assertStringContainsString( 'not connected yet', $ended->getMessage() );
		$this->assertSame( array(), RateBridge_Test_World::$http_calls );
	}
}
