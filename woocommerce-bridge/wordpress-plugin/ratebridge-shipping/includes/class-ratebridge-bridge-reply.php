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
	 * 401 codes that mean the key itself is refused (unknown, revoked, wrong secret, or a request it cannot read).
	 */
	private const KEY_REFUSED_CODES = array(
		'RB_ERR_UNAUTHENTICATED',
		'RB_ERR_SIGNATURE_INVALID',
		'RB_ERR_SIGNATURE_MISSING',
		'RB_ERR_SIGNATURE_MALFORMED',
	);

	public const CODE_SIGNATURE_EXPIRED  = 'RB_ERR_SIGNATURE_EXPIRED';
	public const CODE_SIGNATURE_REPLAYED = 'RB_ERR_SIGNATURE_REPLAYED';
	public const CODE_KEY_MAKER_REMOVED  = 'RB_ERR_KEY_MAKER_REMOVED';

	/** What an error code may look like; anything else is treated as no code (and never logged). */
	private const CODE_PATTERN = '/^[A-Z][A-Z0-9_]{0,63}$/';

	/**
	 * The bridge refused the connector key (revoked or wrong): a 401 whose code says so, or whose body
	 * carries no readable code at all.
	 */
	public function is_key_refused(): bool {
		if ( 401 !== $this->status ) {
			return false;
		}
		$code = $this->error_code();
		return null === $code || in_array( $code, self::KEY_REFUSED_CODES, true );
	}

	/**
	 * The bridge refused the signature as too old or too new: the two clocks disagree.
	 */
	public function is_signature_expired(): bool {
		return 401 === $this->status && self::CODE_SIGNATURE_EXPIRED === $this->error_code();
	}

	/**
	 * The bridge had already seen this exact signature.
	 */
	public function is_signature_replayed(): bool {
		return 401 === $this->status && self::CODE_SIGNATURE_REPLAYED === $this->error_code();
	}

	/**
	 * The person who made the connector key was removed from the store: the key still signs the checkout
	 * but signs nobody into the admin (403, see docs/people-and-roles.md).
	 */
	public function is_key_maker_removed(): bool {
		return 403 === $this->status && self::CODE_KEY_MAKER_REMOVED === $this->error_code();
	}

	/**
	 * The `error.code` of a JSON error body (`{"error": {"code": "RB_ERR_...", "message": "..."}}`), or null
	 * when there is none that looks like a code.
	 */
	public function error_code(): ?string {
		$decoded = json_decode( $this->body, true );
		$code    = is_array( $decoded ) && is_array( $decoded['error'] ?? null ) ? ( $decoded['error']['code'] ?? null ) : null;
		return is_string( $code ) && 1 === preg_match( self::CODE_PATTERN, $code ) ? $code : null;
	}

	/**
	 * RateBridge itself could not answer: no response at all (timeout, refused connection, DNS, TLS) or a
	 * server error (5xx, e.g. a proxy in front of a stopped bridge).
	 */
	public function is_unavailable(): bool {
		return null !== $this->transport_error || $this->status >= 500;
	}

	/**
	 * The `error.message` of a JSON error body, as plain text of at most 300 characters, or null.
	 */
	public function error_message(): ?string {
		$decoded = json_decode( $this->body, true );
		$message = is_array( $decoded ) && is_array( $decoded['error'] ?? null ) ? ( $decoded['error']['message'] ?? null ) : null;
		if ( ! is_string( $message ) ) {
			return null;
		}
		$text = sanitize_text_field( $message );
		return '' === $text ? null : mb_substr( $text, 0, 300 );
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
		$code = 200 === $this->status ? null : $this->error_code();
		return 'HTTP ' . $this->status . ( null === $code ? '' : ' ' . $code );
	}
}
