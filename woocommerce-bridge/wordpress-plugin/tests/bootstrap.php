<?php
/**
 * Loads the WordPress/WooCommerce stubs, then the plugin exactly as WordPress would (main file first).
 */

declare(strict_types=1);

define( 'ABSPATH', __DIR__ . '/' );

require __DIR__ . '/stubs/world.php';
require __DIR__ . '/stubs/wordpress.php';
require __DIR__ . '/stubs/woocommerce.php';
require __DIR__ . '/stubs/features-util.php';
require __DIR__ . '/stubs/checkout.php';
require __DIR__ . '/stubs/real-http.php';
require __DIR__ . '/RateBridge_TestCase.php';

RateBridge_Test_World::reset();
require dirname( __DIR__ ) . '/ratebridge-shipping/ratebridge-shipping.php';
do_action( 'woocommerce_shipping_init' );
