<?php
/**
 * The shopper's answers to the delivery questions, and the shipping company, on the shipping package.
 *
 * @package RateBridge_Shipping
 */

declare(strict_types=1);

defined( 'ABSPATH' ) || exit;

/**
 * Reads the answers where each checkout keeps them and puts them on every shipping package
 * (woocommerce_cart_shipping_packages) as `ratebridge_delivery` (question key => "yes"/"no") and
 * `ratebridge_company`. Being on the package they are part of WooCommerce's package hash, so its shipping
 * cache never serves the rates of the other answer, and part of the rates request the plugin sends
 * (RateBridge_Rate_Request), so its own cache does not either.
 *
 * The classic checkout's answers (remembered in the session from its form) come first; otherwise the block
 * checkout's, as saved on the customer by the Store API. A question never answered is left out: RateBridge
 * then uses the merchant's pre-filled answer, which is what the checkbox showed.
 *
 * The depot the shopper picked goes on the package too, as `ratebridge_depot` (`<platform>:<id>`): when the
 * shipping method chosen for that package (WooCommerce keeps it in the session's `chosen_shipping_methods`,
 * keyed by package index, in both checkouts) is one of our depot rates, `ratebridge:depot:<platform>:<id>`
 * (the shipping method adds `ratebridge:` to the bridge's rate id, which is the rate's code). RateBridge
 * then prices collection from that depot and keeps its rate listed.
 */
final class RateBridge_Checkout_Answers {

	public const SESSION_KEY = 'ratebridge_checkout';

	/** A depot rate's id as WooCommerce keeps the chosen one; the depot part to core's own pattern. */
	private const DEPOT_RATE_ID = '/^' . RateBridge_Connection::METHOD_ID . ':depot:([a-z]+:[A-Za-z0-9_-]{1,64})$/D';

	/**
	 * Adds the answers and the company to each package.
	 *
	 * @param mixed $packages Packages from WC_Cart::get_shipping_packages().
	 * @return mixed
	 */
	public static function add_to_packages( $packages ) {
		if ( ! is_array( $packages ) ) {
			return $packages;
		}
		$answers = self::current( RateBridge_Checkout_Fields::questions() );
		$company = self::company();
		$chosen  = self::chosen_methods();
		foreach ( $packages as $index => $package ) {
			if ( ! is_array( $package ) ) {
				continue;
			}
			if ( array() !== $answers ) {
				$package['ratebridge_delivery'] = $answers;
			}
			$depot = self::depot_of( $chosen[ $index ] ?? null );
			if ( null !== $depot ) {
				$package['ratebridge_depot'] = $depot;
			}
			if ( '' !== $company ) {
				$package['ratebridge_company'] = $company;
			}
			$packages[ $index ] = $package;
		}
		return $packages;
	}

	/**
	 * The depot (`<platform>:<id>`) of a chosen shipping method, or null when it is not one of our depot rates.
	 *
	 * @param mixed $method_id A rate id from the session's chosen_shipping_methods.
	 */
	public static function depot_of( $method_id ): ?string {
		if ( ! is_string( $method_id ) || 1 !== preg_match( self::DEPOT_RATE_ID, $method_id, $match ) ) {
			return null;
		}
		return $match[1];
	}

	/**
	 * The shipping method chosen per package index (woocommerce/woocommerce includes/wc-cart-functions.php,
	 * wc_get_chosen_shipping_method_ids(), reads the same session key); empty before any is chosen.
	 *
	 * @return array<mixed>
	 */
	private static function chosen_methods(): array {
		$session = self::session();
		$chosen  = null === $session ? null : $session->get( 'chosen_shipping_methods' );
		return is_array( $chosen ) ? $chosen : array();
	}

	/**
	 * The answers to the questions asked now, question key => "yes" or "no".
	 *
	 * @param list<array{key: string, label: string, default: bool}> $questions Questions asked.
	 * @return array<string, string>
	 */
	public static function current( array $questions ): array {
		$classic = self::classic_answers();
		$answers = array();
		foreach ( $questions as $question ) {
			$key    = $question['key'];
			$answer = $classic[ $key ] ?? self::block_answer( $key );
			if ( null !== $answer ) {
				$answers[ $key ] = $answer;
			}
		}
		return $answers;
	}

	/**
	 * The classic checkout's answers kept in the session (empty when it never posted any).
	 *
	 * @return array<string, string>
	 */
	public static function classic_answers(): array {
		$kept    = self::session_value();
		$answers = is_array( $kept['answers'] ?? null ) ? $kept['answers'] : array();
		return array_filter( $answers, static fn ( $answer, $key ): bool => in_array( $key, RateBridge_Checkout_Questions::KEYS, true ) && in_array( $answer, array( 'yes', 'no' ), true ), ARRAY_FILTER_USE_BOTH );
	}

	/**
	 * Remembers what the classic checkout form posted: each asked question's checkbox ("1" checked, "0"
	 * its unchecked twin) and the company of the address shipped to.
	 *
	 * @param mixed                                                  $posted    The posted form fields.
	 * @param list<array{key: string, label: string, default: bool}> $questions Questions asked.
	 */
	public static function remember_classic( $posted, array $questions ): void {
		$session = self::session();
		if ( ! is_array( $posted ) || null === $session ) {
			return;
		}
		$answers = array();
		foreach ( $questions as $question ) {
			$value = $posted[ RateBridge_Checkout_Fields::classic_field_name( $question['key'] ) ] ?? null;
			if ( '1' === $value || '0' === $value ) {
				$answers[ $question['key'] ] = '1' === $value ? 'yes' : 'no';
			}
		}
		$field   = empty( $posted['ship_to_different_address'] ) ? 'billing_company' : 'shipping_company';
		$company = is_string( $posted[ $field ] ?? null ) ? sanitize_text_field( $posted[ $field ] ) : '';
		$session->set(
			self::SESSION_KEY,
			array(
				'answers' => $answers,
				'company' => $company,
			)
		);
	}

	/**
	 * Keeps the classic checkout's answers on its order (woocommerce_checkout_create_order), in the block
	 * checkout's additional fields, so the order screen shows them as it does for a block checkout's order.
	 *
	 * @param mixed $order The order being created.
	 */
	public static function record_on_order( $order ): void {
		$answers = self::classic_answers();
		$fields  = self::checkout_fields();
		if ( array() === $answers || null === $fields || ! $order instanceof WC_Order ) {
			return;
		}
		foreach ( RateBridge_Checkout_Fields::questions() as $question ) {
			$id     = RateBridge_Checkout_Fields::block_field_id( $question['key'] );
			$answer = $answers[ $question['key'] ] ?? null;
			if ( null !== $answer && $fields->is_field( $id ) ) {
				// Not on the customer: their next checkout asks again, pre-filled with the merchant's answer.
				$fields->persist_field_for_order( $id, 'yes' === $answer, $order, 'shipping', false );
			}
		}
	}

	/**
	 * The company of the address shipped to: the classic form's when it posted one, else the customer's.
	 */
	public static function company(): string {
		$kept = self::session_value();
		if ( is_string( $kept['company'] ?? null ) ) {
			return $kept['company'];
		}
		$customer = self::customer();
		return null === $customer ? '' : trim( (string) $customer->get_shipping_company() );
	}

	/**
	 * The block checkout's answer to a question, as the Store API saved it on the customer; null when the
	 * field was never sent (or the block checkout's fields are not available).
	 *
	 * @param string $key Question key.
	 */
	private static function block_answer( string $key ): ?string {
		$fields   = self::checkout_fields();
		$customer = self::customer();
		if ( null === $fields || null === $customer ) {
			return null;
		}
		$id = RateBridge_Checkout_Fields::block_field_id( $key );
		// The raw meta says whether it was answered at all; the service reads the value as WooCommerce does.
		$saved = $customer->get_meta( $fields::get_group_key( 'shipping' ) . $id, true );
		if ( '' === $saved || null === $saved || false === $saved ) {
			return null;
		}
		return true === $fields->get_field_from_object( $id, $customer, 'shipping' ) ? 'yes' : 'no';
	}

	/**
	 * WooCommerce's additional checkout fields service, or null before WooCommerce 8.9 or outside it.
	 *
	 * @return \Automattic\WooCommerce\Blocks\Domain\Services\CheckoutFields|null
	 */
	private static function checkout_fields(): ?object {
		$service = \Automattic\WooCommerce\Blocks\Domain\Services\CheckoutFields::class;
		if ( ! class_exists( \Automattic\WooCommerce\Blocks\Package::class ) || ! class_exists( $service ) ) {
			return null;
		}
		try {
			$fields = \Automattic\WooCommerce\Blocks\Package::container()->get( $service );
		} catch ( Exception $e ) {
			return null;
		}
		return is_object( $fields ) ? $fields : null;
	}

	/**
	 * The session's value, if any.
	 *
	 * @return array<string, mixed>
	 */
	private static function session_value(): array {
		$session = self::session();
		$kept    = null === $session ? null : $session->get( self::SESSION_KEY );
		return is_array( $kept ) ? $kept : array();
	}

	/**
	 * WooCommerce's session, null outside a shopper's request.
	 */
	private static function session(): ?object {
		return function_exists( 'WC' ) && is_object( WC()->session ) ? WC()->session : null;
	}

	/**
	 * The shopper as WooCommerce knows them, null outside a shopper's request.
	 */
	private static function customer(): ?object {
		return function_exists( 'WC' ) && is_object( WC()->customer ) ? WC()->customer : null;
	}
}
