<?php
declare(strict_types=1);

final class UninstallTest extends RateBridge_TestCase {

	public function test_deleting_the_plugin_removes_everything_it_stored_and_nothing_else(): void {
		global $wpdb;
		$wpdb = new wpdb();
		$this->connect();
		$this->zone_settings( array( 'fallback_label' => 'Standard', 'fallback_cost' => '12.50' ) );
		RateBridge_Test_World::$options['woocommerce_ratebridge_12_settings'] = array( 'fallback_cost' => '9' );
		RateBridge_Test_World::$options['woocommerce_flat_rate_3_settings']   = array( 'cost' => '5' );
		RateBridge_Test_World::$options['woocommerce_ratebridgex_settings']    = array( 'not' => 'ours' );
		RateBridge_Test_World::$options['ratebridge_key_refused']              = 'rbk_old';
		set_transient( 'ratebridge_rates_abc123', array( 'cached' ), 600 );
		set_transient( 'ratebridge_rates_def456', array( 'cached' ), 600 );
		set_transient( 'other_plugin_cache', array( 'theirs' ), 600 );
		RateBridge_Test_World::respond( 200, '{"registered_by":"plugin","delivery_url":"https://bridge.example.test/woocommerce/webhooks/wh_x","topics":["product.created","product.updated","product.deleted"]}' );
		$this->assertTrue( RateBridge_Webhooks::register( RateBridge_Connection::load(), 1 ) );
		$this->assertCount( 3, RateBridge_Test_World::$webhooks );

		defined( 'WP_UNINSTALL_PLUGIN' ) || define( 'WP_UNINSTALL_PLUGIN', 'ratebridge-shipping/ratebridge-shipping.php' );
		require dirname( __DIR__ ) . '/ratebridge-shipping/uninstall.php';

		$this->assertSame( array(), RateBridge_Test_World::$webhooks );
		$this->assertSame(
			array( 'woocommerce_dimension_unit', 'woocommerce_flat_rate_3_settings', 'woocommerce_ratebridgex_settings', 'woocommerce_weight_unit' ),
			$this->sorted_keys( RateBridge_Test_World::$options )
		);
		$this->assertSame( array( 'other_plugin_cache' ), array_keys( RateBridge_Test_World::$transients ) );
		$this->assertCount( 1, $wpdb->queries );
	}

	/** @param array<string, mixed> $values */
	private function sorted_keys( array $values ): array {
		$keys = array_keys( $values );
		sort( $keys );
		return $keys;
	}
}
