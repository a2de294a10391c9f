<?php
/**
 * The delivery questions on the checkout: classic and block.
 *
 * @package RateBridge_Shipping
 */

declare(strict_types=1);

defined( 'ABSPATH' ) || exit;

/**
 * Puts the questions RateBridge_Checkout_Questions lists on both checkouts, as checkboxes pre-filled with the
 * merchant's assumption:
 *
 * - Block checkout: WooCommerce's additional checkout fields (woocommerce_register_additional_checkout_field,
 *   location "address", type "checkbox", id "ratebridge/<key with dashes>"). An address field is sent with the
 *   address in the Store API's cart/update-customer, saved on the customer and followed by a recalculation,
 *   so the rates refresh when it changes; the pre-filled answer comes from the field's
 *   woocommerce_get_default_value_for_<id> filter.
 * - Classic checkout: checkboxes rendered below the shipping address (woocommerce_before_order_notes, which
 *   runs whether or not order notes are enabled) inside a form row with the class update_totals_on_change, so
 *   checkout.js posts update_order_review on every change; the answers are taken from that request's post_data
 *   and from the final checkout POST, and kept in the WooCommerce session (RateBridge_Checkout_Answers), then
 *   on the order in the block checkout's fields.
 */
final class RateBridge_Checkout_Fields {

	public const BLOCK_NAMESPACE = 'ratebridge/';
	public const CLASSIC_PREFIX  = 'ratebridge_';

	/**
	 * The block checkout's field id of a question key: "is_business" -> "ratebridge/is-business".
	 *
	 * @param string $key Question key.
	 */
	public static function block_field_id( string $key ): string {
		return self::BLOCK_NAMESPACE . str_replace( '_', '-', $key );
	}

	/**
	 * The classic checkout's input name of a question key: "is_business" -> "ratebridge_is_business".
	 *
	 * @param string $key Question key.
	 */
	public static function classic_field_name( string $key ): string {
		return self::CLASSIC_PREFIX . $key;
	}

	/**
	 * The questions of this request. Only a request that can show a checkout (a page, wc-ajax, the Store
	 * API) may ask the bridge; admin screens, cron, WP-CLI and other REST requests use what is cached.
	 *
	 * @return list<array{key: string, label: string, default: bool}>
	 */
	public static function questions(): array {
		return RateBridge_Checkout_Questions::current( RateBridge_Connection::load(), self::may_ask() );
	}

	/**
	 * Registers the block checkout's fields (on woocommerce_init, as WooCommerce asks).
	 */
	public static function register_block_fields(): void {
		if ( ! function_exists( 'woocommerce_register_additional_checkout_field' ) ) {
			return;
		}
		foreach ( self::questions() as $question ) {
			$id = self::block_field_id( $question['key'] );
			try {
				woocommerce_register_additional_checkout_field(
					array(
						'id'                         => $id,
						'label'                      => $question['label'],
						'location'                   => 'address',
						'type'                       => 'checkbox',
						'required'                   => false,
						'show_in_order_confirmation' => true,
					)
				);
			} catch ( Exception $e ) {
				// Another plugin took the id, or WooCommerce refused it: the checkout still works without it.
				( new RateBridge_Log() )->warning( sprintf( 'RateBridge could not add the checkout field %s: %s', $id, $e->getMessage() ) );
				continue;
			}
			$prefilled = $question['default'] ? '1' : '0';
			add_filter( 'woocommerce_get_default_value_for_' . $id, static fn ( $value ) => null === $value ? $prefilled : $value );
		}
	}

	/**
	 * Renders the classic checkout's checkboxes (woocommerce_before_order_notes).
	 */
	public static function render_classic_fields(): void {
		$cart = function_exists( 'WC' ) ? WC()->cart : null;
		// Nothing to deliver (a virtual cart), nothing to ask.
		if ( ! function_exists( 'woocommerce_form_field' ) || ( is_object( $cart ) && ! $cart->needs_shipping() ) ) {
			return;
		}
		$questions = self::questions();
		if ( array() === $questions ) {
			return;
		}
		$answers = RateBridge_Checkout_Answers::classic_answers();
		echo '<div class="ratebridge-delivery-questions"><h3>' . esc_html__( 'Delivery', 'ratebridge-shipping' ) . '</h3>';
		foreach ( $questions as $question ) {
			$answer = $answers[ $question['key'] ] ?? ( $question['default'] ? 'yes' : 'no' );
			woocommerce_form_field(
				self::classic_field_name( $question['key'] ),
				array(
					'type'            => 'checkbox',
					'label'           => $question['label'],
					'class'           => array( 'form-row-wide', 'update_totals_on_change' ),
					'checked_value'   => '1',
					// Posted when the box is unchecked, so "no" is an answer and not a missing field.
					'unchecked_value' => '0',
				),
				'yes' === $answer ? '1' : '0'
			);
		}
		echo '</div>';
	}

	/**
	 * The classic checkout's update_order_review: its serialised form is the shopper's latest answers.
	 *
	 * @param mixed $post_data The checkout form, URL-encoded (WooCommerce passes $_POST['post_data']).
	 */
	public static function remember_update_order_review( $post_data ): void {
		$posted = array();
		if ( is_string( $post_data ) ) {
			parse_str( $post_data, $posted );
		}
		RateBridge_Checkout_Answers::remember_classic( $posted, self::questions() );
	}

	/**
	 * The classic checkout's final POST (woocommerce_checkout_process runs after WooCommerce checked its nonce).
	 */
	public static function remember_checkout_post(): void {
		// phpcs:ignore WordPress.Security.NonceVerification.Missing -- WooCommerce verified the checkout nonce.
		RateBridge_Checkout_Answers::remember_classic( wp_unslash( $_POST ), self::questions() );
	}

	/**
	 * Whether this request may ask the bridge for the questions (see questions()).
	 */
	private static function may_ask(): bool {
		if ( ( defined( 'WP_CLI' ) && WP_CLI ) || ( function_exists( 'wp_doing_cron' ) && wp_doing_cron() ) ) {
			return false;
		}
		if ( function_exists( 'WC' ) && method_exists( WC(), 'is_store_api_request' ) && WC()->is_rest_api_request() ) {
			return WC()->is_store_api_request();
		}
		return ! is_admin() || wp_doing_ajax();
	}
}
