<?php
/**
 * Remembers that the bridge refused the connector key, and tells the merchant.
 *
 * @package RateBridge_Shipping
 */

declare(strict_types=1);

defined( 'ABSPATH' ) || exit;

/**
 * A 401 from the bridge sets a flag (written once, not on every checkout); the next successful answer clears it.
 * While it is set, store managers see an admin notice.
 */
final class RateBridge_Key_Status {

	public const OPTION = 'ratebridge_key_refused';

	/**
	 * Records a refusal.
	 *
	 * @param string $key_id The refused key id (public, safe to show).
	 */
	public static function mark_refused( string $key_id ): void {
		$current = get_option( self::OPTION, false );
		if ( is_array( $current ) && ( $current['key_id'] ?? null ) === $key_id ) {
			return;
		}
		update_option(
			self::OPTION,
			array(
				'key_id' => $key_id,
				'at'     => time(),
			),
			false
		);
	}

	/**
	 * Clears the flag after a successful answer.
	 */
	public static function clear(): void {
		if ( false !== get_option( self::OPTION, false ) ) {
			delete_option( self::OPTION );
		}
	}

	/**
	 * Whether the last answer was a refusal.
	 */
	public static function is_refused(): bool {
		return is_array( get_option( self::OPTION, false ) );
	}

	/**
	 * Prints the "connector key refused" notice for store managers (admin_notices).
	 */
	public static function render_admin_notice(): void {
		if ( ! self::is_refused() || ! current_user_can( 'manage_woocommerce' ) ) {
			return;
		}
		printf(
			'<div class="notice notice-error"><p><strong>%1$s</strong> %2$s <a href="%3$s">%4$s</a></p></div>',
			esc_html__( 'RateBridge: connector key refused.', 'ratebridge-shipping' ),
			esc_html__( 'The key was revoked or is wrong, so checkout is showing your fallback rate. Create a new connector key in RateBridge and paste it into the settings.', 'ratebridge-shipping' ),
			esc_url( RateBridge_Admin_Link::settings_url() ),
			esc_html__( 'Open the RateBridge settings', 'ratebridge-shipping' )
		);
	}
}
