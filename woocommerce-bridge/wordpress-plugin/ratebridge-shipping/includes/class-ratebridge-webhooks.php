<?php
/**
 * The product webhooks of a store connected with a read-only key, registered from inside WordPress.
 *
 * @package RateBridge_Shipping
 */

declare(strict_types=1);

defined( 'ABSPATH' ) || exit;

/**
 * RateBridge asks WooCommerce's key grant for read access only, and WooCommerce refuses to create webhooks
 * with a read-only key. So when the merchant saves the RateBridge settings, the plugin offers to register
 * them itself: it POSTs a signed `{"action":"register_webhooks","secret":"<its secret>"}` to the bridge, which
 * keeps the secret sealed and answers where to deliver (`registered_by: plugin`), or that it registered the
 * webhooks itself over the REST API (`registered_by: ratebridge`, a key with write permission). The plugin then
 * saves product.created / updated / deleted webhooks with WooCommerce's own WC_Webhook, as the admin who
 * saved the settings (WooCommerce builds each payload with that user's permissions), and pings each new one
 * as WooCommerce does for the webhooks it creates, so an unreachable bridge is said at once.
 *
 * The secret is generated here once and kept in its own option (never autoloaded, never shown): it only
 * ever travels towards the bridge. Saving again updates the same webhooks rather than adding more.
 */
final class RateBridge_Webhooks {

	public const SETUP_PATH    = '/woocommerce/webhook-setup';
	public const SECRET_OPTION = 'ratebridge_webhook_secret';
	public const IDS_OPTION    = 'ratebridge_webhook_ids';
	public const TOPICS        = array( 'product.created', 'product.updated', 'product.deleted' );

	/**
	 * Offers the bridge to register the webhooks, and saves them when it accepts.
	 *
	 * @param RateBridge_Connection $connection Saved connection.
	 * @param int                   $user_id    The admin whose permissions WooCommerce builds payloads with.
	 * @param Closure|null          $clock      Unix seconds for signing; time() when null.
	 * @return true|WP_Error True when the store's product edits reach RateBridge; otherwise why not.
	 */
	public static function register( RateBridge_Connection $connection, int $user_id, ?Closure $clock = null ): bool|WP_Error {
		if ( ! $connection->is_complete() ) {
			return new WP_Error( 'ratebridge_not_connected', __( 'RateBridge is not connected yet: enter the bridge URL, key id and key secret.', 'ratebridge-shipping' ) );
		}
		if ( ! class_exists( 'WC_Webhook' ) || $user_id <= 0 ) {
			return new WP_Error( 'ratebridge_webhooks_unavailable', __( 'RateBridge could not register its product webhooks here; product changes reach it when you sync products in RateBridge.', 'ratebridge-shipping' ) );
		}

		$log    = new RateBridge_Log( $connection->key_secret() );
		$secret = self::secret();
		$body   = wp_json_encode(
			RateBridge_Bridge_Client::with_request_id(
				array(
					'action' => 'register_webhooks',
					'secret' => $secret,
				)
			)
		);
		if ( ! is_string( $body ) ) {
			return new WP_Error( 'ratebridge_webhooks_failed', __( 'RateBridge could not be offered the product webhooks (the request could not be encoded). Save the settings again.', 'ratebridge-shipping' ) );
		}
		$reply = ( new RateBridge_Bridge_Client( $connection, $clock ) )->post( self::SETUP_PATH, $body );

		if ( $reply->is_key_refused() ) {
			RateBridge_Key_Status::mark_refused( $connection->key_id );
			$log->error( sprintf( 'RateBridge: connector key refused (%s) for key id "%s" while registering webhooks.', $reply->describe(), $connection->key_id ) );
			return new WP_Error( 'ratebridge_key_refused', __( 'RateBridge refused the connector key: it was revoked or is wrong. Create a new key in RateBridge and paste it into the settings.', 'ratebridge-shipping' ) );
		}
		$answer = $reply->json_object();
		$by     = is_array( $answer ) ? ( $answer['registered_by'] ?? null ) : null;

		if ( 'ratebridge' === $by ) {
			// RateBridge holds a key that may write and registered them itself: ours would only duplicate them.
			self::remove();
			$log->info( 'RateBridge registered the product webhooks itself; the plugin keeps none.' );
			return true;
		}
		$url = is_array( $answer ) && is_string( $answer['delivery_url'] ?? null ) ? $answer['delivery_url'] : '';
		if ( 'plugin' !== $by || ! self::points_at_bridge( $url, $connection ) ) {
			$log->warning( sprintf( 'RateBridge webhook registration failed: %s.', $reply->describe() ) );
			return self::not_accepted( $reply, $connection );
		}
		$topics = array_values( array_intersect( self::TOPICS, is_array( $answer['topics'] ?? null ) ? $answer['topics'] : array() ) );

		$ids         = array();
		$unreachable = null;
		foreach ( $topics as $topic ) {
			[ $ids[ $topic ], $ping ] = self::save_webhook( $topic, $url, $secret, $user_id );
			$unreachable            ??= is_wp_error( $ping ) ? $ping : null;
		}
		update_option( self::IDS_OPTION, $ids, false );
		$log->info( sprintf( 'RateBridge product webhooks saved (%s).', implode( ', ', array_keys( $ids ) ) ) );
		if ( null !== $unreachable ) {
			$log->warning( sprintf( 'WooCommerce could not ping the RateBridge webhook URL: %s', $unreachable->get_error_message() ) );
			return new WP_Error( 'ratebridge_webhooks_unreachable', __( 'The product webhooks are saved, but WooCommerce could not reach RateBridge at their delivery URL. Check that this server can reach the bridge URL, then save the settings again.', 'ratebridge-shipping' ) );
		}
		return true;
	}

	/**
	 * What the merchant is told when RateBridge did not take the offer: what it answered, in its own words
	 * when it gave any (e.g. 409 "Connect this store in RateBridge first…"), or that it did not answer.
	 *
	 * @param RateBridge_Bridge_Reply $reply      The bridge's reply.
	 * @param RateBridge_Connection   $connection Saved connection.
	 */
	private static function not_accepted( RateBridge_Bridge_Reply $reply, RateBridge_Connection $connection ): WP_Error {
		$later = __( 'Until then, product changes reach RateBridge when you sync products there.', 'ratebridge-shipping' );
		if ( null !== $reply->transport_error ) {
			$why = '' !== $connection->key_secret() ? str_replace( $connection->key_secret(), '[redacted]', $reply->transport_error ) : $reply->transport_error;
			return new WP_Error(
				'ratebridge_unreachable',
				/* translators: 1: bridge URL, 2: why the request failed (e.g. "cURL error 28: Operation timed out…") */
				sprintf( __( 'RateBridge did not answer at %1$s (%2$s). Check the bridge URL; checkout shows the fallback rate while RateBridge cannot be reached.', 'ratebridge-shipping' ), $connection->bridge_url, $why ) . ' ' . $later
			);
		}
		$message = 200 === $reply->status ? null : $reply->error_message();
		if ( null !== $message ) {
			return new WP_Error(
				'ratebridge_webhooks_refused',
				/* translators: %s: RateBridge's own explanation */
				sprintf( __( 'RateBridge did not register the product webhooks: %s', 'ratebridge-shipping' ), $message ) . ' ' . $later
			);
		}
		return new WP_Error(
			'ratebridge_webhooks_failed',
			/* translators: %s: e.g. "HTTP 502" */
			sprintf( __( 'RateBridge did not accept the product webhooks just now (%s). Save the settings again in a moment.', 'ratebridge-shipping' ), $reply->describe() ) . ' ' . $later
		);
	}

	/**
	 * Deletes the webhooks the plugin saved, and its secret (uninstall, or RateBridge registered them itself).
	 */
	public static function remove(): void {
		$ids = get_option( self::IDS_OPTION, array() );
		if ( is_array( $ids ) && function_exists( 'wc_get_webhook' ) ) {
			foreach ( $ids as $id ) {
				$webhook = wc_get_webhook( (int) $id );
				if ( $webhook instanceof WC_Webhook ) {
					$webhook->delete( true );
				}
			}
		}
		delete_option( self::IDS_OPTION );
		delete_option( self::SECRET_OPTION );
	}

	/**
	 * The stored secret, made on first use: 48 hex characters from the CSPRNG.
	 */
	private static function secret(): string {
		$secret = get_option( self::SECRET_OPTION, '' );
		if ( is_string( $secret ) && 1 === preg_match( '/^[0-9a-f]{48}$/', $secret ) ) {
			return $secret;
		}
		$secret = bin2hex( random_bytes( 24 ) );
		update_option( self::SECRET_OPTION, $secret, false );
		return $secret;
	}

	/**
	 * Creates the topic's webhook, or updates the one saved before.
	 *
	 * @param string $topic   e.g. product.updated.
	 * @param string $url     Delivery URL the bridge gave.
	 * @param string $secret  Signing secret.
	 * @param int    $user_id Admin whose permissions build the payload.
	 * @return array{0: int, 1: bool|WP_Error|null} The webhook id, and the ping of a new webhook (null for an
	 *                                              update), as WooCommerce pings the webhooks it creates.
	 */
	private static function save_webhook( string $topic, string $url, string $secret, int $user_id ): array {
		$ids      = get_option( self::IDS_OPTION, array() );
		$existing = is_array( $ids ) && isset( $ids[ $topic ] ) ? wc_get_webhook( (int) $ids[ $topic ] ) : null;
		$webhook  = $existing instanceof WC_Webhook ? $existing : new WC_Webhook();
		$webhook->set_name( 'RateBridge ' . $topic );
		$webhook->set_user_id( $user_id );
		$webhook->set_topic( $topic );
		$webhook->set_delivery_url( $url );
		$webhook->set_secret( $secret );
		$webhook->set_api_version( 'wp_api_v3' );
		$webhook->set_status( 'active' );
		// WooCommerce disables a webhook after five failed deliveries and leaves the count there: start afresh.
		$webhook->set_failure_count( 0 );
		$id = (int) $webhook->save();
		return array( $id, $existing instanceof WC_Webhook ? null : $webhook->deliver_ping() );
	}

	/**
	 * Deliveries go to the bridge the plugin is connected to, never wherever an answer says.
	 *
	 * @param string                $url        Delivery URL from the bridge.
	 * @param RateBridge_Connection $connection Saved connection.
	 */
	private static function points_at_bridge( string $url, RateBridge_Connection $connection ): bool {
		$scheme = wp_parse_url( $url, PHP_URL_SCHEME );
		$host   = wp_parse_url( $url, PHP_URL_HOST );
		return in_array( $scheme, array( 'https', 'http' ), true ) && is_string( $host ) && strtolower( $host ) === $connection->bridge_host();
	}
}
