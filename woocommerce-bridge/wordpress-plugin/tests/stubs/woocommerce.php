<?php
/**
 * The slice of WooCommerce the plugin builds on. WC_Settings_API and WC_Shipping_Method follow the real classes'
 * behaviour for what is used here (option keys, defaults, instance vs store-wide options, validate_* lookup,
 * generate_*_html lookup, and the real password field printing its value back, which the plugin must override).
 */

declare(strict_types=1);

function wc_get_logger(): RateBridge_Test_Logger {
	static $logger = null;
	return $logger ??= new RateBridge_Test_Logger();
}
function get_woocommerce_currency(): string {
	return RateBridge_Test_World::$currency;
}
function wc_get_product( mixed $id ): object|false {
	return RateBridge_Test_World::$products[ (int) $id ] ?? false;
}
function wc_format_decimal( mixed $number, mixed $dp = false ): string {
	$number = (string) $number;
	return false === $dp ? $number : number_format( (float) $number, (int) $dp, '.', '' );
}
function wc_get_price_decimals(): int {
	return 2;
}
function wc_tax_enabled(): bool {
	return 'yes' === get_option( 'woocommerce_calc_taxes' );
}
function wc_clean( mixed $value ): mixed {
	return is_array( $value ) ? array_map( 'wc_clean', $value ) : ( is_scalar( $value ) ? sanitize_text_field( (string) $value ) : $value );
}

class WC_Shipping_Rate {
	private array $data = array(
		'id'            => '',
		'method_id'     => '',
		'instance_id'   => 0,
		'label'         => '',
		'cost'          => 0,
		'taxes'         => array(),
		'description'   => '',
		'delivery_time' => '',
	);
	private array $meta_data = array();

	public function set_id( $id ) { $this->data['id'] = (string) $id; }
	public function set_method_id( $id ) { $this->data['method_id'] = (string) $id; }
	public function set_instance_id( $id ) { $this->data['instance_id'] = absint( $id ); }
	public function set_label( $label ) { $this->data['label'] = (string) $label; }
	public function set_cost( $cost ) { $this->data['cost'] = $cost; }
	public function set_taxes( $taxes ) { $this->data['taxes'] = is_array( $taxes ) ? $taxes : array(); }
	public function set_description( $description ) { $this->data['description'] = (string) $description; }
	public function set_delivery_time( $delivery_time ) { $this->data['delivery_time'] = (string) $delivery_time; }
	public function get_id() { return $this->data['id']; }
	public function get_method_id() { return $this->data['method_id']; }
	public function get_instance_id() { return $this->data['instance_id']; }
	public function get_label() { return $this->data['label']; }
	public function get_cost() { return $this->data['cost']; }
	public function get_description() { return $this->data['description']; }
	public function get_delivery_time() { return $this->data['delivery_time']; }
	public function get_taxes() { return $this->data['taxes']; }
	public function add_meta_data( $key, $value ) { $this->meta_data[ wc_clean( $key ) ] = wc_clean( $value ); }
	public function get_meta_data() { return $this->meta_data; }
}

abstract class WC_Settings_API {
	public $plugin_id   = 'woocommerce_';
	public $id          = '';
	public $errors      = array();
	public $settings    = array();
	public $form_fields = array();
	protected $data     = array();

	public function get_form_fields() {
		return array_map( array( $this, 'set_defaults' ), $this->form_fields );
	}
	protected function set_defaults( $field ) {
		if ( ! isset( $field['default'] ) ) {
			$field['default'] = '';
		}
		return $field;
	}
	public function init_form_fields() {}
	public function get_option_key() {
		return $this->plugin_id . $this->id . '_settings';
	}
	public function get_field_type( $field ) {
		return empty( $field['type'] ) ? 'text' : $field['type'];
	}
	public function get_field_default( $field ) {
		return empty( $field['default'] ) ? '' : $field['default'];
	}
	public function get_field_key( $key ) {
		return $this->plugin_id . $this->id . '_' . $key;
	}
	public function get_field_value( $key, $field, $post_data = array() ) {
		$type  = $this->get_field_type( $field );
		$value = $post_data[ $this->get_field_key( $key ) ] ?? null;
		if ( is_callable( array( $this, 'validate_' . $key . '_field' ) ) ) {
			return $this->{'validate_' . $key . '_field'}( $key, $value );
		}
		if ( is_callable( array( $this, 'validate_' . $type . '_field' ) ) ) {
			return $this->{'validate_' . $type . '_field'}( $key, $value );
		}
		return $this->validate_text_field( $key, $value );
	}
	public function set_post_data( $data = array() ) {
		$this->data = $data;
	}
	public function get_post_data() {
		return ! empty( $this->data ) ? $this->data : $_POST;
	}
	public function process_admin_options() {
		$this->init_settings();
		$post_data = $this->get_post_data();
		foreach ( $this->get_form_fields() as $key => $field ) {
			if ( 'title' !== $this->get_field_type( $field ) ) {
				try {
					$this->settings[ $key ] = $this->get_field_value( $key, $field, $post_data );
				} catch ( Exception $e ) {
					$this->add_error( $e->getMessage() );
				}
			}
		}
		return update_option( $this->get_option_key(), $this->settings, 'yes' );
	}
	public function add_error( $error ) {
		$this->errors[] = $error;
	}
	public function get_errors() {
		return $this->errors;
	}
	public function init_settings() {
		$this->settings = get_option( $this->get_option_key(), null );
		if ( ! is_array( $this->settings ) ) {
			$form_fields    = $this->get_form_fields();
			$this->settings = array_merge( array_fill_keys( array_keys( $form_fields ), '' ), wp_list_pluck( $form_fields, 'default' ) );
		}
	}
	public function get_option( $key, $empty_value = null ) {
		if ( empty( $this->settings ) ) {
			$this->init_settings();
		}
		if ( ! isset( $this->settings[ $key ] ) ) {
			$form_fields            = $this->get_form_fields();
			$this->settings[ $key ] = isset( $form_fields[ $key ] ) ? $this->get_field_default( $form_fields[ $key ] ) : '';
		}
		if ( ! is_null( $empty_value ) && '' === $this->settings[ $key ] ) {
			$this->settings[ $key ] = $empty_value;
		}
		return $this->settings[ $key ];
	}
	public function generate_settings_html( $form_fields = array(), $echo = true ) {
		if ( empty( $form_fields ) ) {
			$form_fields = $this->get_form_fields();
		}
		$html = '';
		foreach ( $form_fields as $k => $v ) {
			$type = $this->get_field_type( $v );
			if ( method_exists( $this, 'generate_' . $type . '_html' ) ) {
				$html .= $this->{'generate_' . $type . '_html'}( $k, $v );
			} else {
				$html .= $this->generate_text_html( $k, $v );
			}
		}
		if ( $echo ) {
			echo $html;
			return null;
		}
		return $html;
	}
	public function generate_text_html( $key, $data ) {
		$field_key = $this->get_field_key( $key );
		$data      = wp_parse_args( $data, array( 'title' => '', 'type' => 'text', 'description' => '' ) );
		return '<tr><th><label for="' . esc_attr( $field_key ) . '">' . wp_kses_post( $data['title'] ) . '</label></th><td>'
			. '<input type="' . esc_attr( $data['type'] ) . '" name="' . esc_attr( $field_key ) . '" id="' . esc_attr( $field_key ) . '" value="' . esc_attr( (string) $this->get_option( $key ) ) . '" />'
			. '<p class="description">' . wp_kses_post( $data['description'] ) . '</p></td></tr>';
	}
	// As in WooCommerce: a password field is a text field of type password, value included.
	public function generate_password_html( $key, $data ) {
		$data['type'] = 'password';
		return $this->generate_text_html( $key, $data );
	}
	public function validate_text_field( $key, $value ) {
		$value = is_null( $value ) ? '' : $value;
		return wp_kses_post( trim( stripslashes( $value ) ) );
	}
	public function validate_password_field( $key, $value ) {
		$value = is_null( $value ) ? '' : $value;
		return trim( stripslashes( $value ) );
	}
}

/** The two WC_Tax functions the plugin calls, at one shipping rate of RateBridge_Test_World::$shipping_tax_percent. */
final class WC_Tax {
	/** @return array<int, array{rate: float, label: string, shipping: string, compound: string}> */
	public static function get_shipping_tax_rates( $tax_class = null, $customer = null ) {
		return array( 1 => array( 'rate' => RateBridge_Test_World::$shipping_tax_percent, 'label' => 'GST', 'shipping' => 'yes', 'compound' => 'no' ) );
	}
	/** @return array<int, float> */
	public static function calc_inclusive_tax( $price, $rates ) {
		$taxes = array();
		foreach ( $rates as $key => $rate ) {
			$taxes[ $key ] = $price - $price / ( 1 + $rate['rate'] / 100 );
		}
		return $taxes;
	}
}

abstract class WC_Shipping_Method extends WC_Settings_API {
	public $supports             = array( 'settings' );
	public $id                   = '';
	public $method_title         = '';
	public $method_description   = '';
	public $enabled              = 'yes';
	public $title;
	public $rates                = array();
	public $tax_status           = 'taxable';
	public $instance_id          = 0;
	public $instance_form_fields = array();
	public $instance_settings    = array();

	public function __construct( $instance_id = 0 ) {
		$this->instance_id = absint( $instance_id );
	}
	public function supports( $feature ) {
		return in_array( $feature, $this->supports, true );
	}
	public function calculate_shipping( $package = array() ) {}
	public function get_instance_id() {
		return $this->instance_id;
	}
	public function get_rates_for_package( $package ) {
		$this->rates = array();
		$this->calculate_shipping( $package );
		return $this->rates;
	}
	public function get_rate_id( $suffix = '' ) {
		$rate_id = array( $this->id );
		if ( $this->instance_id ) {
			$rate_id[] = $this->instance_id;
		}
		if ( $suffix ) {
			$rate_id[] = $suffix;
		}
		return implode( ':', $rate_id );
	}
	public function add_rate( $args = array() ) {
		$args = wp_parse_args(
			$args,
			array(
				'id'        => $this->get_rate_id(),
				'label'     => '',
				'cost'      => '0',
				'taxes'     => '',
				'meta_data' => array(),
				'package'   => false,
			)
		);
		if ( ! $args['id'] || ! $args['label'] ) {
			return;
		}
		$rate = new WC_Shipping_Rate();
		$rate->set_id( $args['id'] );
		$rate->set_method_id( $this->id );
		$rate->set_instance_id( $this->instance_id );
		$rate->set_label( $args['label'] );
		$rate->set_cost( wc_format_decimal( $args['cost'], wc_get_price_decimals() ) );
		// As WooCommerce does: unless taxes are given, or are false, tax is calculated on top of a taxable cost.
		$taxes = $args['taxes'];
		if ( ! is_array( $taxes ) && false !== $taxes && (float) $args['cost'] > 0 && $this->is_taxable() ) {
			$taxes = array( 1 => (float) $args['cost'] * RateBridge_Test_World::$shipping_tax_percent / 100 );
		}
		$rate->set_taxes( $taxes );
		foreach ( (array) $args['meta_data'] as $key => $value ) {
			$rate->add_meta_data( $key, $value );
		}
		$this->rates[ $args['id'] ] = $rate;
	}
	public function is_taxable() {
		return wc_tax_enabled() && 'taxable' === $this->tax_status;
	}
	public function has_settings() {
		return $this->instance_id ? $this->supports( 'instance-settings' ) : $this->supports( 'settings' );
	}
	public function get_admin_options_html() {
		$fields = $this->instance_id ? $this->get_instance_form_fields() : $this->get_form_fields();
		return '<table class="form-table">' . $this->generate_settings_html( $fields, false ) . '</table>';
	}
	public function get_option( $key, $empty_value = null ) {
		if ( $this->instance_id && array_key_exists( $key, $this->get_instance_form_fields() ) ) {
			return $this->get_instance_option( $key, $empty_value );
		}
		return parent::get_option( $key, $empty_value );
	}
	public function get_instance_option( $key, $empty_value = null ) {
		if ( empty( $this->instance_settings ) ) {
			$this->init_instance_settings();
		}
		if ( ! isset( $this->instance_settings[ $key ] ) ) {
			$form_fields                     = $this->get_instance_form_fields();
			$this->instance_settings[ $key ] = $this->get_field_default( $form_fields[ $key ] );
		}
		if ( ! is_null( $empty_value ) && '' === $this->instance_settings[ $key ] ) {
			$this->instance_settings[ $key ] = $empty_value;
		}
		return $this->instance_settings[ $key ];
	}
	public function get_instance_form_fields() {
		return array_map( array( $this, 'set_defaults' ), $this->instance_form_fields );
	}
	public function get_instance_option_key() {
		return $this->instance_id ? $this->plugin_id . $this->id . '_' . $this->instance_id . '_settings' : '';
	}
	public function init_instance_settings() {
		$this->instance_settings = get_option( $this->get_instance_option_key(), null );
		if ( ! is_array( $this->instance_settings ) ) {
			$form_fields             = $this->get_instance_form_fields();
			$this->instance_settings = array_merge( array_fill_keys( array_keys( $form_fields ), '' ), wp_list_pluck( $form_fields, 'default' ) );
		}
	}
	public function process_admin_options() {
		if ( ! $this->instance_id ) {
			return parent::process_admin_options();
		}
		if ( ! isset( $_REQUEST['instance_id'] ) || absint( $_REQUEST['instance_id'] ) !== $this->instance_id ) {
			return false;
		}
		$this->init_instance_settings();
		$post_data = $this->get_post_data();
		foreach ( $this->get_instance_form_fields() as $key => $field ) {
			if ( 'title' !== $this->get_field_type( $field ) ) {
				try {
					$this->instance_settings[ $key ] = $this->get_field_value( $key, $field, $post_data );
				} catch ( Exception $e ) {
					$this->add_error( $e->getMessage() );
				}
			}
		}
		return update_option( $this->get_instance_option_key(), $this->instance_settings, 'yes' );
	}
}

/** WooCommerce's webhook object: the setters the plugin uses, saved into the test world. */
class WC_Webhook {
	public int $id = 0;
	public string $name = '';
	public int $user_id = 0;
	public string $topic = '';
	public string $delivery_url = '';
	public string $secret = '';
	public string $api_version = '';
	public string $status = '';
	public int $failure_count = 0;
	public function set_failure_count( $count ) { $this->failure_count = (int) $count; }
	public function set_name( $name ) { $this->name = (string) $name; }
	public function set_user_id( $user_id ) { $this->user_id = (int) $user_id; }
	public function set_topic( $topic ) { $this->topic = (string) $topic; }
	public function set_delivery_url( $url ) { $this->delivery_url = (string) $url; }
	public function set_secret( $secret ) { $this->secret = (string) $secret; }
	public function set_api_version( $version ) { $this->api_version = (string) $version; }
	public function set_status( $status ) { $this->status = (string) $status; }
	public function get_id() { return $this->id; }
	public function save() {
		if ( 0 === $this->id ) {
			$this->id = RateBridge_Test_World::$next_webhook_id++;
		}
		RateBridge_Test_World::$webhooks[ $this->id ] = $this;
		return $this->id;
	}
	public function delete( $force_delete = false ) {
		unset( RateBridge_Test_World::$webhooks[ $this->id ] );
		return true;
	}
	/** WooCommerce posts `webhook_id=<id>` to the delivery URL; the world says whether that works. */
	public function deliver_ping() {
		RateBridge_Test_World::$pings[] = $this->delivery_url;
		return RateBridge_Test_World::$ping_error === null
			? true
			: new WP_Error( 'error', 'Error: Delivery URL cannot be reached: ' . RateBridge_Test_World::$ping_error );
	}
}
function wc_get_webhook( $id ) {
	return RateBridge_Test_World::$webhooks[ (int) $id ] ?? null;
}

/** WooCommerce's settings screens: notices shown above the form after saving. */
class WC_Admin_Settings {
	public static function add_error( $text ) {
		RateBridge_Test_World::$settings_errors[] = (string) $text;
	}
}
