<?php
/**
 * A real wp_remote_post() transport (cURL), for the tests where the plugin's PHP talks to a RateBridge
 * listening on a real socket: same arguments and the same answer shape as WordPress's. TLS is verified, against
 * the CA file RATEBRIDGE_TEST_CA_FILE names when set (a test's own https front), as WordPress verifies it.
 */

declare(strict_types=1);

final class RateBridge_Test_Real_Http {

	/**
	 * @param array<string, mixed> $args wp_remote_post() arguments (timeout, headers, body, redirection).
	 * @return array<string, mixed>|WP_Error
	 */
	public static function post( string $url, array $args ): array|WP_Error {
		$headers = array();
		foreach ( (array) ( $args['headers'] ?? array() ) as $name => $value ) {
			$headers[] = $name . ': ' . $value;
		}
		$curl = curl_init( $url );
		curl_setopt_array(
			$curl,
			array(
				CURLOPT_POST           => true,
				CURLOPT_POSTFIELDS     => (string) ( $args['body'] ?? '' ),
				CURLOPT_HTTPHEADER     => $headers,
				CURLOPT_RETURNTRANSFER => true,
				CURLOPT_FOLLOWLOCATION => false,
				CURLOPT_TIMEOUT_MS     => (int) round( 1000 * (float) ( $args['timeout'] ?? 5 ) ),
			)
		);
		$ca_file = getenv( 'RATEBRIDGE_TEST_CA_FILE' );
		if ( is_string( $ca_file ) && '' !== $ca_file ) {
			curl_setopt( $curl, CURLOPT_CAINFO, $ca_file );
		}
		$body = curl_exec( $curl );
		if ( false === $body ) {
			$error = curl_error( $curl );
			curl_close( $curl );
			return new WP_Error( 'http_request_failed', 'cURL error: ' . $error );
		}
		$status = (int) curl_getinfo( $curl, CURLINFO_RESPONSE_CODE );
		curl_close( $curl );
		return array(
			'headers'  => array(),
			'body'     => (string) $body,
			'response' => array(
				'code'    => $status,
				'message' => '',
			),
			'cookies'  => array(),
		);
	}
}
