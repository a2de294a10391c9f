<?php
/**
 * "Connect to RateBridge": one click from the settings to a connected store.
 *
 * @package RateBridge_Shipping
 */

declare(strict_types=1);

defined( 'ABSPATH' ) || exit;

/**
 * The merchant clicks "Connect to RateBridge" (admin-post.php, nonce + manage_woocommerce). The plugin keeps
 * a random state and a PKCE verifier for that user (a transient, 15 minutes) and sends the browser to
 * `<bridge>/woocommerce/one-click` with the store's home URL, its return page, the state and the verifier's
 * SHA-256. There the merchant approves once and WooCommerce's own key grant gives RateBridge read-only REST
 * keys; the browser comes back to the return page with a single-use code. The plugin checks the state and
 * trades the code, with the verifier, for the connector key in a call of its own (RateBridge_One_Click_Exchange):
 * the secret is never in a URL and never shown. Pasting the key by hand stays the fallback.
 */
final class RateBridge_One_Click {

	public const START_ACTION  = 'ratebridge_connect';
	public const RETURN_ACTION = 'ratebridge_connect_return';
	public const NONCE_FIELD   = 'ratebridge_connect_nonce';
	public const PENDING       = 'ratebridge_one_click_';
	public const PENDING_TTL   = 900;
	public const DONE_ARG      = 'ratebridge_connected';

	/**
	 * admin-post.php handler for the button: checks, remembers the attempt, redirects to RateBridge.
	 */
	public static function handle_start(): void {
		if ( ! current_user_can( 'manage_woocommerce' ) ) {
			wp_die( esc_html__( 'You are not allowed to connect RateBridge.', 'ratebridge-shipping' ), '', array( 'response' => 403 ) );
		}
		check_admin_referer( self::START_ACTION, self::NONCE_FIELD );
		$bridge_url = self::bridge_url_from_request();
		if ( '' === $bridge_url ) {
			wp_die( esc_html__( 'Enter the bridge URL (the address of your RateBridge, starting with https://) first, then click "Connect to RateBridge".', 'ratebridge-shipping' ), esc_html__( 'RateBridge', 'ratebridge-shipping' ), array( 'response' => 400, 'back_link' => true ) );
		}
		$target = self::start_url( $bridge_url, get_current_user_id() );
		$host   = strtolower( (string) wp_parse_url( $bridge_url, PHP_URL_HOST ) );
		add_filter(
			'allowed_redirect_hosts',
			static function ( $hosts ) use ( $host ) {
				$hosts   = is_array( $hosts ) ? $hosts : array();
				$hosts[] = $host;
				return $hosts;
			}
		);
		wp_safe_redirect( $target );
		exit;
	}

	/**
	 * Starts an attempt for a user: remembers its state and verifier, answers where to send the browser.
	 *
	 * @param string $bridge_url Bridge base URL, normalised, http(s).
	 * @param int    $user_id    The WordPress user connecting.
	 */
	public static function start_url( string $bridge_url, int $user_id ): string {
		$state    = self::random_token( 24 );
		$verifier = self::random_token( 48 );
		set_transient(
			self::PENDING . $user_id,
			array(
				'state'      => $state,
				'verifier'   => $verifier,
				'bridge_url' => $bridge_url,
			),
			self::PENDING_TTL
		);
		$query = array(
			'store_url'             => home_url(),
			'return_url'            => admin_url( 'admin-post.php?action=' . self::RETURN_ACTION ),
			'state'                 => $state,
			'code_challenge'        => self::base64url( hash( 'sha256', $verifier, true ) ),
			'code_challenge_method' => 'S256',
		);
		return $bridge_url . '/woocommerce/one-click?' . http_build_query( $query, '', '&', PHP_QUERY_RFC3986 );
	}

	/**
	 * admin-post.php handler for the return from RateBridge: completes, then shows the settings. Never returns.
	 */
	public static function handle_return(): void {
		if ( ! current_user_can( 'manage_woocommerce' ) ) {
			wp_die( esc_html__( 'You are not allowed to connect RateBridge.', 'ratebridge-shipping' ), '', array( 'response' => 403 ) );
		}
		// phpcs:disable WordPress.Security.NonceVerification.Recommended -- the state is this flow's nonce.
		$done = self::complete(
			get_current_user_id(),
			self::query_arg( 'state' ),
			self::query_arg( 'ratebridge_code' ),
			self::query_arg( 'error' )
		);
		// phpcs:enable
		if ( is_wp_error( $done ) ) {
			wp_die( esc_html( $done->get_error_message() ), esc_html__( 'RateBridge', 'ratebridge-shipping' ), array( 'response' => 400, 'back_link' => true ) );
		}
		wp_safe_redirect( RateBridge_Admin_Link::settings_url() . '&' . self::DONE_ARG . '=1' );
		exit;
	}

	/**
	 * Completes an attempt: the state must be the one this user started with (once), then the code is traded.
	 *
	 * @param int    $user_id The WordPress user.
	 * @param string $state   `state` from the return URL.
	 * @param string $code    `ratebridge_code` from the return URL.
	 * @param string $error   `error` from the return URL ('access_denied' when the merchant cancelled).
	 */
	public static function complete( int $user_id, string $state, string $code, string $error = '' ): true|WP_Error {
		$pending = get_transient( self::PENDING . $user_id );
		delete_transient( self::PENDING . $user_id );
		$valid = is_array( $pending ) && is_string( $pending['state'] ?? null ) && is_string( $pending['verifier'] ?? null ) && is_string( $pending['bridge_url'] ?? null );
		if ( ! $valid || '' === $state || ! hash_equals( $pending['state'], $state ) ) {
			return new WP_Error( 'ratebridge_connect_expired', __( 'This connection attempt has expired or was started in another browser. Click "Connect to RateBridge" again.', 'ratebridge-shipping' ) );
		}
		if ( 'access_denied' === $error ) {
			return new WP_Error( 'ratebridge_connect_cancelled', __( 'The connection was cancelled in RateBridge. Nothing was changed.', 'ratebridge-shipping' ) );
		}
		if ( 1 !== preg_match( '/^rbc_[A-Za-z0-9_-]{43}$/', $code ) ) {
			return new WP_Error( 'ratebridge_code_missing', __( 'RateBridge sent no connection code back. Click "Connect to RateBridge" again.', 'ratebridge-shipping' ) );
		}
		$key = RateBridge_One_Click_Exchange::exchange( $pending['bridge_url'], $code, $pending['verifier'] );
		if ( is_wp_error( $key ) ) {
			return $key;
		}
		self::save( $pending['bridge_url'], $key['key_id'], $key['key_secret'] );
		self::register_webhooks( $user_id );
		return true;
	}

	/**
	 * Saves the connection as the settings screen would: the secret in its own option, never in the settings.
	 *
	 * @param string $bridge_url Bridge base URL.
	 * @param string $key_id     Connector key id.
	 * @param string $secret     Connector key secret.
	 */
	private static function save( string $bridge_url, string $key_id, #[\SensitiveParameter] string $secret ): void {
		$settings               = get_option( RateBridge_Connection::SETTINGS_OPTION, array() );
		$settings               = is_array( $settings ) ? $settings : array();
		$settings['bridge_url'] = $bridge_url;
		$settings['key_id']     = $key_id;
		$settings['key_secret'] = '';
		update_option( RateBridge_Connection::SETTINGS_OPTION, $settings );
		update_option( RateBridge_Connection::SECRET_OPTION, $secret, false );
		RateBridge_Key_Status::clear();
		RateBridge_Breaker::close();
	}

	/**
	 * The granted WooCommerce key is read-only, so the product webhooks are the plugin's to register, as on save.
	 *
	 * @param int $user_id The WordPress user the webhooks run as.
	 */
	private static function register_webhooks( int $user_id ): void {
		$registered = RateBridge_Webhooks::register( RateBridge_Connection::load(), $user_id );
		if ( is_wp_error( $registered ) ) {
			( new RateBridge_Log() )->warning( 'RateBridge: product webhooks not registered after connecting: ' . $registered->get_error_message() );
		}
	}

	/**
	 * Says so on the settings page the merchant lands on once connected.
	 */
	public static function render_connected_notice(): void {
		// phpcs:ignore WordPress.Security.NonceVerification.Recommended -- display only.
		if ( '1' !== self::query_arg( self::DONE_ARG ) || ! RateBridge_Connection::load()->is_complete() ) {
			return;
		}
		printf(
			'<div class="notice notice-success" role="status"><p><strong>%1$s</strong> %2$s</p></div>',
			esc_html__( 'RateBridge:', 'ratebridge-shipping' ),
			esc_html__( 'Connected. Checkout now asks RateBridge for live rates.', 'ratebridge-shipping' )
		);
	}

	/**
	 * The "Connect to RateBridge" row of the settings: submits the settings form (with the bridge URL as typed)
	 * to admin-post.php instead of saving it.
	 */
	public static function button_html(): string {
		$connected = RateBridge_Connection::load()->is_complete();
		return sprintf(
			'<tr valign="top"><th scope="row" class="titledesc">%1$s</th><td class="forminp"><input type="hidden" name="%2$s" value="%3$s" /><button type="submit" class="button button-primary" id="ratebridge-connect" formaction="%4$s" formmethod="post" formnovalidate>%5$s</button><p class="description">%6$s</p></td></tr>',
			esc_html__( 'Connect', 'ratebridge-shipping' ),
			esc_attr( self::NONCE_FIELD ),
			esc_attr( wp_create_nonce( self::START_ACTION ) ),
			esc_url( admin_url( 'admin-post.php?action=' . self::START_ACTION ) ),
			$connected ? esc_html__( 'Connect again', 'ratebridge-shipping' ) : esc_html__( 'Connect to RateBridge', 'ratebridge-shipping' ),
			esc_html__( 'Approve this store once in RateBridge and come back connected: the connector key is set here for you. Or paste a key id and secret below.', 'ratebridge-shipping' )
		);
	}

	/**
	 * The bridge URL posted with the settings form (not yet saved), else the saved one; '' when neither is usable.
	 */
	private static function bridge_url_from_request(): string {
		// phpcs:ignore WordPress.Security.NonceVerification.Missing -- checked by check_admin_referer() before.
		$posted = isset( $_POST['woocommerce_ratebridge_bridge_url'] ) ? trim( (string) wp_unslash( $_POST['woocommerce_ratebridge_bridge_url'] ) ) : '';
		$raw    = '' !== $posted ? $posted : RateBridge_Connection::load()->bridge_url;
		if ( '' !== $raw && ! str_contains( $raw, '://' ) ) {
			$raw = 'https://' . $raw;
		}
		$url    = RateBridge_Connection::normalise_url( esc_url_raw( $raw, array( 'https', 'http' ) ) );
		$scheme = wp_parse_url( $url, PHP_URL_SCHEME );
		return in_array( $scheme, array( 'https', 'http' ), true ) ? $url : '';
	}

	/**
	 * A query argument as plain text ('' when absent).
	 *
	 * @param string $name Argument name.
	 */
	private static function query_arg( string $name ): string {
		// phpcs:ignore WordPress.Security.NonceVerification.Recommended -- the state is this flow's nonce.
		$value = $_GET[ $name ] ?? '';
		return is_string( $value ) ? sanitize_text_field( wp_unslash( $value ) ) : '';
	}

	/**
	 * Random bytes as base64url (state and verifier alphabets both allow it).
	 *
	 * @param int $bytes How many random bytes.
	 */
	private static function random_token( int $bytes ): string {
		return self::base64url( random_bytes( $bytes ) );
	}

	/**
	 * Base64url without padding.
	 *
	 * @param string $binary Bytes.
	 */
	private static function base64url( string $binary ): string {
		return rtrim( strtr( base64_encode( $binary ), '+/', '-_' ), '=' );
	}
}
