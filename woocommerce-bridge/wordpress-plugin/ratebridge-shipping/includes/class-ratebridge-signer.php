<?php
/**
 * Request signing shared with the bridge.
 *
 * @package RateBridge_Shipping
 */

declare(strict_types=1);

defined( 'ABSPATH' ) || exit;

/**
 * Signs a request body the way the bridge verifies it:
 * `t=<unix seconds>,v1=<hex HMAC-SHA256 with the key secret of "<t>.<raw body>">`.
 * woocommerce-bridge/signing-vectors.json holds the vectors both sides are tested against.
 */
final class RateBridge_Signer {

	/**
	 * Builds the X-RateBridge-Signature header value.
	 *
	 * @param string $secret    Connector key secret.
	 * @param int    $timestamp Unix seconds.
	 * @param string $body      Raw request body, byte for byte as sent.
	 */
	public static function signature_header( string $secret, int $timestamp, string $body ): string {
		return 't=' . $timestamp . ',v1=' . hash_hmac( 'sha256', $timestamp . '.' . $body, $secret );
	}
}
