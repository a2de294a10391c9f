<?php
/**
 * The RateBridge shipping method.
 *
 * @package RateBridge_Shipping
 */

declare(strict_types=1);

defined( 'ABSPATH' ) || exit;

/**
 * A zone shipping method that asks the bridge for rates and falls back to the zone's fixed rate when it cannot
 * (or before the shopper has given a postcode).
 *
 * Connection settings (bridge URL, connector key, timeout) are store-wide, under
 * WooCommerce > Settings > Shipping > RateBridge. Each zone instance has its own fallback label and cost.
 */
class RateBridge_Shipping_Method extends WC_Shipping_Method {

	public const FALLBACK_RATE_ID = 'fallback';

	/**
	 * Constructor.
	 *
	 * @param int $instance_id Shipping method instance id (0 for the store-wide settings screen).
	 */
	public function __construct( $instance_id = 0 ) {
		parent::__construct( $instance_id );
		$this->id                 = RateBridge_Connection::METHOD_ID;
		$this->method_title       = __( 'RateBridge', 'ratebridge-shipping' );
		$this->method_description = __( 'Live freight quotes from RateBridge. When the bridge cannot answer in time, checkout shows the fallback rate instead.', 'ratebridge-shipping' );
		$this->title              = $this->method_title;
		$this->supports           = array( 'shipping-zones', 'instance-settings', 'instance-settings-modal', 'settings' );

		$this->init_form_fields();
		$this->instance_form_fields = $this->instance_fields();

		add_action( 'woocommerce_update_options_shipping_' . $this->id, array( $this, 'process_admin_options' ) );
	}

	/**
	 * Saves the settings; on the store-wide screen, then offers RateBridge to register the product webhooks
	 * (a store connected with a read-only key has none otherwise: see RateBridge_Webhooks) and says what
	 * RateBridge answered beside WooCommerce's own "saved".
	 *
	 * @return bool Whether the settings were saved.
	 */
	public function process_admin_options() {
		$saved = parent::process_admin_options();
		if ( 0 === (int) $this->instance_id && current_user_can( 'manage_woocommerce' ) ) {
			// New settings (or the same saved again) deserve a fresh try at checkout.
			RateBridge_Breaker::close();
			$registered = RateBridge_Webhooks::register( RateBridge_Connection::load(), get_current_user_id() );
			if ( is_wp_error( $registered ) && 'ratebridge_not_connected' !== $registered->get_error_code() ) {
				$level = 'ratebridge_key_refused' === $registered->get_error_code() ? 'error' : 'warning';
				RateBridge_Settings_Notice::add( $level, $registered->get_error_message() );
			}
		}
		return $saved;
	}

	/**
	 * Store-wide connection fields.
	 */
	public function init_form_fields() {
		$this->form_fields = array(
			'bridge_url' => array(
				'title'       => __( 'Bridge URL', 'ratebridge-shipping' ),
				'type'        => 'url',
				'description' => __( 'The address of your RateBridge server, e.g. https://rates.example.com', 'ratebridge-shipping' ),
				'default'     => '',
				'placeholder' => 'https://',
			),
			'connect'    => array(
				'title' => __( 'Connect', 'ratebridge-shipping' ),
				'type'  => 'ratebridge_connect',
			),
			'key_id'     => array(
				'title'       => __( 'Connector key id', 'ratebridge-shipping' ),
				'type'        => 'text',
				'description' => __( 'Shown in RateBridge next to the key you created for this store.', 'ratebridge-shipping' ),
				'default'     => '',
			),
			'key_secret' => array(
				'title'       => __( 'Connector key secret', 'ratebridge-shipping' ),
				'type'        => 'password',
				'description' => __( 'Shown once when you create the key in RateBridge. It is stored here and never displayed again.', 'ratebridge-shipping' ),
				'default'     => '',
			),
			'timeout'    => array(
				'title'             => __( 'Timeout (seconds)', 'ratebridge-shipping' ),
				'type'              => 'number',
				'description'       => __( 'How long checkout waits for RateBridge before showing the fallback rate. 1 to 5 seconds.', 'ratebridge-shipping' ),
				'default'           => '3',
				'custom_attributes' => array(
					'min'  => '1',
					'max'  => '5',
					'step' => '0.5',
				),
			),
			'links'      => array(
				'title' => __( 'RateBridge admin', 'ratebridge-shipping' ),
				'type'  => 'ratebridge_links',
			),
		);
	}

	/**
	 * Per-zone fields.
	 *
	 * @return array<string, array<string, mixed>>
	 */
	private function instance_fields(): array {
		return array(
			'fallback_label' => array(
				'title'       => __( 'Fallback label', 'ratebridge-shipping' ),
				'type'        => 'text',
				'description' => __( 'Shown at checkout when RateBridge cannot answer.', 'ratebridge-shipping' ),
				'default'     => __( 'Shipping', 'ratebridge-shipping' ),
			),
			'fallback_cost'  => array(
				'title'       => __( 'Fallback cost', 'ratebridge-shipping' ),
				'type'        => 'text',
				'description' => __( 'Charged when RateBridge cannot answer, GST included. Leave empty to offer no fallback rate at all.', 'ratebridge-shipping' ),
				'default'     => '15.00',
			),
			'tax_status'     => array(
				'title'       => __( 'Tax status', 'ratebridge-shipping' ),
				'type'        => 'select',
				'description' => __( 'Taxable: when WooCommerce calculates taxes, it adds GST to these rates with your shipping tax class (Settings > Tax). None: rates are charged as RateBridge quotes them, GST included, with no tax line.', 'ratebridge-shipping' ),
				'default'     => 'taxable',
				'options'     => array(
					'taxable' => __( 'Taxable', 'ratebridge-shipping' ),
					'none'    => __( 'None', 'ratebridge-shipping' ),
				),
			),
			'links'          => array(
				'title' => __( 'RateBridge admin', 'ratebridge-shipping' ),
				'type'  => 'ratebridge_links',
			),
		);
	}

	/**
	 * Adds the bridge's rates for a package, or the fallback rate when the bridge cannot answer.
	 *
	 * Runs the same way inside REST requests: the block checkout calculates shipping through the Store API.
	 *
	 * @param array<string, mixed> $package WooCommerce shipping package.
	 */
	public function calculate_shipping( $package = array() ) {
		// WC_Shipping_Method::is_taxable() reads this (with wc_tax_enabled() and the customer's exemption).
		$this->tax_status = 'none' === $this->get_option( 'tax_status' ) ? 'none' : 'taxable';
		$quoter  = new RateBridge_Rate_Quoter( RateBridge_Connection::load() );
		$zone    = array(
			'fallback_label' => (string) $this->get_option( 'fallback_label' ),
			'fallback_cost'  => (string) $this->get_option( 'fallback_cost' ),
		);
		$outcome = $quoter->quote( is_array( $package ) ? $package : array(), (int) $this->instance_id, $zone );

		if ( $outcome->is_fallback() ) {
			$this->add_fallback_rate();
			return;
		}
		foreach ( (array) $outcome->rates as $rate ) {
			$this->add_bridge_rate( $rate );
		}
	}

	/**
	 * Adds one rate from the bridge.
	 *
	 * @param array<string, mixed> $rate Parsed rate.
	 */
	private function add_bridge_rate( array $rate ): void {
		$id          = 'ratebridge:' . $rate['id'];
		$meta        = (array) $rate['meta_data'];
		$description = (string) $rate['description'];
		$delivery    = (string) $rate['delivery_time'];
		if ( '' !== $description ) {
			$meta['description'] = $description;
		}
		if ( '' !== $delivery ) {
			$meta['delivery_time'] = $delivery;
		}

		if ( is_string( $rate['gst'] ?? null ) ) {
			$meta['ratebridge_platform_gst'] = $rate['gst'];
		}
		$this->add_rate(
			array(
				'id'        => $id,
				'label'     => $rate['label'],
				'meta_data' => $meta,
			) + self::cost_and_taxes( $rate, $this->is_taxable() )
		);

		// Since WooCommerce 9.2 a rate has its own description and delivery time, which the block checkout
		// displays; add_rate() does not set them, so they are set on the rate it just stored.
		$added = $this->rates[ $id ] ?? null;
		if ( is_object( $added ) ) {
			if ( '' !== $description && method_exists( $added, 'set_description' ) ) {
				$added->set_description( $description );
			}
			if ( '' !== $delivery && method_exists( $added, 'set_delivery_time' ) ) {
				$added->set_delivery_time( $delivery );
			}
		}
	}

	/**
	 * The cost and taxes of a bridge rate for add_rate(), following the store's tax settings.
	 *
	 * When WooCommerce taxes this method's rates (taxes enabled, tax status "taxable", customer not exempt),
	 * it gets the price before GST and no `taxes`, so add_rate() calculates the tax itself with the
	 * store's shipping tax class (WC_Tax::get_shipping_tax_rates(); shipping costs are always taxed as
	 * exclusive, WC_Tax::calc_shipping_tax()), per order. Otherwise the price as RateBridge shows it, with
	 * `taxes` false so nothing is added on top. An older bridge that sends no `cost_ex_gst` is treated as the
	 * second case: its cost has GST in already.
	 *
	 * @param array<string, mixed> $rate    Parsed rate.
	 * @param bool                 $taxable Whether WooCommerce taxes this method's rates.
	 * @return array{cost: string, taxes?: false, calc_tax?: string}
	 */
	public static function cost_and_taxes( array $rate, bool $taxable ): array {
		$ex_gst = $rate['cost_ex_gst'] ?? null;
		if ( $taxable && is_string( $ex_gst ) ) {
			return array(
				'cost'     => $ex_gst,
				'calc_tax' => 'per_order',
			);
		}
		return array(
			'cost'  => (string) $rate['cost'],
			'taxes' => false,
		);
	}

	/**
	 * The fallback cost is GST-inclusive, like every amount set in RateBridge. When WooCommerce taxes the
	 * rate, the store's own shipping tax rates split it (WC_Tax::calc_inclusive_tax()), so checkout shows
	 * the same total with its tax line; otherwise it is charged as entered, with nothing added.
	 *
	 * @param string $cost    GST-inclusive decimal cost.
	 * @param bool   $taxable Whether WooCommerce taxes this method's rates.
	 * @return array{cost: string, taxes: array<int|string, float>|false}
	 */
	public static function inclusive_cost_and_taxes( string $cost, bool $taxable ): array {
		if ( ! $taxable || ! class_exists( 'WC_Tax' ) ) {
			return array(
				'cost'  => $cost,
				'taxes' => false,
			);
		}
		$decimals = wc_get_price_decimals();
		$taxes    = array_map(
			static fn ( $tax ): float => round( (float) $tax, $decimals ),
			WC_Tax::calc_inclusive_tax( (float) $cost, WC_Tax::get_shipping_tax_rates() )
		);
		return array(
			'cost'  => (string) round( (float) $cost - array_sum( $taxes ), $decimals ),
			'taxes' => $taxes,
		);
	}

	/**
	 * Adds the zone's fallback rate; an empty fallback cost means no rate.
	 */
	private function add_fallback_rate(): void {
		$cost = trim( (string) $this->get_option( 'fallback_cost' ) );
		if ( '' === $cost ) {
			return;
		}
		$label = trim( (string) $this->get_option( 'fallback_label' ) );
		$this->add_rate(
			array(
				'id'        => 'ratebridge:' . self::FALLBACK_RATE_ID,
				'label'     => '' !== $label ? $label : __( 'Shipping', 'ratebridge-shipping' ),
				'meta_data' => array( 'ratebridge_fallback' => 'yes' ),
			) + self::inclusive_cost_and_taxes( $cost, $this->is_taxable() )
		);
	}

	/**
	 * Renders a password field that never contains the saved value.
	 *
	 * @param string               $key  Field key.
	 * @param array<string, mixed> $data Field definition.
	 * @return string
	 */
	public function generate_password_html( $key, $data ) {
		$field_key = $this->get_field_key( $key );
		$saved     = 'key_secret' === $key && RateBridge_Connection::has_saved_secret();
		$hint      = $saved
			? __( 'Saved — leave blank to keep.', 'ratebridge-shipping' )
			: (string) ( $data['description'] ?? '' );

		return sprintf(
			'<tr valign="top"><th scope="row" class="titledesc"><label for="%1$s">%2$s</label></th><td class="forminp"><fieldset><legend class="screen-reader-text"><span>%2$s</span></legend><input class="input-text regular-input" type="password" name="%1$s" id="%1$s" value="" autocomplete="new-password" placeholder="%3$s" /><p class="description">%4$s</p></fieldset></td></tr>',
			esc_attr( $field_key ),
			esc_html( (string) ( $data['title'] ?? '' ) ),
			esc_attr( $saved ? '••••••••' : '' ),
			esc_html( $hint )
		);
	}

	/**
	 * Renders the "Open RateBridge" button (and, in a zone, a link to the connection settings).
	 *
	 * @param string               $key  Field key.
	 * @param array<string, mixed> $data Field definition.
	 * @return string
	 */
	public function generate_ratebridge_links_html( $key, $data ) {
		$settings_link = '';
		if ( $this->instance_id ) {
			$settings_link = sprintf(
				' <a href="%s">%s</a>',
				esc_url( RateBridge_Admin_Link::settings_url() ),
				esc_html__( 'Connection settings', 'ratebridge-shipping' )
			);
		}
		return sprintf(
			'<tr valign="top"><th scope="row" class="titledesc">%1$s</th><td class="forminp"><a class="button" href="%2$s">%3$s</a>%4$s<p class="description">%5$s</p></td></tr>',
			esc_html( (string) ( $data['title'] ?? '' ) ),
			esc_url( RateBridge_Admin_Link::open_url() ),
			esc_html__( 'Open RateBridge', 'ratebridge-shipping' ),
			$settings_link,
			esc_html__( 'Warehouses, packaging, carriers and pricing rules are managed in RateBridge. This signs you in with a one-time link.', 'ratebridge-shipping' )
		);
	}

	/**
	 * Renders the "Connect to RateBridge" button (RateBridge_One_Click).
	 *
	 * @param string               $key  Field key.
	 * @param array<string, mixed> $data Field definition.
	 * @return string
	 */
	public function generate_ratebridge_connect_html( $key, $data ) {
		return RateBridge_One_Click::button_html();
	}

	/**
	 * The connect row holds no value.
	 *
	 * @param string $key   Field key.
	 * @param mixed  $value Posted value.
	 * @return string
	 */
	public function validate_ratebridge_connect_field( $key, $value ) {
		return '';
	}

	/**
	 * The links row holds no value.
	 *
	 * @param string $key   Field key.
	 * @param mixed  $value Posted value.
	 * @return string
	 */
	public function validate_ratebridge_links_field( $key, $value ) {
		return '';
	}

	/**
	 * Keeps the secret out of the settings array: a new value goes to its own option, a blank one keeps the old.
	 *
	 * @param string $key   Field key.
	 * @param mixed  $value Posted value.
	 * @return string Always '' (what the settings array stores).
	 */
	public function validate_key_secret_field( $key, $value ) {
		$secret = is_string( $value ) ? trim( wp_unslash( $value ) ) : '';
		if ( '' !== $secret ) {
			update_option( RateBridge_Connection::SECRET_OPTION, $secret, false );
		}
		return '';
	}

	/**
	 * Accepts an http(s) URL and stores it without a trailing slash.
	 *
	 * @param string $key   Field key.
	 * @param mixed  $value Posted value.
	 * @return string
	 * @throws Exception When the value is not an http(s) URL (WooCommerce shows the message and keeps the old value).
	 */
	public function validate_bridge_url_field( $key, $value ) {
		$raw = is_string( $value ) ? trim( wp_unslash( $value ) ) : '';
		if ( '' === $raw ) {
			return '';
		}
		if ( ! str_contains( $raw, '://' ) ) {
			// A bare host name means https, not the http:// that esc_url_raw() would assume.
			$raw = 'https://' . $raw;
		}
		$url = RateBridge_Connection::normalise_url( esc_url_raw( $raw, array( 'https', 'http' ) ) );
		if ( '' === $url || ! in_array( wp_parse_url( $url, PHP_URL_SCHEME ), array( 'https', 'http' ), true ) ) {
			throw new Exception( esc_html__( 'The bridge URL must be a web address starting with https://', 'ratebridge-shipping' ) );
		}
		return $url;
	}

	/**
	 * Trims the key id.
	 *
	 * @param string $key   Field key.
	 * @param mixed  $value Posted value.
	 * @return string
	 */
	public function validate_key_id_field( $key, $value ) {
		return is_string( $value ) ? sanitize_text_field( wp_unslash( $value ) ) : '';
	}

	/**
	 * Clamps the timeout to 1–5 seconds (3 when unreadable).
	 *
	 * @param string $key   Field key.
	 * @param mixed  $value Posted value.
	 * @return string
	 */
	public function validate_timeout_field( $key, $value ) {
		return (string) RateBridge_Connection::clamp_timeout( is_string( $value ) ? trim( wp_unslash( $value ) ) : $value );
	}

	/**
	 * Accepts an empty cost (no fallback rate) or a non-negative decimal.
	 *
	 * @param string $key   Field key.
	 * @param mixed  $value Posted value.
	 * @return string
	 * @throws Exception When the value is not a non-negative number (WooCommerce keeps the old value).
	 */
	public function validate_fallback_cost_field( $key, $value ) {
		$cost = is_string( $value ) ? trim( wp_unslash( $value ) ) : '';
		if ( '' === $cost ) {
			return '';
		}
		if ( ! is_numeric( $cost ) || (float) $cost < 0 ) {
			throw new Exception( esc_html__( 'The fallback cost must be a number such as 15.00, or empty for no fallback rate.', 'ratebridge-shipping' ) );
		}
		return (string) wc_format_decimal( $cost );
	}
}
