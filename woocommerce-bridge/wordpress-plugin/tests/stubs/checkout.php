<?php
/**
 * The checkout side of WooCommerce, as far as the delivery questions use it: WC() with its session and
 * customer, the request-kind checks, woocommerce_form_field() for checkboxes, and the block checkout's
 * additional fields (registration and the CheckoutFields service reading a customer's saved value), written
 * after woocommerce/woocommerce@9.9.5 src/Blocks/Domain/Services/CheckoutFields.php. The real ones run in the
 * real-WordPress suite (test/wordpress).
 */

declare(strict_types=1);

namespace {

	final class RateBridge_Test_Checkout {
		public static ?RateBridge_Test_WC $wc = null;
		public static bool $is_admin = false;
		public static bool $doing_ajax = false;
		public static bool $doing_cron = false;
		/** @var array<string, array<string, mixed>> registered block checkout fields by id */
		public static array $block_fields = array();

		public static function reset(): void {
			self::$wc           = new RateBridge_Test_WC();
			self::$is_admin     = false;
			self::$doing_ajax   = false;
			self::$doing_cron   = false;
			self::$block_fields = array();
		}
	}

	final class RateBridge_Test_Session {
		/** @var array<string, mixed> */
		public array $data = array();
		public function get( string $key, mixed $default = null ): mixed {
			return $this->data[ $key ] ?? $default;
		}
		public function set( string $key, mixed $value ): void {
			$this->data[ $key ] = $value;
		}
	}

	final class RateBridge_Test_Customer {
		/** @var array<string, mixed> */
		public array $meta = array();
		public string $shipping_company = '';
		public function get_meta( string $key, bool $single = true ): mixed {
			return $this->meta[ $key ] ?? '';
		}
		public function update_meta_data( string $key, mixed $value ): void {
			$this->meta[ $key ] = $value;
		}
		public function get_shipping_company(): string {
			return $this->shipping_company;
		}
	}

	final class RateBridge_Test_Cart {
		public bool $needs_shipping = true;
		public function needs_shipping(): bool {
			return $this->needs_shipping;
		}
	}

	final class RateBridge_Test_WC {
		public RateBridge_Test_Session $session;
		public RateBridge_Test_Cart $cart;
		public RateBridge_Test_Customer $customer;
		public string $request_uri = '/';
		public function __construct() {
			$this->session  = new RateBridge_Test_Session();
			$this->customer = new RateBridge_Test_Customer();
			$this->cart     = new RateBridge_Test_Cart();
		}
		public function is_rest_api_request(): bool {
			return str_starts_with( $this->request_uri, '/wp-json/' );
		}
		public function is_store_api_request(): bool {
			return str_starts_with( $this->request_uri, '/wp-json/wc/store/' );
		}
	}

	/** An order, as far as additional fields are kept on it (meta data). */
	class WC_Order {
		/** @var array<string, mixed> */
		public array $meta = array();
		public function update_meta_data( string $key, mixed $value ): void {
			$this->meta[ $key ] = $value;
		}
		public function get_meta( string $key, bool $single = true ): mixed {
			return $this->meta[ $key ] ?? '';
		}
	}

	function WC(): RateBridge_Test_WC {
		return RateBridge_Test_Checkout::$wc ??= new RateBridge_Test_WC();
	}
	function is_admin(): bool {
		return RateBridge_Test_Checkout::$is_admin;
	}
	function wp_doing_ajax(): bool {
		return RateBridge_Test_Checkout::$doing_ajax;
	}
	function wp_doing_cron(): bool {
		return RateBridge_Test_Checkout::$doing_cron;
	}

	/** As WooCommerce's: refuses an id without a namespace or one already registered (it throws). */
	function woocommerce_register_additional_checkout_field( array $options ): void {
		$id = (string) ( $options['id'] ?? '' );
		if ( count( explode( '/', $id ) ) < 2 || isset( RateBridge_Test_Checkout::$block_fields[ $id ] ) ) {
			throw new \Exception( 'Unable to register field with id: "' . $id . '".' );
		}
		RateBridge_Test_Checkout::$block_fields[ $id ] = $options;
	}

	/** The checkbox case of WooCommerce's woocommerce_form_field() (hidden unchecked twin, then the box). */
	function woocommerce_form_field( string $key, array $args, mixed $value = null ): void {
		printf(
			'<p class="form-row %1$s" id="%2$s_field"><label class="checkbox"><input type="hidden" name="%2$s" value="%3$s" /><input type="checkbox" name="%2$s" value="%4$s"%5$s /> %6$s</label></p>',
			esc_attr( implode( ' ', $args['class'] ?? array() ) ),
			esc_attr( $key ),
			esc_attr( (string) $args['unchecked_value'] ),
			esc_attr( (string) $args['checked_value'] ),
			(string) $value === (string) $args['checked_value'] ? ' checked="checked"' : '',
			esc_html( (string) $args['label'] )
		);
	}
}

namespace Automattic\WooCommerce\Blocks\Domain\Services {

	final class CheckoutFields {
		public static function get_group_key( string $group ): string {
			return match ( $group ) {
				'billing'  => '_wc_billing/',
				'shipping' => '_wc_shipping/',
				default    => '_wc_other/',
			};
		}

		public function is_field( string $key ): bool {
			return isset( \RateBridge_Test_Checkout::$block_fields[ $key ] );
		}

		/** As 9.9.5's set_array_meta(): booleans stored as '1'/'0' under the group's prefix. */
		public function persist_field_for_order( string $key, mixed $value, \WC_Order $order, string $group = 'other', bool $set_customer = true ): void {
			$order->update_meta_data( self::get_group_key( $group ) . $key, is_bool( $value ) ? ( $value ? '1' : '0' ) : $value );
		}

		/** As 9.9.5's: the saved meta, else the default-value filter; a checkbox reads as '1' === value. */
		public function get_field_from_object( string $key, object $wc_object, string $group = 'other' ): mixed {
			$value = $wc_object->get_meta( self::get_group_key( $group ) . $key, true );
			if ( ! $value && '0' !== $value ) {
				$value = \apply_filters( "woocommerce_get_default_value_for_{$key}", null, $group, $wc_object );
			}
			$field = \RateBridge_Test_Checkout::$block_fields[ $key ] ?? null;
			if ( null !== $field && 'checkbox' === $field['type'] ) {
				return '1' === $value;
			}
			return $value ?? '';
		}
	}
}

namespace Automattic\WooCommerce\Blocks {

	final class Package {
		public static function container(): object {
			return new class() {
				public function get( string $id ): object {
					return new $id();
				}
			};
		}
	}
}
