<?php
declare(strict_types=1);

final class PluginTest extends RateBridge_TestCase {

	private const PLUGIN_DIR = __DIR__ . '/../ratebridge-shipping';

	/** Reads a header the way WordPress's get_file_data() does (first 8 KiB, "Name: value" lines). */
	private static function header( string $file, string $name ): string {
		$head = (string) file_get_contents( $file, false, null, 0, 8192 );
		return preg_match( '/^(?:[ \t]*<\?php)?[ \t\/*#@]*' . preg_quote( $name, '/' ) . ':(.*)$/mi', $head, $m ) ? trim( $m[1] ) : '';
	}

	public function test_the_main_file_declares_its_requirements(): void {
		$main = self::PLUGIN_DIR . '/ratebridge-shipping.php';

		$this->assertSame( 'RateBridge Shipping', self::header( $main, 'Plugin Name' ) );
		$this->assertSame( 'woocommerce', self::header( $main, 'Requires Plugins' ) );
		$this->assertSame( '8.1', self::header( $main, 'Requires PHP' ) );
		$this->assertSame( RATEBRIDGE_SHIPPING_VERSION, self::header( $main, 'Version' ) );
		foreach ( array( 'Requires at least', 'Tested up to', 'WC requires at least', 'WC tested up to' ) as $name ) {
			$this->assertMatchesRegularExpression( '/^\d+\.\d+(\.\d+)?$/', self::header( $main, $name ), $name );
		}
		$this->assertSame( 'GPLv2 or later', self::header( $main, 'License' ) );
	}

	public function test_the_readme_follows_the_wordpress_format_and_matches_the_version(): void {
		$readme = (string) file_get_contents( self::PLUGIN_DIR . '/readme.txt' );

		$this->assertMatchesRegularExpression( '/^=== RateBridge Shipping ===\n/', $readme );
		$this->assertSame( RATEBRIDGE_SHIPPING_VERSION, self::header( self::PLUGIN_DIR . '/readme.txt', 'Stable tag' ) );
		$this->assertSame( 'GPLv2 or later', self::header( self::PLUGIN_DIR . '/readme.txt', 'License' ) );
		foreach ( array( 'Description', 'Installation', 'Frequently Asked Questions', 'Changelog' ) as $section ) {
			$this->assertStringContainsString( "\n== {$section} ==\n", $readme );
		}
		$this->assertStringContainsString( '= ' . RATEBRIDGE_SHIPPING_VERSION . ' =', $readme );
	}

	public function test_hpos_and_cart_checkout_blocks_compatibility_are_declared_before_woocommerce_init(): void {
		do_action( 'before_woocommerce_init' );

		$main = realpath( self::PLUGIN_DIR . '/ratebridge-shipping.php' );
		$this->assertContains( array( 'custom_order_tables', $main, true ), array_map( static fn ( array $d ): array => array( $d[0], realpath( $d[1] ), $d[2] ), RateBridge_Test_World::$declared_features ) );
		$this->assertContains( array( 'cart_checkout_blocks', $main, true ), array_map( static fn ( array $d ): array => array( $d[0], realpath( $d[1] ), $d[2] ), RateBridge_Test_World::$declared_features ) );
	}

	public function test_the_method_registers_with_woocommerce_and_supports_zones_and_instance_settings(): void {
		$methods = apply_filters( 'woocommerce_shipping_methods', array( 'flat_rate' => 'WC_Shipping_Flat_Rate' ) );
		$this->assertSame( 'RateBridge_Shipping_Method', $methods['ratebridge'] );

		$method = new $methods['ratebridge']( 3 );
		foreach ( array( 'shipping-zones', 'instance-settings', 'instance-settings-modal', 'settings' ) as $feature ) {
			$this->assertTrue( $method->supports( $feature ), $feature );
		}
		$this->assertTrue( $method->has_settings() );
		$this->assertSame( 'ratebridge', $method->id );
	}

	public function test_every_plugin_file_refuses_direct_access(): void {
		foreach ( glob( self::PLUGIN_DIR . '/{,includes/}*.php', GLOB_BRACE ) as $file ) {
			$source = (string) file_get_contents( $file );
			$this->assertMatchesRegularExpression( "/defined\\( '(ABSPATH|WP_UNINSTALL_PLUGIN)' \\) \\|\\| exit;/", $source, basename( $file ) );
			$this->assertStringContainsString( 'declare(strict_types=1);', $source, basename( $file ) );
		}
	}
}
