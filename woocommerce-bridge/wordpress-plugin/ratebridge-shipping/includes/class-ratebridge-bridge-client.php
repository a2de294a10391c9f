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
 */
final class RateBridge_Bridge_Client {

	public const RATES_PATH      = '/woocommerce/rates';
	public const ADMIN_LINK_PATH = '/woocommerce/admin-link';

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
	 * POSTs a signed JSON body to a bridge path.
	 *
	 * @param string $path Path starting with a slash.
	 * @param string $body Raw JSON body; signed byte for byte.
	 */
	public function post( string $path, string $body ): RateBridge_Bridge_Reply {
		$timestamp = ( $this->clock )();
		$response  = wp_remote_post(
			$this->connection->endpoint( $path ),
			array(
				'timeout'     => $this->connection->timeout,
				'redirection' => 0,
				'user-agent'  => 'RateBridgeShipping/' . RATEBRIDGE_SHIPPING_VERSION,
				'headers'     => array(
					'Content-Type'           => 'application/json',
					'Accept'                 => 'application/json',
					'X-RateBridge-Key'       => $this->connection->key_id,
					'X-RateBridge-Signature' => RateBridge_Signer::signature_header( $this->connection->key_secret(), $timestamp, $body ),
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
