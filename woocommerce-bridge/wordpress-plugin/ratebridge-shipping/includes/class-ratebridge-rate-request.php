<?php
/**
 * The body of a rates request, built from a WooCommerce shipping package.
 *
 * @package RateBridge_Shipping
 */

declare(strict_types=1);

defined( 'ABSPATH' ) || exit;

/**
 * Translates `$package` into the bridge's wire format:
 * `{"currency", "units": {"weight", "dimension"}, "package": {"destination": {...}, "contents": [...]},
 * "delivery": {...}}`. Product data is sent exactly as WooCommerce stores it (strings, in the store's units).
 * The destination's `company` (when there is one) and the `delivery` answers ("yes"/"no" by question key) are what
 * RateBridge_Checkout_Answers put on the package, with `delivery.depot` (`<platform>:<id>`) when the shopper
 * chose one of RateBridge's depot rates; `delivery` is left out when nothing was answered or chosen.
 */
final class RateBridge_Rate_Request {

	private const DESTINATION_FIELDS = array( 'country', 'state', 'postcode', 'city', 'address_1', 'address_2' );

	/**
	 * Builds the payload for a package.
	 *
	 * @param array<string, mixed> $package WooCommerce shipping package.
	 * @return array<string, mixed>
	 */
	public static function payload( array $package ): array {
		$destination = is_array( $package['destination'] ?? null ) ? $package['destination'] : array();
		$address     = array();
		foreach ( self::DESTINATION_FIELDS as $field ) {
			$address[ $field ] = is_scalar( $destination[ $field ] ?? null ) ? (string) $destination[ $field ] : '';
		}
		if ( is_string( $package['ratebridge_company'] ?? null ) && '' !== $package['ratebridge_company'] ) {
			$address['company'] = $package['ratebridge_company'];
		}

		$contents = array();
		foreach ( (array) ( $package['contents'] ?? array() ) as $item ) {
			$line = is_array( $item ) ? self::line( $item ) : null;
			if ( null !== $line ) {
				$contents[] = $line;
			}
		}

		$payload = array(
			'currency' => (string) get_woocommerce_currency(),
			'units'    => array(
				'weight'    => (string) get_option( 'woocommerce_weight_unit' ),
				'dimension' => (string) get_option( 'woocommerce_dimension_unit' ),
			),
			'package'  => array(
				'destination' => $address,
				'contents'    => $contents,
			),
		);
		$delivery = $package['ratebridge_delivery'] ?? null;
		$delivery = is_array( $delivery ) ? $delivery : array();
		$depot    = $package['ratebridge_depot'] ?? null;
		if ( is_string( $depot ) && '' !== $depot ) {
			$delivery['depot'] = $depot;
		}
		if ( array() !== $delivery ) {
			$payload['delivery'] = $delivery;
		}
		return $payload;
	}

	/**
	 * Encodes the payload exactly once: these bytes are both signed and sent.
	 *
	 * @param array<string, mixed> $payload Payload from payload().
	 * @return string|null Null when the payload cannot be encoded.
	 */
	public static function encode( array $payload ): ?string {
		$body = wp_json_encode( $payload, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE );
		return is_string( $body ) ? $body : null;
	}

	/**
	 * One cart line, or null when its product needs no shipping.
	 *
	 * @param array<string, mixed> $item Cart item from $package['contents'].
	 * @return array<string, mixed>|null
	 */
	private static function line( array $item ): ?array {
		$product_id   = absint( $item['product_id'] ?? 0 );
		$variation_id = absint( $item['variation_id'] ?? 0 );
		// The cart item already carries the product (the variation when there is one); load it only if missing.
		$product = $item['data'] ?? null;
		if ( ! is_object( $product ) ) {
			$product = wc_get_product( $variation_id ? $variation_id : $product_id );
		}
		if ( ! is_object( $product ) || ! $product->needs_shipping() ) {
			return null;
		}

		$line_total = $item['line_total'] ?? 0;
		return array(
			'product_id'   => $product_id,
			'variation_id' => $variation_id,
			'sku'          => (string) $product->get_sku(),
			'quantity'     => (int) ( $item['quantity'] ?? 0 ),
			'line_total'   => is_numeric( $line_total ) ? $line_total + 0 : 0,
			'weight'       => self::stored_value( $product->get_weight() ),
			'length'       => self::stored_value( $product->get_length() ),
			'width'        => self::stored_value( $product->get_width() ),
			'height'       => self::stored_value( $product->get_height() ),
		);
	}

	/**
	 * A weight or dimension as stored, null when unset.
	 *
	 * @param mixed $value Value from the product getter (WooCommerce returns strings).
	 * @return string|int|float|null
	 */
	private static function stored_value( mixed $value ): string|int|float|null {
		if ( null === $value || '' === $value || ! is_scalar( $value ) || is_bool( $value ) ) {
			return null;
		}
		return $value;
	}
}
