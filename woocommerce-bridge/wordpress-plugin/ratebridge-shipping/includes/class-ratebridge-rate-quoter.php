<?php
/**
 * Asks the bridge for a package's rates, through the cache.
 *
 * @package RateBridge_Shipping
 */

declare(strict_types=1);

defined( 'ABSPATH' ) || exit;

/**
 * Package in, outcome out. Every failure (missing settings, timeout, refused key, bad status, bad body, the
 * bridge's own fallback) becomes a fallback outcome with a log line; nothing here throws into the checkout.
 * Each shopper-facing wait is bounded by the timeout once per cart change: answers are remembered per request
 * (RateBridge_Rate_Cache), and a RateBridge that does not answer opens the breaker (RateBridge_Breaker).
 */
final class RateBridge_Rate_Quoter {

	/**
	 * Logger that redacts the key secret.
	 *
	 * @var RateBridge_Log
	 */
	private RateBridge_Log $log;

	/**
	 * Constructor.
	 *
	 * @param RateBridge_Connection $connection Saved connection.
	 * @param Closure|null          $clock      Unix seconds for signing; time() when null.
	 */
	public function __construct( private RateBridge_Connection $connection, private ?Closure $clock = null ) {
		$this->log = new RateBridge_Log( $connection->key_secret() );
	}

	/**
	 * Rates for a package.
	 *
	 * @param array<string, mixed> $package       WooCommerce shipping package.
	 * @param int                  $instance_id   Shipping method instance (part of the cache key).
	 * @param array<string, mixed> $zone_settings The instance's settings (part of the cache key).
	 */
	public function quote( array $package, int $instance_id, array $zone_settings = array() ): RateBridge_Quote_Outcome {
		if ( ! $this->connection->is_complete() ) {
			return $this->fall_back( 'warning', 'RateBridge is not connected yet (bridge URL, key id or key secret missing); showing the fallback rate.' );
		}

		$payload = RateBridge_Rate_Request::payload( $package );
		if ( array() === $payload['package']['contents'] ) {
			return RateBridge_Quote_Outcome::rates( array() );
		}
		if ( '' === trim( (string) $payload['package']['destination']['postcode'] ) ) {
			// Before the shopper gives an address there is nothing to quote; not a failure, so no log line.
			return RateBridge_Quote_Outcome::fallback( 'no postcode yet' );
		}
		$body = RateBridge_Rate_Request::encode( $payload );
		if ( null === $body ) {
			return $this->fall_back( 'error', 'RateBridge could not encode the rates request as JSON; showing the fallback rate.' );
		}

		// The cache key is the body without a request id; the body sent carries a fresh one.
		$cache_key  = RateBridge_Rate_Cache::key( $instance_id, $zone_settings, $this->connection, $body );
		$remembered = $this->remembered( $cache_key );
		if ( null !== $remembered ) {
			return $remembered;
		}
		$signed_body = RateBridge_Rate_Request::encode( RateBridge_Bridge_Client::with_request_id( $payload ) );
		if ( null === $signed_body ) {
			return $this->fall_back( 'error', 'RateBridge could not encode the rates request as JSON; showing the fallback rate.' );
		}

		$reply = ( new RateBridge_Bridge_Client( $this->connection, $this->clock ) )->post(
			RateBridge_Bridge_Client::RATES_PATH,
			$signed_body,
			// So the bridge answers (with the merchant's fallback rates if need be) before checkout gives up.
			array( RateBridge_Bridge_Client::TIMEOUT_HEADER => (string) $this->connection->timeout_ms() )
		);
		return $this->outcome_of( $reply, $cache_key );
	}

	/**
	 * What is already known for this request without asking: cached live rates, a fallback within the last
	 * minute, or an open breaker. Null when the bridge must be asked.
	 *
	 * @param string $cache_key Key from RateBridge_Rate_Cache::key().
	 */
	private function remembered( string $cache_key ): ?RateBridge_Quote_Outcome {
		$cached = RateBridge_Rate_Cache::get( $cache_key );
		if ( null !== $cached ) {
			return RateBridge_Quote_Outcome::rates( $cached );
		}
		$fell_back = RateBridge_Rate_Cache::fell_back( $cache_key );
		if ( null !== $fell_back ) {
			return RateBridge_Quote_Outcome::fallback( $fell_back );
		}
		$open = RateBridge_Breaker::open_reason( $this->connection );
		// Logged once, when it opened: every cart in the next minute would repeat the line.
		return null === $open ? null : RateBridge_Quote_Outcome::fallback( $open );
	}

	/**
	 * The outcome of the bridge's reply, remembered as it deserves (live rates cached, the bridge's fallback
	 * for a minute, no answer at all in the breaker).
	 *
	 * @param RateBridge_Bridge_Reply $reply     The bridge's reply.
	 * @param string                  $cache_key Key from RateBridge_Rate_Cache::key().
	 */
	private function outcome_of( RateBridge_Bridge_Reply $reply, string $cache_key ): RateBridge_Quote_Outcome {
		if ( $reply->is_key_refused() ) {
			RateBridge_Key_Status::mark_refused( $this->connection->key_id );
			return $this->fall_back(
				'error',
				sprintf( 'RateBridge: connector key refused (%s) for key id "%s": it was revoked or is wrong; showing the fallback rate.', $reply->describe(), $this->connection->key_id )
			);
		}
		if ( $reply->is_signature_expired() ) {
			return $this->fall_back(
				'warning',
				sprintf( "RateBridge refused the request's signature as expired (%s): the WordPress server's clock differs from RateBridge's by more than five minutes. Set the server's clock (NTP); showing the fallback rate.", $reply->describe() )
			);
		}
		if ( $reply->is_signature_replayed() ) {
			return $this->fall_back( 'info', sprintf( 'RateBridge refused the request as a replay (%s); showing the fallback rate.', $reply->describe() ) );
		}
		if ( $reply->is_unavailable() ) {
			$reason = sprintf(
				'RateBridge did not answer (%s); showing the fallback rate, and for the next %d seconds without asking.',
				$reply->describe(),
				RateBridge_Breaker::OPEN_SECONDS
			);
			RateBridge_Breaker::open( $this->connection, $reason );
			return $this->fall_back( 'warning', $reason );
		}

		$decoded = $reply->json_object();
		if ( null === $decoded ) {
			$why = 200 === $reply->status ? 'a body that is not a JSON object' : $reply->describe();
			return $this->fall_back( 'warning', sprintf( 'RateBridge rates request failed: %s; showing the fallback rate.', $why ) );
		}

		$parsed = RateBridge_Rates_Response::parse( $decoded );
		if ( null === $parsed ) {
			return $this->fall_back( 'error', 'RateBridge answered 200 without a valid "rates" list; showing the fallback rate.' );
		}
		if ( $parsed['dropped'] > 0 ) {
			$this->log->warning( sprintf( 'RateBridge: dropped %d rate(s) that broke the contract (id, label, decimal-string cost).', $parsed['dropped'] ) );
		}

		RateBridge_Key_Status::clear();
		if ( RateBridge_Rate_Cache::is_bridge_fallback( $parsed['rates'] ) ) {
			// One fallback story: the zone's, whichever side fell back (the bridge's are for other front ends).
			$reason = "RateBridge answered with its fallback rates (a freight platform did not quote in time); showing the zone's fallback rate.";
			RateBridge_Rate_Cache::remember_fallback( $cache_key, $reason );
			return $this->fall_back( 'info', $reason );
		}
		if ( RateBridge_Rate_Cache::is_cacheable( $parsed['rates'] ) ) {
			RateBridge_Rate_Cache::put( $cache_key, $parsed['rates'] );
		}
		return RateBridge_Quote_Outcome::rates( $parsed['rates'] );
	}

	/**
	 * Logs and returns a fallback outcome.
	 *
	 * @param string $level   'info', 'warning' or 'error'.
	 * @param string $message Log line (never contains the secret; redacted anyway).
	 */
	private function fall_back( string $level, string $message ): RateBridge_Quote_Outcome {
		match ( $level ) {
			'error' => $this->log->error( $message ),
			'info'  => $this->log->info( $message ),
			default => $this->log->warning( $message ),
		};
		return RateBridge_Quote_Outcome::fallback( $message );
	}
}
