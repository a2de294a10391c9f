<?php
declare(strict_types=1);

final class SignerTest extends RateBridge_TestCase {

	private const VECTORS_FILE = __DIR__ . '/../../signing-vectors.json';

	/** @return array<string, array{0: array<string, mixed>}> */
	public static function vectors(): array {
		$file = json_decode( (string) file_get_contents( self::VECTORS_FILE ), true, 512, JSON_THROW_ON_ERROR );
		$out  = array();
		foreach ( $file['vectors'] as $vector ) {
			$out[ $vector['name'] ] = array( $vector );
		}
		return $out;
	}

	/** @dataProvider vectors */
	public function test_the_signer_matches_every_shared_vector( array $vector ): void {
		$this->assertSame(
			$vector['signature_header'],
			RateBridge_Signer::signature_header( $vector['secret'], $vector['timestamp'], $vector['body'] )
		);
	}

	public function test_the_vector_file_covers_the_required_cases_with_obviously_fake_secrets(): void {
		$vectors = array_column( self::vectors(), 0 );
		$this->assertGreaterThanOrEqual( 5, count( $vectors ) );
		$bodies = array_column( $vectors, 'body' );
		$this->assertContains( '', $bodies, 'an empty body' );
		$this->assertNotEmpty( array_filter( $bodies, static fn ( string $b ): bool => 1 === preg_match( '/[^\x00-\x7F]/', $b ) ), 'a unicode body' );
		$this->assertNotEmpty( array_filter( $bodies, static fn ( string $b ): bool => str_contains( $b, "\n" ) ), 'a body with a newline' );
		$this->assertNotEmpty( array_filter( $bodies, static fn ( string $b ): bool => strlen( $b ) > 10000 ), 'a long body' );
		$this->assertNotEmpty( array_filter( array_column( $vectors, 'secret' ), static fn ( string $s ): bool => 1 === preg_match( '/[^A-Za-z0-9\-]/', $s ) ), 'a secret with special characters' );
		foreach ( $vectors as $vector ) {
			$this->assertStringContainsString( 'not-real', $vector['secret'] );
			$this->assertMatchesRegularExpression( '/^t=\d+,v1=[0-9a-f]{64}$/', $vector['signature_header'] );
		}
	}

	public function test_a_different_secret_timestamp_or_body_changes_the_signature(): void {
		$base = RateBridge_Signer::signature_header( 'test-secret-not-real-a', 1700000000, '{}' );
		$this->assertNotSame( $base, RateBridge_Signer::signature_header( 'test-secret-not-real-b', 1700000000, '{}' ) );
		$this->assertNotSame( substr( $base, 17 ), substr( RateBridge_Signer::signature_header( 'test-secret-not-real-a', 1700000001, '{}' ), 17 ) );
		$this->assertNotSame( $base, RateBridge_Signer::signature_header( 'test-secret-not-real-a', 1700000000, '{ }' ) );
	}
}
