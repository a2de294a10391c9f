/**
 * Outcome wording and hygiene every HTTP adapter shares, so MachShip, Big Post and the sandbox say the same
 * thing the same way and none can forget to scrub a token out of a platform's own error text.
 */
import type { PlatformFailure, PlatformResult, VerifyOutcome } from './freight-platform.js';
import { retryAfterSeconds, type HttpResponse } from './http-client.js';

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

/** How one platform words the failures every HTTP status means on its own. */
export interface StatusWording {
  readonly displayName: string;
  /** The detail for a token the platform no longer accepts (401). */
  readonly unauthorized: string;
  /**
   * The detail for a 403. Absent: the platform answers 403 for a token it does not accept (Big Post), so
   * 403 is `unauthorized` too.
   */
  readonly forbidden?: string;
  /** The platform's fair-use terms, added to a 429's detail. */
  readonly rateLimitNote?: string;
}

/**
 * The failure an HTTP status means before any body is read: 401 (and 403 where the platform uses it for
 * tokens), 429 with its Retry-After, 5xx. Undefined for every other status: the body decides.
 */
export function failureFromStatus(
  response: HttpResponse,
  wording: StatusWording,
): PlatformFailure | undefined {
  const { status } = response;
  if (status === 401 || (status === 403 && wording.forbidden === undefined)) {
    return { reason: 'unauthorized', httpStatus: status, detail: wording.unauthorized };
  }
  if (status === 403) return { reason: 'forbidden', httpStatus: status, detail: wording.forbidden ?? '' };
  if (status === 429) {
    const retryAfter = retryAfterSeconds(response.headers);
    const note = wording.rateLimitNote ? ` (${wording.rateLimitNote})` : '';
    return {
      reason: 'rate_limited',
      httpStatus: status,
      detail: `${wording.displayName} asked RateBridge to slow down${note}. ${retryLater(retryAfter)}`,
      ...(retryAfter === undefined ? {} : { retryAfterSeconds: retryAfter }),
    };
  }
  if (status >= 500) {
    return {
      reason: 'unreachable',
      httpStatus: status,
      detail: `${wording.displayName} answered with a server error (HTTP ${status}). Try again in a few minutes.`,
    };
  }
  return undefined;
}

const MAX_DETAIL_MESSAGES = 5;

/**
 * The platform refused what we sent and said why: its own messages, for the merchant, in one sentence
 * (the first five; the rest counted). `doing` completes "<platform> could not ...".
 */
export function rejectedRequest(
  displayName: string,
  status: number,
  messages: readonly string[],
  doing: string,
): PlatformFailure {
  const shown = messages
    .slice(0, MAX_DETAIL_MESSAGES)
    .map((message) => withoutFinalStop(message.trim()) || 'unspecified error')
    .join('; ');
  const more =
    messages.length > MAX_DETAIL_MESSAGES ? ` (and ${messages.length - MAX_DETAIL_MESSAGES} more)` : '';
  return {
    reason: 'rejected_request',
    httpStatus: status,
    detail: `${displayName} could not ${doing}: ${shown}${more}.`,
  };
}

/** The calendar date at the start of a platform's date or date-time text (`2025-11-27T00:00:00`). */
export function calendarDate(text: string | null | undefined): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(text?.trim() ?? '');
  if (!match) return undefined;
  const [, year, month, day] = match;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  // Rejects 2025-02-30 and the like, which Date would silently roll over.
  return date.getUTCDate() === Number(day) && date.getUTCMonth() === Number(month) - 1
    ? `${year}-${month}-${day}`
    : undefined;
}

/** A carrier or service name fit for a checkout line: trimmed, spaces collapsed, at most `max` characters. */
export function displayName(text: string | null | undefined, max = 80): string | undefined {
  const clean = text?.replace(/\s+/g, ' ').trim();
  if (!clean) return undefined;
  return clean.length <= max ? clean : `${clean.slice(0, max - 1).trimEnd()}…`;
}
