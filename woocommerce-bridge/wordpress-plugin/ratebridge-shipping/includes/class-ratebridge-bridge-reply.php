<?php
/**
 * What the bridge answered, as data.
 *
 * @package RateBridge_Shipping
 */

declare(strict_types=1);

defined( 'ABSPATH' ) || exit;

/**
 * One HTTP exchange with the bridge: a status and body, or a transport error (timeout, DNS, TLS...).
 */
final class RateBridge_Bridge_Reply {

	/**
	 * Constructor.
	 *
	 * @param int         $status          HTTP status, 0 when no response arrived.
	 * @param string      $body            Raw response body.
	 * @param string|null $transport_error Why no response arrived, null when one did.
	 */
	private function __construct(
		public readonly int $status,
		public readonly string $body,
		public readonly ?string $transport_error
	) {}

	/**
	 * A response arrived.
	 *
	 * @param int    $status HTTP status.
	 * @param string $body   Raw body.
	 */
	public static function response( int $status, string $body ): self {
		return new self( $status, $body, null );
	}

	/**
	 * No response arrived.
	 *
	 * @param string $reason Transport error message.
	 */
	public static function transport_failure( string $reason ): self {
		return new self( 0, '', $reason );
	}

	/**
	 * The bridge refused the connector key (revoked or wrong).
	 */
	public function is_key_refused(): bool {
		return 401 === $this->status;
	}

	/**
	 * Decodes a 200 JSON object body; null for any other status or a body that does not parse.
	 *
	 * @return array<mixed>|null
	 */
	public function json_object(): ?array {
		if ( 200 !== $this->status ) {
			return null;
		}
		$decoded = json_decode( $this->body, true );
		return is_array( $decoded ) && ! array_is_list( $decoded ) ? $decoded : null;
	}

	/**
	 * Short description for a log line.
	 */
	public function describe(): string {
		if ( null !== $this->transport_error ) {
			return 'no response (' . $this->transport_error . ')';
		}
		return 'HTTP ' . $this->status;
	}
}
