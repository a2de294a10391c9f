<?php
/**
 * "Open RateBridge": a one-time signed login into the standalone admin.
 *
 * @package RateBridge_Shipping
 */

declare(strict_types=1);

defined( 'ABSPATH' ) || exit;

/**
 * The link points at admin-post.php (nonce + manage_woocommerce). Only when it is clicked does the plugin
 * POST a signed `{"action":"admin_login","request_id":"<16 hex>"}` to the bridge, which answers `{"url": "..."}`; the merchant is
 * then redirected there. Nothing is requested on page load.
 */
final class RateBridge_Admin_Link {

	public const ACTION = 'ratebridge_open_admin';

	/**
	 * The nonce-protected URL that starts the login.
	 */
	public static function open_url(): string {
		return wp_nonce_url( admin_url( 'admin-post.php?action=' . self::ACTION ), self::ACTION );
	}

	/**
	 * WooCommerce > Settings > Shipping > RateBridge.
	 */
	public static function settings_url(): string {
		return admin_url( 'admin.php?page=wc-settings&tab=shipping&section=' . RateBridge_Connection::METHOD_ID );
	}

	/**
	 * Adds "Settings" and "Open RateBridge" to the plugin's row on the Plugins screen.
	 *
	 * @param array<int|string, string> $links Existing links.
	 * @return array<int|string, string>
	 */
	public static function add_plugin_action_links( $links ) {
		$ours = array(
			'settings'        => sprintf( '<a href="%s">%s</a>', esc_url( self::settings_url() ), esc_html__( 'Settings', 'ratebridge-shipping' ) ),
			'open-ratebridge' => sprintf( '<a href="%s">%s</a>', esc_url( self::open_url() ), esc_html__( 'Open RateBridge', 'ratebridge-shipping' ) ),
		);
		return array_merge( $ours, is_array( $links ) ? $links : array() );
	}

	/**
	 * admin-post.php handler: checks, asks the bridge, redirects. Never returns.
	 */
	public static function handle(): void {
		if ( ! current_user_can( 'manage_woocommerce' ) ) {
			wp_die( esc_html__( 'You are not allowed to open RateBridge.', 'ratebridge-shipping' ), '', array( 'response' => 403 ) );
		}
		check_admin_referer( self::ACTION );

		$connection = RateBridge_Connection::load();
		$target     = self::request_login_url( $connection );
		if ( is_wp_error( $target ) ) {
			wp_die(
				esc_html( $target->get_error_message() ),
				esc_html__( 'RateBridge', 'ratebridge-shipping' ),
				array(
					'response'  => 502,
					'back_link' => true,
				)
			);
		}

		$bridge_host = $connection->bridge_host();
		add_filter(
			'allowed_redirect_hosts',
			static function ( $hosts ) use ( $bridge_host ) {
				$hosts   = is_array( $hosts ) ? $hosts : array();
				$hosts[] = $bridge_host;
				return $hosts;
			}
		);
		wp_safe_redirect( $target );
		exit;
	}

	/**
	 * Asks the bridge for a one-time login URL.
	 *
	 * @param RateBridge_Connection $connection Saved connection.
	 * @param Closure|null          $clock      Unix seconds for signing; time() when null.
	 * @return string|WP_Error The URL, or why there is none (message fit for the merchant).
	 */
	public static function request_login_url( RateBridge_Connection $connection, ?Closure $clock = null ): string|WP_Error {
		if ( ! $connection->is_complete() ) {
			return new WP_Error( 'ratebridge_not_connected', __( 'RateBridge is not connected yet: enter the bridge URL, key id and key secret in the RateBridge shipping settings.', 'ratebridge-shipping' ) );
		}

		$log  = new RateBridge_Log( $connection->key_secret() );
		$body = wp_json_encode( RateBridge_Bridge_Client::with_request_id( array( 'action' => 'admin_login' ) ) );
		if ( ! is_string( $body ) ) {
			return new WP_Error( 'ratebridge_unreachable', __( 'RateBridge did not answer with a login link. Check the bridge URL and try again in a moment.', 'ratebridge-shipping' ) );
		}
		$reply = ( new RateBridge_Bridge_Client( $connection, $clock ) )->post( RateBridge_Bridge_Client::ADMIN_LINK_PATH, $body );

		if ( $reply->is_key_refused() ) {
			RateBridge_Key_Status::mark_refused( $connection->key_id );
			$log->error( sprintf( 'RateBridge: connector key refused (%s) for key id "%s" while opening the admin.', $reply->describe(), $connection->key_id ) );
			return new WP_Error( 'ratebridge_key_refused', __( 'RateBridge refused the connector key: it was revoked or is wrong. Create a new key in RateBridge and paste it into the settings.', 'ratebridge-shipping' ) );
		}
		if ( $reply->is_signature_expired() ) {
			$log->warning( sprintf( "RateBridge refused the admin link request's signature as expired (%s): the WordPress server's clock differs from RateBridge's by more than five minutes.", $reply->describe() ) );
			return new WP_Error( 'ratebridge_clock_skew', __( "RateBridge refused the request because this server's clock differs from RateBridge's by more than five minutes. Ask your host to set the server's clock (NTP), then try again.", 'ratebridge-shipping' ) );
		}
		if ( $reply->is_signature_replayed() ) {
			$log->info( sprintf( 'RateBridge refused the admin link request as a replay (%s).', $reply->describe() ) );
			return new WP_Error( 'ratebridge_replayed', __( 'RateBridge saw this request twice and refused the second. Please try again.', 'ratebridge-shipping' ) );
		}
		if ( $reply->is_key_maker_removed() ) {
			// Not a refused key: it still signs the checkout, so the settings notice stays down.
			$log->warning( sprintf( 'RateBridge refused to open the admin (%s): the person who made connector key id "%s" was removed from the store.', $reply->describe(), $connection->key_id ) );
			return new WP_Error( 'ratebridge_key_maker_removed', __( 'The person who made this connector key no longer belongs to the RateBridge store, so it cannot open RateBridge (it still answers your checkout rates). An owner should create a new key in RateBridge (Connector keys) and paste it here.', 'ratebridge-shipping' ) );
		}

		$decoded = $reply->json_object();
		$url     = is_array( $decoded ) && is_string( $decoded['url'] ?? null ) ? $decoded['url'] : '';
		if ( '' === $url ) {
			$log->warning( sprintf( 'RateBridge admin link request failed: %s.', $reply->describe() ) );
			return new WP_Error( 'ratebridge_unreachable', __( 'RateBridge did not answer with a login link. Check the bridge URL and try again in a moment.', 'ratebridge-shipping' ) );
		}

		// The login link must lead to the bridge itself, never to wherever a response says.
		$scheme = wp_parse_url( $url, PHP_URL_SCHEME );
		$host   = wp_parse_url( $url, PHP_URL_HOST );
		if ( ! in_array( $scheme, array( 'https', 'http' ), true ) || ! is_string( $host ) || strtolower( $host ) !== $connection->bridge_host() ) {
			$log->error( 'RateBridge admin link pointed away from the bridge host; refused to redirect.' );
			return new WP_Error( 'ratebridge_bad_link', __( 'RateBridge answered with a login link for another host; it was not followed.', 'ratebridge-shipping' ) );
		}

		RateBridge_Key_Status::clear();
		return $url;
	}
}
