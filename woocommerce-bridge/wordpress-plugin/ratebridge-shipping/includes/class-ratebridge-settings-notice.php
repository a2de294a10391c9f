<?php
/**
 * What saving the RateBridge settings led to, shown beside WooCommerce's own "Your settings have been saved."
 *
 * @package RateBridge_Shipping
 */

declare(strict_types=1);

defined( 'ABSPATH' ) || exit;

/**
 * WooCommerce shows either its errors or its messages after a save, never both: an error would hide "saved"
 * though the settings were saved. So what RateBridge answered goes into an admin notice of its own, printed
 * on the same page (WooCommerce saves on wp_loaded and renders the page in the same request).
 */
final class RateBridge_Settings_Notice {

	/**
	 * Notices for this request.
	 *
	 * @var list<array{level: string, text: string}>
	 */
	private static array $pending = array();

	/**
	 * Adds a notice.
	 *
	 * @param string $level 'warning' or 'error'.
	 * @param string $text  Plain text for the merchant.
	 */
	public static function add( string $level, string $text ): void {
		self::$pending[] = array(
			'level' => 'error' === $level ? 'error' : 'warning',
			'text'  => $text,
		);
	}

	/**
	 * The notices not yet printed.
	 *
	 * @return list<array{level: string, text: string}>
	 */
	public static function pending(): array {
		return self::$pending;
	}

	/**
	 * Forgets the notices (tests, or once printed).
	 */
	public static function clear(): void {
		self::$pending = array();
	}

	/**
	 * Prints the notices (admin_notices).
	 */
	public static function render(): void {
		foreach ( self::$pending as $notice ) {
			printf(
				'<div class="notice notice-%1$s"><p><strong>%2$s</strong> %3$s</p></div>',
				esc_attr( $notice['level'] ),
				esc_html__( 'RateBridge:', 'ratebridge-shipping' ),
				esc_html( $notice['text'] )
			);
		}
		self::clear();
	}
}
