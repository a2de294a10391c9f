<?php
/**
 * Remembers, briefly, that RateBridge itself did not answer.
 *
 * @package RateBridge_Shipping
 */

declare(strict_types=1);

defined( 'ABSPATH' ) || exit;

/**
 * A circuit breaker in a transient. WooCommerce calculates shipping more than once per request (twice per Store
 * API call) and every shopper's cart asks again, so without it a RateBridge that hangs costs each of them the
 * whole timeout, several times over. When a rates request gets no answer (timeout, refused connection) or a
 * server error, the breaker opens for OPEN_SECONDS: checkout shows the zone's fallback at once, without asking.
 * After that the next cart asks again (and opens it again if RateBridge is still down).
 *
 * The breaker belongs to one bridge URL and key id: saving other settings, or the same ones again, closes it.
 */
final class RateBridge_Breaker {

	public const TRANSIENT    = 'ratebridge_breaker';
	public const OPEN_SECONDS = 60;

	/**
	 * Why the breaker is open for this connection, or null when requests may go out.
	 *
	 * @param RateBridge_Connection $connection Saved connection.
	 */
	public static function open_reason( RateBridge_Connection $connection ): ?string {
		$state = get_transient( self::TRANSIENT );
		if ( ! is_array( $state ) || ( $state['bridge'] ?? null ) !== self::bridge_id( $connection ) ) {
			return null;
		}
		return is_string( $state['reason'] ?? null ) ? $state['reason'] : '';
	}

	/**
	 * Opens the breaker.
	 *
	 * @param RateBridge_Connection $connection Saved connection.
	 * @param string                $reason     What went wrong (for the log; no secrets).
	 */
	public static function open( RateBridge_Connection $connection, string $reason ): void {
		set_transient(
			self::TRANSIENT,
			array(
				'bridge' => self::bridge_id( $connection ),
				'reason' => $reason,
			),
			self::OPEN_SECONDS
		);
	}

	/**
	 * Closes the breaker (the merchant saved the settings: try again at once).
	 */
	public static function close(): void {
		delete_transient( self::TRANSIENT );
	}

	/**
	 * Which bridge and key the breaker speaks for.
	 *
	 * @param RateBridge_Connection $connection Saved connection.
	 */
	private static function bridge_id( RateBridge_Connection $connection ): string {
		return md5( $connection->bridge_url . '|' . $connection->key_id );
	}
}
