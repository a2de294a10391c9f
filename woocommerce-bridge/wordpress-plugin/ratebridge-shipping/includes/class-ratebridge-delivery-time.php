<?php
/**
 * The delivery estimate ("Arrives Tue 9 Dec – Thu 11 Dec") under each RateBridge rate on the classic cart
 * and checkout.
 *
 * @package RateBridge_Shipping
 */

declare(strict_types=1);

defined( 'ABSPATH' ) || exit;

/**
 * The block checkout shows a rate's delivery time itself: the Store API returns it with each rate
 * (CartShippingRateSchema's `delivery_time`, WooCommerce 9.2+) and the shipping-rates control renders it
 * beside the price. The classic template (templates/cart/cart-shipping.php) prints only the label and then
 * fires `woocommerce_after_shipping_rate` for each rate, so the classic cart and checkout get it here.
 */
final class RateBridge_Delivery_Time {

	/**
	 * Prints the estimate after one of this plugin's rates; other methods' rates are left alone.
	 *
	 * @param mixed $method The rate being listed (WC_Shipping_Rate).
	 */
	public static function render_after_rate( mixed $method ): void {
		if ( ! $method instanceof WC_Shipping_Rate || RateBridge_Connection::METHOD_ID !== $method->get_method_id() ) {
			return;
		}
		$text = self::text_of( $method );
		if ( '' !== $text ) {
			echo '<br /><small class="ratebridge-delivery-time">' . esc_html( $text ) . '</small>';
		}
	}

	/**
	 * The rate's delivery time: its own field on WooCommerce 9.2+, else the copy kept in its meta data.
	 *
	 * @param WC_Shipping_Rate $rate The rate.
	 */
	public static function text_of( WC_Shipping_Rate $rate ): string {
		$text = method_exists( $rate, 'get_delivery_time' ) ? (string) $rate->get_delivery_time() : '';
		if ( '' === $text ) {
			$meta = (array) $rate->get_meta_data();
			$text = is_string( $meta['delivery_time'] ?? null ) ? $meta['delivery_time'] : '';
		}
		return $text;
	}
}
