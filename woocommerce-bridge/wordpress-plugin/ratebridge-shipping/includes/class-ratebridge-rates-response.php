<?php
/**
 * Parsing of the bridge's rates answer.
 *
 * @package RateBridge_Shipping
 */

declare(strict_types=1);

defined( 'ABSPATH' ) || exit;

/**
 * Validates `{"rates": [{"id", "label", "cost": "12.50", "cost_ex_gst"?: "11.36", "gst"?: "1.14", "description"?,
 * "delivery_time"?, "meta_data"?}]}`. `cost` is the price as the merchant chose to show it in RateBridge;
 * `cost_ex_gst` the same rate before GST, which the method hands WooCommerce when the store taxes shipping.
 *
 * A rate that breaks the contract is dropped; an answer whose every rate was dropped counts as malformed
 * (never as "cannot ship"), so the checkout falls back instead of showing nothing.
 */
final class RateBridge_Rates_Response {

	private const ID_PATTERN   = '/^[A-Za-z0-9._:\-]{1,100}$/';
	private const COST_PATTERN = '/^\d{1,9}(\.\d{1,6})?$/';

	/**
	 * Parses a decoded 200 body.
	 *
	 * @param array<mixed> $decoded Decoded JSON object.
	 * @return array{rates: list<array{id: string, label: string, cost: string, cost_ex_gst: ?string, gst: ?string, description: string, delivery_time: string, meta_data: array<string, string>}>, dropped: int}|null
	 */
	public static function parse( array $decoded ): ?array {
		$raw_rates = $decoded['rates'] ?? null;
		if ( ! is_array( $raw_rates ) || ! array_is_list( $raw_rates ) ) {
			return null;
		}

		$rates = array();
		foreach ( $raw_rates as $raw ) {
			$rate = is_array( $raw ) ? self::rate( $raw ) : null;
			if ( null !== $rate ) {
				$rates[] = $rate;
			}
		}

		$dropped = count( $raw_rates ) - count( $rates );
		if ( $dropped > 0 && array() === $rates ) {
			return null;
		}
		return array(
			'rates'   => $rates,
			'dropped' => $dropped,
		);
	}

	/**
	 * One rate, or null when it breaks the contract.
	 *
	 * @param array<mixed> $raw Decoded rate.
	 * @return array{id: string, label: string, cost: string, cost_ex_gst: ?string, gst: ?string, description: string, delivery_time: string, meta_data: array<string, string>}|null
	 */
	private static function rate( array $raw ): ?array {
		$id    = $raw['id'] ?? null;
		$label = is_string( $raw['label'] ?? null ) ? sanitize_text_field( $raw['label'] ) : '';
		$cost  = $raw['cost'] ?? null;
		if ( ! is_string( $id ) || 1 !== preg_match( self::ID_PATTERN, $id ) || '' === $label
			|| ! is_string( $cost ) || 1 !== preg_match( self::COST_PATTERN, $cost ) ) {
			return null;
		}

		return array(
			'id'            => $id,
			'label'         => $label,
			'cost'          => $cost,
			'cost_ex_gst'   => self::optional_amount( $raw['cost_ex_gst'] ?? null ),
			'gst'           => self::optional_amount( $raw['gst'] ?? null ),
			'description'   => is_string( $raw['description'] ?? null ) ? sanitize_text_field( $raw['description'] ) : '',
			'delivery_time' => is_string( $raw['delivery_time'] ?? null ) ? sanitize_text_field( $raw['delivery_time'] ) : '',
			'meta_data'     => self::meta_data( $raw['meta_data'] ?? null ),
		);
	}

	/**
	 * A decimal amount, or null when absent or not one (an older bridge sends neither GST field).
	 *
	 * @param mixed $raw Decoded value.
	 */
	private static function optional_amount( mixed $raw ): ?string {
		return is_string( $raw ) && 1 === preg_match( self::COST_PATTERN, $raw ) ? $raw : null;
	}

	/**
	 * Scalar meta entries as strings; nested values are ignored (WooCommerce stores rate meta as flat strings).
	 *
	 * @param mixed $raw Decoded meta_data.
	 * @return array<string, string>
	 */
	private static function meta_data( mixed $raw ): array {
		if ( ! is_array( $raw ) || array_is_list( $raw ) ) {
			return array();
		}
		$meta = array();
		foreach ( $raw as $key => $value ) {
			if ( is_string( $key ) && '' !== $key && is_scalar( $value ) ) {
				$meta[ $key ] = is_bool( $value ) ? ( $value ? 'yes' : 'no' ) : (string) $value;
			}
		}
		return $meta;
	}
}
