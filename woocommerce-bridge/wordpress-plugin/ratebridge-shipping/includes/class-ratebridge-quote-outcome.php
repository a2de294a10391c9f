<?php
/**
 * Result of asking the bridge for rates.
 *
 * @package RateBridge_Shipping
 */

declare(strict_types=1);

defined( 'ABSPATH' ) || exit;

/**
 * Either the bridge's rates (possibly none: the bridge cannot ship this package) or a reason to fall back.
 */
final class RateBridge_Quote_Outcome {

	/**
	 * Constructor.
	 *
	 * @param list<array<string, mixed>>|null $rates          Rates when the bridge answered.
	 * @param string|null                     $fallback_reason Why the fallback applies, when it does.
	 */
	private function __construct(
		public readonly ?array $rates,
		public readonly ?string $fallback_reason
	) {}

	/**
	 * The bridge answered.
	 *
	 * @param list<array<string, mixed>> $rates Parsed rates.
	 */
	public static function rates( array $rates ): self {
		return new self( $rates, null );
	}

	/**
	 * The fallback rate applies.
	 *
	 * @param string $reason Short reason for the log.
	 */
	public static function fallback( string $reason ): self {
		return new self( null, $reason );
	}

	/**
	 * Whether the fallback rate applies.
	 */
	public function is_fallback(): bool {
		return null === $this->rates;
	}
}
