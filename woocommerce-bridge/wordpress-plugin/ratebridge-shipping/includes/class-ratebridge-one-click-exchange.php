<?php
/**
 * The server-to-server half of one-click connect: trading the code for the connector key.
 *
 * @package RateBridge_Shipping
 */

declare(strict_types=1);

defined( 'ABSPATH' ) || exit;

/**
 * POSTs `{"code","code_verifier","store_url"}` to the bridge's exchange endpoint, from this server (never the
 * browser), and reads `{"bridge_url","key_id","key_secret"}` from the answer's body. The code came through the
 * browser and is only a handle: without the verifier, which never left this server, it is worth nothing.
 */
final class RateBridge_One_Click_Exchange {

	public const PATH    = '/woocommerce/one-click/exchange';
	public const TIMEOUT = 10.0;

	/**
	 * Exchanges a code for the connector key.
	 *
	 * @param string $bridge_url Bridge base URL (the one the merchant was sent to).
	 * @param string $code       The code from the return URL.
	 * @param string $verifier   The verifier kept since the start.
	 * @return array{key_id: string, key_secret: string}|WP_Error
	 */
	public static function exchange( string $bridge_url, string $code, #[\SensitiveParameter] string $verifier ): array|WP_Error {
		$body     = wp_json_encode(
			array(
				'code'          => $code,
				'code_verifier' => $verifier,
				'store_url'     => home_url(),
			)
		);
		$response = wp_remote_post(
			$bridge_url . self::PATH,
			array(
				'timeout'     => self::TIMEOUT,
				'redirection' => 0,
				'user-agent'  => 'RateBridgeShipping/' . RATEBRIDGE_SHIPPING_VERSION,
				'headers'     => array(
					'Content-Type' => 'application/json',
					'Accept'       => 'application/json',
				),
				'body'        => is_string( $body ) ? $body : '{}',
			)
		);
		$reply    = is_wp_error( $response )
			? RateBridge_Bridge_Reply::transport_failure( $response->get_error_message() )
			: RateBridge_Bridge_Reply::response( (int) wp_remote_retrieve_response_code( $response ), (string) wp_remote_retrieve_body( $response ) );
		return self::key_of( $reply );
	}

	/**
	 * The key in a reply, or why there is none (message fit for the merchant; nothing secret in the log).
	 *
	 * @param RateBridge_Bridge_Reply $reply The exchange's answer.
	 * @return array{key_id: string, key_secret: string}|WP_Error
	 */
	private static function key_of( RateBridge_Bridge_Reply $reply ): array|WP_Error {
		$decoded = 200 === $reply->status ? $reply->json_object() : null;
		$key_id  = is_array( $decoded ) && is_string( $decoded['key_id'] ?? null ) ? $decoded['key_id'] : '';
		$secret  = is_array( $decoded ) && is_string( $decoded['key_secret'] ?? null ) ? $decoded['key_secret'] : '';
		if ( 1 === preg_match( '/^rbk_[A-Za-z0-9_-]{22}$/', $key_id ) && 1 === preg_match( '/^rbs_[A-Za-z0-9_-]{43}$/', $secret ) ) {
			return array(
				'key_id'     => $key_id,
				'key_secret' => $secret,
			);
		}
		$log = new RateBridge_Log( $secret );
		if ( 'RB_ERR_ONE_CLICK_CODE_INVALID' === $reply->error_code() ) {
			$log->warning( sprintf( 'RateBridge refused the one-click connection code (%s).', $reply->describe() ) );
			return new WP_Error( 'ratebridge_code_refused', __( 'RateBridge did not accept this connection (it expired or was already used). Click "Connect to RateBridge" again.', 'ratebridge-shipping' ) );
		}
		$log->warning( sprintf( 'RateBridge one-click exchange failed: %s.', $reply->describe() ) );
		return new WP_Error( 'ratebridge_unreachable', __( 'RateBridge did not answer with a connector key. Check that this server can reach RateBridge, then click "Connect to RateBridge" again, or paste a key by hand.', 'ratebridge-shipping' ) );
	}
}
