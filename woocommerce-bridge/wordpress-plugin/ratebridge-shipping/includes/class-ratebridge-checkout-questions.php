<?php
/**
 * Which delivery questions the checkout asks, as the merchant chose in RateBridge.
 *
 * @package RateBridge_Shipping
 */

declare(strict_types=1);

defined( 'ABSPATH' ) || exit;

/**
 * Asks the bridge (a signed POST to /woocommerce/checkout-questions) and keeps the answer in a transient for
 * the `ttl_seconds` the bridge gives (clamped to MIN_TTL..MAX_TTL), so a checkout page costs no request at
 * all most of the time. The checkout never depends on it: with no connection, an open breaker, or a bridge
 * that does not answer, there are no questions (the merchant's assumptions price the quote instead), and a
 * failure is remembered for FAILED_SECONDS so that a down bridge costs one wait, not one per page. A bridge
 * that does not answer opens the same breaker the rates path uses: it is the same server.
 *
 * Each question is `array{key: string, label: string, default: bool}`; `key` is one of KEYS.
 */
final class RateBridge_Checkout_Questions {

	public const PATH           = '/woocommerce/checkout-questions';
	public const KEYS           = array( 'is_business', 'tail_lift', 'authority_to_leave', 'hand_unload' );
	public const MIN_TTL        = 30;
	public const MAX_TTL        = 3600;
	public const FAILED_SECONDS = 60;
	private const PREFIX        = 'ratebridge_questions_';
	private const MAX_LABEL     = 200;

	/**
	 * This request's questions by cache key: WordPress asks for them at init, at rendering and at every
	 * shipping calculation of one request, and they must not change in between.
	 *
	 * @var array<string, list<array{key: string, label: string, default: bool}>>
	 */
	private static array $memo = array();

	/**
	 * The questions to ask now.
	 *
	 * @param RateBridge_Connection $connection Saved connection.
	 * @param bool                  $may_ask    False: the transient only, never a request (admin screens, cron).
	 * @return list<array{key: string, label: string, default: bool}>
	 */
	public static function current( RateBridge_Connection $connection, bool $may_ask = true ): array {
		if ( ! $connection->is_complete() ) {
			return array();
		}
		$key = self::cache_key( $connection );
		if ( isset( self::$memo[ $key ] ) ) {
			return self::$memo[ $key ];
		}
		$cached = get_transient( self::PREFIX . $key );
		if ( is_array( $cached ) && is_array( $cached['questions'] ?? null ) ) {
			self::$memo[ $key ] = self::valid_questions( $cached['questions'] );
			return self::$memo[ $key ];
		}
		if ( ! $may_ask || null !== RateBridge_Breaker::open_reason( $connection ) ) {
			return array();
		}
		self::$memo[ $key ] = self::ask( $connection, $key );
		return self::$memo[ $key ];
	}

	/**
	 * Forgets this request's questions (a new connection was saved; tests start afresh).
	 */
	public static function forget(): void {
		self::$memo = array();
	}

	/**
	 * Asks the bridge and caches what it said (or, for a minute, that it could not say).
	 *
	 * @param RateBridge_Connection $connection Saved connection.
	 * @param string                $key        Cache key.
	 * @return list<array{key: string, label: string, default: bool}>
	 */
	private static function ask( RateBridge_Connection $connection, string $key ): array {
		$log  = new RateBridge_Log( $connection->key_secret() );
		$body = RateBridge_Rate_Request::encode(
			array(
				'action'     => 'checkout_questions',
				'request_id' => RateBridge_Bridge_Client::request_id(),
			)
		);
		$reply   = ( new RateBridge_Bridge_Client( $connection ) )->post( self::PATH, (string) $body );
		$decoded = $reply->json_object();
		if ( null === $decoded || ! is_array( $decoded['questions'] ?? null ) ) {
			$reason = sprintf( 'RateBridge could not say which delivery questions to ask (%s); the checkout asks none for now.', $reply->describe() );
			if ( $reply->is_unavailable() ) {
				RateBridge_Breaker::open( $connection, $reason );
			}
			if ( $reply->is_key_refused() ) {
				RateBridge_Key_Status::mark_refused( $connection->key_id );
			}
			$log->warning( $reason );
			set_transient( self::PREFIX . $key, array( 'questions' => array() ), self::FAILED_SECONDS );
			return array();
		}
		$questions = self::valid_questions( $decoded['questions'] );
		$ttl       = is_int( $decoded['ttl_seconds'] ?? null ) ? $decoded['ttl_seconds'] : self::MIN_TTL;
		set_transient( self::PREFIX . $key, array( 'questions' => $questions ), max( self::MIN_TTL, min( self::MAX_TTL, $ttl ) ) );
		return $questions;
	}

	/**
	 * The well-formed questions of a list, each key once; anything else is dropped.
	 *
	 * @param array<mixed> $listed Questions as the bridge (or the transient) gave them.
	 * @return list<array{key: string, label: string, default: bool}>
	 */
	private static function valid_questions( array $listed ): array {
		$questions = array();
		foreach ( $listed as $question ) {
			$key   = is_array( $question ) ? ( $question['key'] ?? null ) : null;
			$label = is_array( $question ) && is_string( $question['label'] ?? null ) ? mb_substr( sanitize_text_field( $question['label'] ), 0, self::MAX_LABEL ) : '';
			if ( ! in_array( $key, self::KEYS, true ) || '' === $label || isset( $questions[ $key ] ) ) {
				continue;
			}
			$questions[ $key ] = array(
				'key'     => $key,
				'label'   => $label,
				'default' => true === ( $question['default'] ?? null ),
			);
		}
		return array_values( $questions );
	}

	/**
	 * A key per connection (a new bridge URL, key or secret asks again); an HMAC, so it reveals nothing.
	 *
	 * @param RateBridge_Connection $connection Saved connection.
	 */
	private static function cache_key( RateBridge_Connection $connection ): string {
		return substr( hash_hmac( 'sha256', $connection->bridge_url . '|' . $connection->key_id, $connection->key_secret() ), 0, 32 );
	}
}
