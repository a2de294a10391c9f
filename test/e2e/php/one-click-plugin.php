<?php
/**
 * The plugin's one-click connect, run by PHP against a RateBridge on a real socket (one-click-connect.test.ts).
 * WordPress is the plugin's test stubs with the real cURL transport switched on; options and transients
 * persist between runs in a JSON file, as WordPress's database would between two requests.
 *
 *   php one-click-plugin.php <state.json> <home_url> start <bridge_url>   prints {"location"}
 *   php one-click-plugin.php <state.json> <home_url> return <query json>  prints {"location","died"}
 *   php one-click-plugin.php <state.json> <home_url> admin-link          prints {"url"} or {"error"}
 */

declare(strict_types=1);

define( 'ABSPATH', __DIR__ . '/' );
$stubs = dirname( __DIR__, 3 ) . '/woocommerce-bridge/wordpress-plugin/tests/stubs';
require $stubs . '/world.php';
require $stubs . '/wordpress.php';
require $stubs . '/woocommerce.php';
require $stubs . '/features-util.php';
require $stubs . '/real-http.php';

[ , $state_file, $home_url, $step ] = $argv;
RateBridge_Test_World::reset();
require dirname( __DIR__, 3 ) . '/woocommerce-bridge/wordpress-plugin/ratebridge-shipping/ratebridge-shipping.php';
RateBridge_Test_World::$home_url  = $home_url;
RateBridge_Test_World::$real_http = true;
if ( is_file( $state_file ) ) {
	$saved                              = json_decode( (string) file_get_contents( $state_file ), true );
	RateBridge_Test_World::$options     = $saved['options'];
	RateBridge_Test_World::$transients  = $saved['transients'];
}

/** Runs an admin-post handler to its end (a redirect or wp_die). */
function run_handler( callable $handler ): array {
	try {
		$handler();
	} catch ( RateBridge_Test_Redirected $redirected ) {
		return array( 'location' => $redirected->location );
	} catch ( RateBridge_Test_Died $died ) {
		return array( 'died' => $died->getMessage(), 'status' => $died->status );
	}
	return array( 'error' => 'the handler returned' );
}

$out = array();
if ( 'start' === $step ) {
	$_POST = array(
		RateBridge_One_Click::NONCE_FIELD   => 'nonce',
		'woocommerce_ratebridge_bridge_url' => $argv[4],
	);
	// The stub's redirect allow-list names the stub store; the bridge host is added by the handler itself.
	$out = run_handler( array( RateBridge_One_Click::class, 'handle_start' ) );
} elseif ( 'return' === $step ) {
	$_GET = json_decode( $argv[4], true );
	$out  = run_handler( array( RateBridge_One_Click::class, 'handle_return' ) );
} elseif ( 'admin-link' === $step ) {
	$url = RateBridge_Admin_Link::request_login_url( RateBridge_Connection::load() );
	$out = is_wp_error( $url ) ? array( 'error' => $url->get_error_message() ) : array( 'url' => $url );
}
$out['http_calls'] = array_map( static fn ( array $call ): string => $call['url'], RateBridge_Test_World::$http_calls );
$out['logs']       = array_map( static fn ( array $entry ): string => $entry['message'], RateBridge_Test_World::$logs );

file_put_contents(
	$state_file,
	(string) json_encode(
		array(
			'options'    => RateBridge_Test_World::$options,
			'transients' => RateBridge_Test_World::$transients,
		)
	)
);
echo json_encode( $out ), "\n";
