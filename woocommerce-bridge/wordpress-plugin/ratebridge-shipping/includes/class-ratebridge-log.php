<?php
/**
 * Logging through WooCommerce's logger.
 *
 * @package RateBridge_Shipping
 */

declare(strict_types=1);

defined( 'ABSPATH' ) || exit;

/**
 * Writes to wc_get_logger() under the source 'ratebridge', removing the key secret from every line
 * even if a message were ever built from something that contained it.
 */
final class RateBridge_Log {

	public const SOURCE = 'ratebridge';

	/**
	 * Constructor.
	 *
	 * @param string $secret Value that must never reach a log line ('' when none).
	 */
	public function __construct( #[\SensitiveParameter] private string $secret = '' ) {}

	/**
	 * Logs an informational line.
	 *
	 * @param string $message Message.
	 */
	public function info( string $message ): void {
		$this->write( 'info', $message );
	}

	/**
	 * Logs a warning.
	 *
	 * @param string $message Message.
	 */
	public function warning( string $message ): void {
		$this->write( 'warning', $message );
	}

	/**
	 * Logs an error.
	 *
	 * @param string $message Message.
	 */
	public function error( string $message ): void {
		$this->write( 'error', $message );
	}

	/**
	 * Writes one line.
	 *
	 * @param string $level   PSR-3 level understood by WC_Logger.
	 * @param string $message Message.
	 */
	private function write( string $level, string $message ): void {
		if ( ! function_exists( 'wc_get_logger' ) ) {
			return;
		}
		if ( '' !== $this->secret ) {
			$message = str_replace( $this->secret, '[redacted]', $message );
		}
		wc_get_logger()->log( $level, $message, array( 'source' => self::SOURCE ) );
	}
}
