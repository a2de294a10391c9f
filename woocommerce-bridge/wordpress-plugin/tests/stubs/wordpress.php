<?php
/**
 * Just enough of WordPress for the plugin's code paths, backed by RateBridge_Test_World.
 */

declare(strict_types=1);

const MINUTE_IN_SECONDS = 60;

class WP_Error {
	/** @var array<string, list<string>> */
	private array $errors = array();
	public function __construct( string $code = '', string $message = '', public mixed $data = '' ) {
		if ( '' !== $code ) {
			$this->errors[ $code ] = array( $message );
		}
	}
	public function get_error_code(): string {
		return (string) ( array_key_first( $this->errors ) ?? '' );
	}
	public function get_error_message(): string {
		$code = $this->get_error_code();
		return '' === $code ? '' : $this->errors[ $code ][0];
	}
}

function is_wp_error( mixed $thing ): bool {
	return $thing instanceof WP_Error;
}

// Hooks.
function add_filter( string $hook, callable $callback, int $priority = 10, int $accepted_args = 1 ): bool {
	RateBridge_Test_World::$hooks[ $hook ][] = $callback;
	return true;
}
function add_action( string $hook, callable $callback, int $priority = 10, int $accepted_args = 1 ): bool {
	return add_filter( $hook, $callback, $priority, $accepted_args );
}
function has_filter( string $hook ): bool {
	return ! empty( RateBridge_Test_World::$hooks[ $hook ] );
}
function apply_filters( string $hook, mixed $value, mixed ...$args ): mixed {
	foreach ( RateBridge_Test_World::$hooks[ $hook ] ?? array() as $callback ) {
		$value = $callback( $value, ...$args );
	}
	return $value;
}
function do_action( string $hook, mixed ...$args ): void {
	RateBridge_Test_World::$did[ $hook ] = ( RateBridge_Test_World::$did[ $hook ] ?? 0 ) + 1;
	foreach ( RateBridge_Test_World::$hooks[ $hook ] ?? array() as $callback ) {
		$callback( ...$args );
	}
}
function did_action( string $hook ): int {
	return RateBridge_Test_World::$did[ $hook ] ?? 0;
}

// Options and transients.
function get_option( string $name, mixed $default_value = false ): mixed {
	return array_key_exists( $name, RateBridge_Test_World::$options ) ? RateBridge_Test_World::$options[ $name ] : $default_value;
}
function update_option( string $name, mixed $value, mixed $autoload = null ): bool {
	RateBridge_Test_World::$options[ $name ] = $value;
	return true;
}
function delete_option( string $name ): bool {
	unset( RateBridge_Test_World::$options[ $name ] );
	return true;
}
function set_transient( string $name, mixed $value, int $expiration = 0 ): bool {
	RateBridge_Test_World::$transients[ $name ] = array( $value, $expiration > 0 ? RateBridge_Test_World::$now + $expiration : 0 );
	return true;
}
function delete_transient( string $name ): bool {
	unset( RateBridge_Test_World::$transients[ $name ] );
	return true;
}
function get_transient( string $name ): mixed {
	if ( ! isset( RateBridge_Test_World::$transients[ $name ] ) ) {
		return false;
	}
	[ $value, $expires ] = RateBridge_Test_World::$transients[ $name ];
	if ( 0 !== $expires && $expires <= RateBridge_Test_World::$now ) {
		unset( RateBridge_Test_World::$transients[ $name ] );
		return false;
	}
	return $value;
}

// HTTP.
function wp_remote_post( string $url, array $args = array() ): array|WP_Error {
	RateBridge_Test_World::$http_calls[] = array(
		'url'  => $url,
		'args' => $args,
	);
	if ( RateBridge_Test_World::$real_http ) {
		return RateBridge_Test_Real_Http::post( $url, $args );
	}
	if ( array() === RateBridge_Test_World::$http_queue ) {
		throw new LogicException( 'wp_remote_post() called with no fake response queued: ' . $url );
	}
	return array_shift( RateBridge_Test_World::$http_queue );
}
function wp_remote_retrieve_response_code( array|WP_Error $response ): int|string {
	return is_wp_error( $response ) || ! isset( $response['response']['code'] ) ? '' : (int) $response['response']['code'];
}
function wp_remote_retrieve_body( array|WP_Error $response ): string {
	return is_wp_error( $response ) || ! isset( $response['body'] ) ? '' : (string) $response['body'];
}

// Formatting, escaping, sanitising (the real ones do more; these keep the same contracts).
function __( string $text, string $domain = 'default' ): string {
	return $text;
}
function esc_html__( string $text, string $domain = 'default' ): string {
	return esc_html( $text );
}
function esc_html( string $text ): string {
	return htmlspecialchars( $text, ENT_QUOTES, 'UTF-8' );
}
function esc_attr( string $text ): string {
	return htmlspecialchars( $text, ENT_QUOTES, 'UTF-8' );
}
function esc_url( string $url ): string {
	return htmlspecialchars( $url, ENT_QUOTES, 'UTF-8' );
}
function esc_url_raw( string $url, ?array $protocols = null ): string {
	$scheme = parse_url( $url, PHP_URL_SCHEME );
	return is_string( $scheme ) && in_array( strtolower( $scheme ), $protocols ?? array( 'http', 'https' ), true ) ? $url : '';
}
function wp_kses_post( string $text ): string {
	return $text;
}
function sanitize_text_field( string $text ): string {
	return trim( (string) preg_replace( '/\s+/', ' ', strip_tags( $text ) ) );
}
function wp_unslash( mixed $value ): mixed {
	return is_string( $value ) ? stripslashes( $value ) : $value;
}
function absint( mixed $value ): int {
	return abs( (int) $value );
}
function wp_parse_args( array $args, array $defaults = array() ): array {
	return array_merge( $defaults, $args );
}
function wp_list_pluck( array $list, string $field ): array {
	$out = array();
	foreach ( $list as $key => $item ) {
		if ( is_array( $item ) && array_key_exists( $field, $item ) ) {
			$out[ $key ] = $item[ $field ];
		}
	}
	return $out;
}
function wp_parse_url( string $url, int $component = -1 ): mixed {
	return parse_url( $url, $component );
}
function wp_json_encode( mixed $data, int $options = 0, int $depth = 512 ): string|false {
	return json_encode( $data, $options, $depth );
}
function plugin_basename( string $file ): string {
	return basename( dirname( $file ) ) . '/' . basename( $file );
}

// Admin.
function home_url( string $path = '' ): string {
	return RateBridge_Test_World::$home_url . ( '' === $path ? '' : '/' . ltrim( $path, '/' ) );
}
function admin_url( string $path = '' ): string {
	return RateBridge_Test_World::$home_url . '/wp-admin/' . ltrim( $path, '/' );
}
function wp_create_nonce( string $action = '-1' ): string {
	return substr( md5( 'nonce|' . $action ), 0, 10 );
}
function wp_nonce_url( string $url, string $action = '-1' ): string {
	return $url . ( str_contains( $url, '?' ) ? '&' : '?' ) . '_wpnonce=' . substr( md5( 'nonce|' . $action ), 0, 10 );
}
function get_current_user_id(): int {
	return RateBridge_Test_World::$current_user_id;
}
function current_user_can( string $capability ): bool {
	return 'manage_woocommerce' === $capability && RateBridge_Test_World::$user_can_manage;
}
function check_admin_referer( string $action = '-1', string $query_arg = '_wpnonce' ): int {
	if ( ! RateBridge_Test_World::$nonce_valid ) {
		wp_die( 'The link you followed has expired.', '', array( 'response' => 403 ) );
	}
	return 1;
}
function wp_die( string $message = '', string $title = '', array $args = array() ): never {
	throw new RateBridge_Test_Died( $message, (int) ( $args['response'] ?? 500 ) );
}
function wp_safe_redirect( string $location, int $status = 302 ): never {
	$host    = parse_url( $location, PHP_URL_HOST );
	$allowed = apply_filters( 'allowed_redirect_hosts', array( parse_url( RateBridge_Test_World::$home_url, PHP_URL_HOST ) ), $host );
	if ( ! in_array( $host, $allowed, true ) ) {
		$location = admin_url();
	}
	throw new RateBridge_Test_Redirected( $location );
}

/**
 * The database, as far as uninstall.php uses it: prepare() quotes like WordPress, and query() runs
 * `DELETE FROM <options> WHERE option_name LIKE … OR …` against the test world's options and transients.
 */
final class wpdb {
	public string $options = 'wp_options';
	/** @var list<string> */
	public array $queries = array();
	public function esc_like( string $text ): string {
		return addcslashes( $text, '_%\\' );
	}
	public function prepare( string $query, mixed ...$args ): string {
		$quoted = array_map( static fn ( $arg ): string => "'" . addslashes( (string) $arg ) . "'", $args );
		return vsprintf( $query, $quoted );
	}
	public function query( string $sql ): int {
		$this->queries[] = $sql;
		if ( ! preg_match( '/^DELETE FROM ' . preg_quote( $this->options, '/' ) . ' WHERE (.+)$/s', $sql, $where ) ) {
			throw new LogicException( 'unexpected query: ' . $sql );
		}
		preg_match_all( "/option_name LIKE '((?:[^'\\\\]|\\\\.)*)'/", $where[1], $likes );
		$patterns = array_map( array( self::class, 'like_to_regex' ), array_map( 'stripslashes', $likes[1] ) );
		$deleted  = 0;
		$matches  = static function ( string $name ) use ( $patterns ): bool {
			foreach ( $patterns as $pattern ) {
				if ( preg_match( $pattern, $name ) ) {
					return true;
				}
			}
			return false;
		};
		foreach ( array_keys( RateBridge_Test_World::$options ) as $name ) {
			if ( $matches( (string) $name ) ) {
				unset( RateBridge_Test_World::$options[ $name ] );
				++$deleted;
			}
		}
		foreach ( array_keys( RateBridge_Test_World::$transients ) as $name ) {
			if ( $matches( '_transient_' . $name ) ) {
				unset( RateBridge_Test_World::$transients[ $name ] );
				++$deleted;
			}
		}
		return $deleted;
	}
	/** MySQL LIKE (backslash escapes) as a regular expression. */
	private static function like_to_regex( string $like ): string {
		$regex = '';
		for ( $i = 0, $n = strlen( $like ); $i < $n; $i++ ) {
			$char = $like[ $i ];
			if ( '\\' === $char && $i + 1 < $n ) {
				$regex .= preg_quote( $like[ ++$i ], '/' );
			} elseif ( '%' === $char ) {
				$regex .= '.*';
			} elseif ( '_' === $char ) {
				$regex .= '.';
			} else {
				$regex .= preg_quote( $char, '/' );
			}
		}
		return '/^' . $regex . '$/s';
	}
}
