<?php
/**
 * Signed HTTP calls to the bridge.
 *
 * @package RateBridge_Shipping
 */

declare(strict_types=1);

defined( 'ABSPATH' ) || exit;

/**
 * HTTP only: signs a JSON body, POSTs it with the connection's timeout and reports what came back.
 *
 * The bridge accepts each signature once, and a signature covers only the second and the body, so every body
 * carries a random `request_id`: two identical requests in the same second must not look like a replay.
 */
final class RateBridge_Bridge_Client {

	public const RATES_PATH      = '/woocommerce/rates';
	public const ADMIN_LINK_PATH = '/woocommerce/admin-link';
	public const TIMEOUT_HEADER  = 'X-RateBridge-Timeout-Ms';

	/**
	 * Source of the current unix time.
	 *
	 * @var Closure(): int
	 */
	private Closure $clock;

	/**
	 * Constructor.
	 *
	 * @param RateBridge_Connection $connection Saved connection.
	 * @param Closure|null          $clock      Returns unix seconds; time() when null.
	 */
	public function __construct( private RateBridge_Connection $connection, ?Closure $clock = null ) {
		$this->clock = $clock ?? static fn (): int => time();
	}

	/**
	 * The payload with a fresh `request_id` added (the bridge ignores the field; it only makes the body unique).
	 *
	 * @param array<string, mixed> $payload Request payload.
	 * @return array<string, mixed>
	 */
	public static function with_request_id( array $payload ): array {
		$payload['request_id'] = self::request_id();
		return $payload;
	}

	/**
	 * 16 random hex characters.
	 */
	public static function request_id(): string {
		try {
			return bin2hex( random_bytes( 8 ) );
		} catch ( Exception $e ) {
			// No CSPRNG available: the id only has to differ between requests (the HMAC does the securing).
			return substr( hash( 'sha256', uniqid( '', true ) . '|' . wp_rand() . '|' . microtime() ), 0, 16 );
		}
	}

	/**
	 * POSTs a signed JSON body to a bridge path.
	 *
	 * @param string                $path    Path starting with a slash.
	 * @param string                $body    Raw JSON body; signed byte for byte.
	 * @param array<string, string> $headers Extra headers (cannot replace the content type, key or signature).
	 */
	public function post( string $path, string $body, array $headers = array() ): RateBridge_Bridge_Reply {
		$timestamp = ( $this->clock )();
		$response  = wp_remote_post(
			$this->connection->endpoint( $path ),
			array(
				'timeout'     => $this->connection->timeout,
				'redirection' => 0,
				'user-agent'  => 'RateBridgeShipping/' . RATEBRIDGE_SHIPPING_VERSION,
				'headers'     => array_merge(
					$headers,
					array(
						'Content-Type'           => 'application/json',
						'Accept'                 => 'application/json',
						'X-RateBridge-Key'       => $this->connection->key_id,
						'X-RateBridge-Signature' => RateBridge_Signer::signature_header( $this->connection->key_secret(), $timestamp, $body ),
					)
				),
				'body'        => $body,
			)
		);

		if ( is_wp_error( $response ) ) {
			return RateBridge_Bridge_Reply::transport_failure( $response->get_error_message() );
		}
		return RateBridge_Bridge_Reply::response(
			(int) wp_remote_retrieve_response_code( $response ),
			(string) wp_remote_retrieve_body( $response )
		);
	}
}
