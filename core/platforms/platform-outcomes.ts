/**
 * Outcome wording and hygiene every HTTP adapter shares, so MachShip, Big Post and the sandbox say the same
 * thing the same way and none can forget to scrub a token out of a platform's own error text.
 */
import type { PlatformFailure, PlatformResult, VerifyOutcome } from './freight-platform.js';

export function retryLater(seconds: number | undefined): string {
  if (seconds === undefined) return 'Try again in a minute.';
  return `Try again in ${seconds} second${seconds === 1 ? '' : 's'}.`;
}

/** A body we could not read: says which platform and what, never the body itself. */
export function badResponse(displayName: string, status: number, what: string): PlatformFailure {
  return {
    reason: 'bad_response',
    httpStatus: status,
    detail: `${displayName} sent ${what} that RateBridge could not read (HTTP ${status}). Try again later; if it persists, contact RateBridge support.`,
  };
}

/** Drops trailing full stops and spaces, so messages join into one sentence (a loop: no regex backtracking). */
export function withoutFinalStop(text: string): string {
  let end = text.length;
  while (end > 0 && (text.charAt(end - 1) === '.' || text.charAt(end - 1).trim() === '')) end -= 1;
  return text.slice(0, end);
}

/**
 * A transport or platform failure during a token check: the token was not judged, so the outcome is
 * unreachable or rate_limited, never rejected. `rateLimitNote` adds the platform's fair-use terms.
 */
export function verifyOutcomeFromFailure(
  failure: PlatformFailure,
  displayName: string,
  rateLimitNote?: string,
): VerifyOutcome {
  switch (failure.reason) {
    case 'rate_limited':
      return {
        status: 'rate_limited',
        detail: `${displayName} asked RateBridge to slow down, so the token was not checked${rateLimitNote ? ` (${rateLimitNote})` : ''}. ${retryLater(failure.retryAfterSeconds)}`,
        ...(failure.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: failure.retryAfterSeconds }),
      };
    case 'timeout':
      return {
        status: 'unreachable',
        detail: `${failure.detail} The token was not checked; try again in a few minutes.`,
      };
    case 'aborted':
      return {
        status: 'unreachable',
        detail: `The token check was cancelled before ${displayName} answered. Try again.`,
      };
    default:
      return { status: 'unreachable', detail: `The token was not checked: ${failure.detail}` };
  }
}

/** Details can quote a platform's own error messages, which might echo what was sent: mask the token. */
export function withoutToken<T extends VerifyOutcome | PlatformFailure>(value: T, token: string): T {
  return token && value.detail.includes(token)
    ? { ...value, detail: value.detail.split(token).join('[token]') }
    : value;
}

export function resultWithoutToken<T>(result: PlatformResult<T>, token: string): PlatformResult<T> {
  return result.ok ? result : { ok: false, failure: withoutToken(result.failure, token) };
}
