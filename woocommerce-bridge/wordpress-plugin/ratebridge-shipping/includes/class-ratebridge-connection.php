<?php
/**
 * The connection to the bridge: URL, connector key and timeout.
 *
 * @package RateBridge_Shipping
 */

declare(strict_types=1);

defined( 'ABSPATH' ) || exit;

/**
 * Connection settings, read straight from the options table.
 *
 * The key secret is kept in an option of its own and never in the shipping method's settings array:
 * WooCommerce prints every public property of a zone's shipping methods into the zones screen as JSON,
 * and the settings array is a public property.
 */
final class RateBridge_Connection {

	public const METHOD_ID       = 'ratebridge';
	public const SETTINGS_OPTION = 'woocommerce_ratebridge_settings';
	public const SECRET_OPTION   = 'ratebridge_key_secret';
	public const DEFAULT_TIMEOUT = 3.0;
	public const MIN_TIMEOUT     = 1.0;
	public const MAX_TIMEOUT     = 5.0;

	/**
	 * Constructor.
	 *
	 * @param string $bridge_url Base URL of the bridge, no trailing slash.
	 * @param string $key_id     Connector key id (public).
	 * @param string $key_secret Connector key secret.
	 * @param float  $timeout    Seconds, already clamped.
	 */
	public function __construct(
		public readonly string $bridge_url,
		public readonly string $key_id,
		#[\SensitiveParameter] private string $key_secret,
		public readonly float $timeout
	) {}

	/**
	 * Reads the saved connection.
	 */
	public static function load(): self {
		$settings = get_option( self::SETTINGS_OPTION, array() );
		$settings = is_array( $settings ) ? $settings : array();
		$secret   = get_option( self::SECRET_OPTION, '' );

		return new self(
			self::normalise_url( (string) ( $settings['bridge_url'] ?? '' ) ),
			trim( (string) ( $settings['key_id'] ?? '' ) ),
			is_string( $secret ) ? $secret : '',
			self::clamp_timeout( $settings['timeout'] ?? self::DEFAULT_TIMEOUT )
		);
	}

	/**
	 * Whether a key secret has been saved (without revealing it).
	 */
	public static function has_saved_secret(): bool {
		$secret = get_option( self::SECRET_OPTION, '' );
		return is_string( $secret ) && '' !== $secret;
	}

	/**
	 * Clamps a timeout to [1, 5] seconds; anything unreadable becomes the 3 s default.
	 *
	 * @param mixed $value Raw setting.
	 */
	public static function clamp_timeout( mixed $value ): float {
		if ( ! is_numeric( $value ) ) {
			return self::DEFAULT_TIMEOUT;
		}
		return max( self::MIN_TIMEOUT, min( self::MAX_TIMEOUT, (float) $value ) );
	}

	/**
	 * Trims whitespace and trailing slashes.
	 *
	 * @param string $url Raw URL.
	 */
	public static function normalise_url( string $url ): string {
		return rtrim( trim( $url ), '/' );
	}

	/**
	 * Whether URL, key id and secret are all present.
	 */
	public function is_complete(): bool {
		return '' !== $this->bridge_url && '' !== $this->key_id && '' !== $this->key_secret;
	}

	/**
	 * The timeout in whole milliseconds (what the bridge is told it has).
	 */
	public function timeout_ms(): int {
		return (int) round( $this->timeout * 1000 );
	}

	/**
	 * The secret, for the signer and for log redaction only.
	 */
	public function key_secret(): string {
		return $this->key_secret;
	}

	/**
	 * Full URL of a bridge endpoint.
	 *
	 * @param string $path Path starting with a slash.
	 */
	public function endpoint( string $path ): string {
		return $this->bridge_url . $path;
	}

	/**
	 * Host of the bridge URL, lower case ('' when the URL has none).
	 */
	public function bridge_host(): string {
		$host = wp_parse_url( $this->bridge_url, PHP_URL_HOST );
		return is_string( $host ) ? strtolower( $host ) : '';
	}
}
