<?php
declare(strict_types=1);

final class WebhooksTest extends RateBridge_TestCase {

	private const DELIVERY_URL = 'https://bridge.example.test/woocommerce/webhooks/wh_abc123';

	private function accepted( string $url = self::DELIVERY_URL ): void {
		RateBridge_Test_World::respond( 200, (string) json_encode( array(
			'registered_by' => 'plugin',
			'delivery_url'  => $url,
			'topics'        => array( 'product.created', 'product.updated', 'product.deleted' ),
		) ) );
	}

	/** @return array<string, WC_Webhook> by topic */
	private function saved(): array {
		$by_topic = array();
		foreach ( RateBridge_Test_World::$webhooks as $webhook ) {
			$by_topic[ $webhook->topic ] = $webhook;
		}
		ksort( $by_topic );
		return $by_topic;
	}

	/** Saves the store-wide settings screen as WooCommerce does. */
	private function save_settings(): RateBridge_Shipping_Method {
		$method = $this->method( 0 );
		$method->set_post_data( array(
			'woocommerce_ratebridge_bridge_url' => self::BRIDGE_URL,
			'woocommerce_ratebridge_key_id'     => self::KEY_ID,
			'woocommerce_ratebridge_key_secret' => '',
			'woocommerce_ratebridge_timeout'    => '3',
		) );
		$method->process_admin_options();
		return $method;
	}

	public function test_saving_the_settings_offers_a_signed_secret_and_saves_three_webhooks_as_that_admin(): void {
		$this->connect();
		RateBridge_Test_World::$current_user_id = 42;
		$this->accepted();

		$this->save_settings();

		$this->assertSame( array(), RateBridge_Test_World::$settings_errors );
		$call = RateBridge_Test_World::$http_calls[0];
		$this->assertSame( 'https://bridge.example.test/woocommerce/webhook-setup', $call['url'] );
		$body = json_decode( $call['args']['body'], true );
		$this->assertSame( 'register_webhooks', $body['action'] );
		$this->assertMatchesRegularExpression( '/^[0-9a-f]{48}$/', $body['secret'] );
		$this->assertMatchesRegularExpression( '/^[0-9a-f]{16}$/', $body['request_id'] );
		preg_match( '/^t=(\d+),v1=[0-9a-f]{64}$/', $call['args']['headers']['X-RateBridge-Signature'], $m );
		$this->assertSame( RateBridge_Signer::signature_header( self::SECRET, (int) $m[1], $call['args']['body'] ), $call['args']['headers']['X-RateBridge-Signature'] );

		$saved = $this->saved();
		$this->assertSame( array( 'product.created', 'product.deleted', 'product.updated' ), array_keys( $saved ) );
		foreach ( $saved as $topic => $webhook ) {
			$this->assertSame( 'RateBridge ' . $topic, $webhook->name );
			$this->assertSame( self::DELIVERY_URL, $webhook->delivery_url );
			$this->assertSame( $body['secret'], $webhook->secret );
			$this->assertSame( 42, $webhook->user_id );
			$this->assertSame( 'wp_api_v3', $webhook->api_version );
			$this->assertSame( 'active', $webhook->status );
			$this->assertSame( 0, $webhook->failure_count );
		}
		// As WooCommerce does for the webhooks it creates, each new one is pinged once.
		$this->assertSame( array_fill( 0, 3, self::DELIVERY_URL ), RateBridge_Test_World::$pings );
		$this->assertStringNotContainsString( $body['secret'], $this->all_log_text() );
		$this->assertStringNotContainsString( self::SECRET, $this->all_log_text() );
	}

	public function test_a_delivery_url_woocommerce_cannot_reach_is_said_on_the_settings_screen(): void {
		$this->connect();
		RateBridge_Test_World::$ping_error = 'cURL error 6: Could not resolve host';
		$this->accepted();

		$this->save_settings();

		$this->assertCount( 3, RateBridge_Test_World::$webhooks, 'saved all the same: the bridge may be back soon' );
		$this->assertStringContainsString( 'could not reach RateBridge', $this->settings_notices()[0] ?? '' );
		$this->assertSame( array(), RateBridge_Test_World::$settings_errors, "WooCommerce's \"saved\" stays: it hides behind any error" );
		$this->assertStringContainsString( 'Could not resolve host', $this->all_log_text() );
	}

	public function test_saving_again_keeps_the_secret_and_updates_the_same_webhooks(): void {
		$this->connect();
		$this->accepted();
		$this->save_settings();
		// WooCommerce disabled one after failed deliveries: saving again revives it with a clean count.
		$disabled                = $this->saved()['product.updated'];
		$disabled->status        = 'disabled';
		$disabled->failure_count = 6;
		$first = array_map( static fn ( WC_Webhook $w ): int => $w->id, $this->saved() );
		$this->accepted( 'https://bridge.example.test/woocommerce/webhooks/wh_moved' );

		$this->save_settings();

		$this->assertSame( $first, array_map( static fn ( WC_Webhook $w ): int => $w->id, $this->saved() ) );
		$this->assertCount( 3, RateBridge_Test_World::$pings, 'updates are not pinged again' );
		$this->assertCount( 3, RateBridge_Test_World::$webhooks );
		foreach ( $this->saved() as $webhook ) {
			$this->assertSame( 'https://bridge.example.test/woocommerce/webhooks/wh_moved', $webhook->delivery_url );
			$this->assertSame( array( 'active', 0 ), array( $webhook->status, $webhook->failure_count ) );
		}
		$secrets = array_map( static fn ( array $call ): string => json_decode( $call['args']['body'], true )['secret'], RateBridge_Test_World::$http_calls );
		$this->assertSame( $secrets[0], $secrets[1] );
	}

	public function test_when_ratebridge_registered_them_itself_the_plugin_keeps_none(): void {
		$this->connect();
		$this->accepted();
		$this->save_settings();
		RateBridge_Test_World::respond( 200, '{"registered_by":"ratebridge"}' );

		$this->assertTrue( RateBridge_Webhooks::register( RateBridge_Connection::load(), 1 ) );

		$this->assertSame( array(), RateBridge_Test_World::$webhooks );
		$this->assertArrayNotHasKey( RateBridge_Webhooks::SECRET_OPTION, RateBridge_Test_World::$options );
	}

	public function test_a_delivery_url_off_the_bridge_host_is_never_saved(): void {
		$this->connect();
		$this->accepted( 'https://evil.example.test/collect' );

		$result = RateBridge_Webhooks::register( RateBridge_Connection::load(), 1 );

		$this->assertInstanceOf( WP_Error::class, $result );
		$this->assertSame( array(), RateBridge_Test_World::$webhooks );
	}

	public function test_a_refused_key_or_an_unreachable_bridge_saves_nothing_and_says_why_on_the_settings_screen(): void {
		$this->connect();
		RateBridge_Test_World::respond( 401, $this->error_json( 'RB_ERR_UNAUTHENTICATED' ) );

		$this->save_settings();

		$this->assertSame( array(), RateBridge_Test_World::$webhooks );
		$this->assertTrue( RateBridge_Key_Status::is_refused() );
		$this->assertStringContainsString( 'refused the connector key', $this->settings_notices()[0] ?? '' );

		RateBridge_Test_World::fail_transport( 'cURL error 28: Operation timed out' );
		$this->save_settings();
		$this->assertSame( array(), RateBridge_Test_World::$webhooks );
		$this->assertStringContainsString( 'product changes reach RateBridge when you sync', $this->settings_notices()[1] ?? '' );
		$this->assertStringContainsString( 'did not answer at ' . self::BRIDGE_URL . ' (cURL error 28: Operation timed out)', $this->settings_notices()[1] ?? '' );
		$this->assertSame( array(), RateBridge_Test_World::$settings_errors );
	}

	public function test_zone_settings_and_unconnected_stores_call_nothing(): void {
		$this->save_settings();
		$this->assertSame( array(), RateBridge_Test_World::$http_calls );

		$this->connect();
		$_REQUEST['instance_id'] = (string) self::INSTANCE;
		$this->method()->process_admin_options();
		$this->assertSame( array(), RateBridge_Test_World::$http_calls );
	}

	public function test_uninstall_deletes_the_webhooks_and_the_secret(): void {
		$this->connect();
		$this->accepted();
		$this->save_settings();

		RateBridge_Webhooks::remove();

		$this->assertSame( array(), RateBridge_Test_World::$webhooks );
		$this->assertArrayNotHasKey( RateBridge_Webhooks::SECRET_OPTION, RateBridge_Test_World::$options );
		$this->assertArrayNotHasKey( RateBridge_Webhooks::IDS_OPTION, RateBridge_Test_World::$options );
	}

	public function test_a_store_not_yet_connected_in_ratebridge_is_told_ratebridges_own_words_beside_saved(): void {
		$this->connect();
		RateBridge_Test_World::respond( 409, (string) json_encode( array( 'error' => array( 'code' => 'RB_ERR_STORE_NOT_CONNECTED', 'message' => 'Connect this store in RateBridge first (Settings → Store), then save the plugin settings again.' ) ) ) );

		$this->save_settings();

		$this->assertSame( array(), RateBridge_Test_World::$webhooks );
		$this->assertSame( array(), RateBridge_Test_World::$settings_errors, "WooCommerce's \"saved\" stays" );
		$this->assertSame(
			array( 'RateBridge did not register the product webhooks: Connect this store in RateBridge first (Settings → Store), then save the plugin settings again. Until then, product changes reach RateBridge when you sync products there.' ),
			$this->settings_notices()
		);
	}

	public function test_the_notice_prints_once_escaped_and_a_refused_key_as_an_error(): void {
		$this->connect();
		RateBridge_Test_World::respond( 502, (string) json_encode( array( 'error' => array( 'code' => 'RB_ERR_INTERNAL', 'message' => '<script>x</script>Bad   gateway' ) ) ) );
		$this->save_settings();
		RateBridge_Test_World::respond( 401, $this->error_json( 'RB_ERR_UNAUTHENTICATED' ) );
		$this->save_settings();

		ob_start();
		RateBridge_Settings_Notice::render();
		$html = (string) ob_get_clean();
		ob_start();
		RateBridge_Settings_Notice::render();
		$this->assertSame( '', ob_get_clean(), 'printed once' );

		$this->assertStringNotContainsString( '<script>', $html );
		$this->assertStringContainsString( 'RateBridge did not register the product webhooks: xBad gateway', $html );
		$this->assertSame( 1, substr_count( $html, 'notice-warning' ) );
		$this->assertSame( 1, substr_count( $html, 'notice-error' ) );
		$this->assertStringNotContainsString( self::SECRET, $html );
	}
}
