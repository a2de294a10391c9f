/**
 * Checks shared by connect and replace before a pasted token reaches the platform: the platform and
 * environment exist, the token is normalised (and registered with the log redactor), it is not already
 * connected, and a refused verification becomes its coded error.
 */
import type { RateBridgeError } from '../errors.js';
import { rbError, type ErrorCode } from '../errors.js';
import type {
  FreightPlatform,
  PlatformEnvironment,
  PlatformName,
  VerifyOutcome,
} from '../platforms/freight-platform.js';
import type { PlatformRegistry } from '../platforms/registry.js';
import type { Fingerprinter } from '../security/fingerprint.js';
import { rememberSecret } from '../security/redact.js';
import type { ConnectionRecord } from './connection.js';
import { normaliseToken } from './normalise-token.js';

const VERIFY_ERRORS: Record<Exclude<VerifyOutcome['status'], 'valid'>, ErrorCode> = {
  rejected: 'RB_ERR_TOKEN_REJECTED',
  forbidden: 'RB_ERR_TOKEN_FORBIDDEN',
  wrong_environment: 'RB_ERR_TOKEN_WRONG_ENVIRONMENT',
  unreachable: 'RB_ERR_PLATFORM_UNREACHABLE',
  rate_limited: 'RB_ERR_PLATFORM_RATE_LIMITED',
};

export function platformFor(
  platforms: PlatformRegistry,
  name: PlatformName,
  environment: PlatformEnvironment,
): FreightPlatform {
  const platform = platforms.get(name);
  if (!platform) throw rbError('RB_ERR_UNKNOWN_PLATFORM', name);
  if (!platform.environments.includes(environment)) {
    throw rbError(
      'RB_ERR_TOKEN_WRONG_ENVIRONMENT',
      `${platform.displayName} has no ${environment} environment.`,
    );
  }
  return platform;
}

/** The token as the platform wants it; from here on it is masked in every log line. */
export function normalisedToken(pasted: string): string {
  const result = normaliseToken(pasted);
  if (!result.ok) throw result.error;
  rememberSecret(result.token);
  return result.token;
}

export function verifyError(outcome: Exclude<VerifyOutcome, { status: 'valid' }>): RateBridgeError {
  const error = rbError(VERIFY_ERRORS[outcome.status], outcome.detail);
  return outcome.status === 'rate_limited' ? error.withRetryAfter(outcome.retryAfterSeconds) : error;
}

/** The connection that already holds `token`, if any (keyed fingerprints: the token itself is not stored). */
export function connectionWithToken(
  fingerprinter: Fingerprinter,
  records: readonly ConnectionRecord[],
  token: string,
): ConnectionRecord | undefined {
  return records.find((candidate) => fingerprinter.matches(token, candidate.fingerprint));
}
