<?php
/**
 * Short-lived cache of successful bridge answers.
 *
 * @package RateBridge_Shipping
 */

declare(strict_types=1);

defined( 'ABSPATH' ) || exit;

/**
 * Transients keyed by a hash of the request body (before its timestamp and request id are added), the instance
 * and the connection. Only live quotes are stored: the plugin's own fallbacks never are, and neither are the
 * bridge's fallback rates (a 200 whose rates say `ratebridge_source` other than "live"), so the next checkout
 * asks again.
 */
final class RateBridge_Rate_Cache {

	public const TTL_SECONDS = 600;
	private const PREFIX     = 'ratebridge_rates_';

	/**
	 * Transient name for a request.
	 *
	 * @param int                   $instance_id Shipping method instance.
	 * @param RateBridge_Connection $connection  Connection (a new URL or key must not reuse old answers).
	 * @param string                $body        Signed request body.
	 */
	public static function key( int $instance_id, RateBridge_Connection $connection, string $body ): string {
		return self::PREFIX . md5( $instance_id . '|' . $connection->bridge_url . '|' . $connection->key_id . '|' . $body );
	}

	/**
	 * Cached rates, or null on a miss.
	 *
	 * @param string $key Transient name from key().
	 * @return list<array<string, mixed>>|null
	 */
	public static function get( string $key ): ?array {
		$cached = get_transient( $key );
		return is_array( $cached ) && array_is_list( $cached ) ? $cached : null;
	}

	/**
	 * Whether an answer may be cached: every rate is a live quote (an empty "cannot ship" list may).
	 *
	 * @param list<array<string, mixed>> $rates Parsed rates.
	 */
	public static function is_cacheable( array $rates ): bool {
		foreach ( $rates as $rate ) {
			$meta = is_array( $rate['meta_data'] ?? null ) ? $rate['meta_data'] : array();
			if ( 'live' !== ( $meta['ratebridge_source'] ?? null ) ) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Stores rates for ten minutes.
	 *
	 * @param string                     $key   Transient name from key().
	 * @param list<array<string, mixed>> $rates Parsed rates (an empty list is a valid "cannot ship" answer).
	 */
	public static function put( string $key, array $rates ): void {
		set_transient( $key, $rates, self::TTL_SECONDS );
	}
}
