<?php
/**
 * Plugin Name:          RateBridge Shipping
 * Description:          Live freight quotes at checkout from your RateBridge bridge, with a fallback rate whenever the bridge cannot answer in time.
 * Version:              0.1.0
 * Requires at least:    6.5
 * Tested up to:         6.8
 * Requires PHP:         8.1
 * Requires Plugins:     woocommerce
 * WC requires at least: 8.6
 * WC tested up to:      9.9
 * Author:               RateBridge
 * License:              GPLv2 or later
 * License URI:          https://www.gnu.org/licenses/gpl-2.0.html
 * Text Domain:          ratebridge-shipping
 *
 * @package RateBridge_Shipping
 */

declare(strict_types=1);

defined( 'ABSPATH' ) || exit;

const RATEBRIDGE_SHIPPING_VERSION = '0.1.0';
const RATEBRIDGE_SHIPPING_FILE    = __FILE__;

require_once __DIR__ . '/includes/class-ratebridge-signer.php';
require_once __DIR__ . '/includes/class-ratebridge-connection.php';
require_once __DIR__ . '/includes/class-ratebridge-log.php';
require_once __DIR__ . '/includes/class-ratebridge-bridge-reply.php';
require_once __DIR__ . '/includes/class-ratebridge-bridge-client.php';
require_once __DIR__ . '/includes/class-ratebridge-rate-request.php';
require_once __DIR__ . '/includes/class-ratebridge-rates-response.php';
require_once __DIR__ . '/includes/class-ratebridge-delivery-time.php';
require_once __DIR__ . '/includes/class-ratebridge-rate-cache.php';
require_once __DIR__ . '/includes/class-ratebridge-breaker.php';
require_once __DIR__ . '/includes/class-ratebridge-quote-outcome.php';
require_once __DIR__ . '/includes/class-ratebridge-rate-quoter.php';
require_once __DIR__ . '/includes/class-ratebridge-key-status.php';
require_once __DIR__ . '/includes/class-ratebridge-checkout-questions.php';
require_once __DIR__ . '/includes/class-ratebridge-checkout-answers.php';
require_once __DIR__ . '/includes/class-ratebridge-checkout-fields.php';
require_once __DIR__ . '/includes/class-ratebridge-admin-link.php';
require_once __DIR__ . '/includes/class-ratebridge-webhooks.php';
require_once __DIR__ . '/includes/class-ratebridge-settings-notice.php';
require_once __DIR__ . '/includes/class-ratebridge-one-click-exchange.php';
require_once __DIR__ . '/includes/class-ratebridge-one-click.php';
require_once __DIR__ . '/includes/class-ratebridge-plugin.php';

RateBridge_Plugin::boot( __FILE__ );
