<?php
/**
 * Short-lived memory of the bridge's answers.
 *
 * @package RateBridge_Shipping
 */

declare(strict_types=1);

defined( 'ABSPATH' ) || exit;

/**
 * Transients keyed by the request body (before its timestamp and request id are added), the zone instance and
 * its settings, and the connection (bridge URL, key id and secret): a change of any of them never reuses an
 * old answer. The key is an HMAC with the key secret, so the transient names reveal nothing about it.
 *
 * Live quotes are kept for TTL_SECONDS. When the bridge answered with its own fallback (a freight platform did
 * not answer in time), the plugin shows the zone's fallback and remembers that for FALLBACK_SECONDS only: the
 * other shipping calculations of the same cart (WooCommerce runs several per request) answer at once, and a
 * later visit asks for live quotes again.
 */
final class RateBridge_Rate_Cache {

	public const TTL_SECONDS      = 600;
	public const FALLBACK_SECONDS = 60;
	private const PREFIX          = 'ratebridge_rates_';
	private const FALLBACK_PREFIX = 'ratebridge_fellback_';

	/**
	 * Cache key for a request.
	 *
	 * @param int                   $instance_id   Shipping method instance.
	 * @param array<string, mixed>  $zone_settings The instance's settings (fallback label and cost).
	 * @param RateBridge_Connection $connection    Connection (a new URL, key or secret must not reuse old answers).
	 * @param string                $body          Request body without a request id.
	 */
	public static function key( int $instance_id, array $zone_settings, RateBridge_Connection $connection, string $body ): string {
		ksort( $zone_settings );
		$material = implode(
			'|',
			array( $instance_id, (string) wp_json_encode( $zone_settings ), $connection->bridge_url, $connection->key_id, $body )
		);
		return substr( hash_hmac( 'sha256', $material, $connection->key_secret() ), 0, 40 );
	}

	/**
	 * Cached live rates, or null on a miss.
	 *
	 * @param string $key Key from key().
	 * @return list<array<string, mixed>>|null
	 */
	public static function get( string $key ): ?array {
		$cached = get_transient( self::PREFIX . $key );
		return is_array( $cached ) && array_is_list( $cached ) ? $cached : null;
	}

	/**
	 * Whether an answer may be cached: every rate is a live quote (an empty "cannot ship" list may).
	 *
	 * @param list<array<string, mixed>> $rates Parsed rates.
	 */
	public static function is_cacheable( array $rates ): bool {
		foreach ( $rates as $rate ) {
			if ( 'live' !== self::source( $rate ) ) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Whether the bridge answered with its own fallback rates (some rate says `ratebridge_source` "fallback").
	 *
	 * @param list<array<string, mixed>> $rates Parsed rates.
	 */
	public static function is_bridge_fallback( array $rates ): bool {
		foreach ( $rates as $rate ) {
			if ( 'fallback' === self::source( $rate ) ) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Stores live rates for ten minutes.
	 *
	 * @param string                     $key   Key from key().
	 * @param list<array<string, mixed>> $rates Parsed rates (an empty list is a valid "cannot ship" answer).
	 */
	public static function put( string $key, array $rates ): void {
		set_transient( self::PREFIX . $key, $rates, self::TTL_SECONDS );
	}

	/**
	 * Remembers for a minute that this request fell back.
	 *
	 * @param string $key    Key from key().
	 * @param string $reason Why (for the log line of later calculations; no secrets).
	 */
	public static function remember_fallback( string $key, string $reason ): void {
		set_transient( self::FALLBACK_PREFIX . $key, $reason, self::FALLBACK_SECONDS );
	}

	/**
	 * Why this request fell back within the last minute, or null.
	 *
	 * @param string $key Key from key().
	 */
	public static function fell_back( string $key ): ?string {
		$reason = get_transient( self::FALLBACK_PREFIX . $key );
		return is_string( $reason ) ? $reason : null;
	}

	/**
	 * Where a rate came from, as the bridge says.
	 *
	 * @param array<string, mixed> $rate Parsed rate.
	 */
	private static function source( array $rate ): ?string {
		$meta   = is_array( $rate['meta_data'] ?? null ) ? $rate['meta_data'] : array();
		$source = $meta['ratebridge_source'] ?? null;
		return is_string( $source ) ? $source : null;
	}
}
