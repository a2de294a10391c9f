<?php
/**
 * WooCommerce's FeaturesUtil, recording declarations.
 */

declare(strict_types=1);

namespace Automattic\WooCommerce\Utilities;

final class FeaturesUtil {
	public static function declare_compatibility( string $feature_id, string $plugin_file, bool $positive_compatibility = true ): bool {
		if ( ! \did_action( 'before_woocommerce_init' ) ) {
			return false;
		}
		\RateBridge_Test_World::$declared_features[] = array( $feature_id, $plugin_file, $positive_compatibility );
		return true;
	}
}
