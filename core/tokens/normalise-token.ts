/**
 * What merchants actually paste: the token with a trailing newline, wrapped in quotes from a password
 * manager, or the whole header line copied from API docs (`Bearer …`, `token: …`, `AccessToken: …`).
 * We strip exactly those wrappings and refuse anything else that cannot be a token, naming the problem.
 */
import { rbError, type RateBridgeError } from '../errors.js';
import { MAX_TOKEN_LENGTH } from '../wire/connections-schema.js';

const WRAPPING_QUOTES = /^(["'`])(.*)\1$/s;
const HEADER_PREFIX = /^(?:authorization\s*:\s*)?(?:bearer\s+|token\s*:\s*|accesstoken\s*:\s*)/i;
// C0 and C1 controls, DEL, and the invisible format characters copy/paste drags along (ZWSP, BOM, …).
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]/u;
const WHITESPACE = /\s/u;

export type NormalisedToken = { ok: true; token: string } | { ok: false; error: RateBridgeError };

export function normaliseToken(pasted: string): NormalisedToken {
  if (pasted.length > MAX_TOKEN_LENGTH * 4)
    return { ok: false, error: rbError('RB_ERR_TOKEN_TOO_LONG', MAX_TOKEN_LENGTH) };
  let token = pasted.trim();
  // Quotes and a header name may nest either way round: `"Bearer abc"` or `Bearer "abc"`.
  for (let pass = 0; pass < 2; pass++) {
    token = token.replace(WRAPPING_QUOTES, '$2').trim();
    token = token.replace(HEADER_PREFIX, '').trim();
  }
  if (token.length === 0) return { ok: false, error: rbError('RB_ERR_TOKEN_EMPTY') };
  if (token.length > MAX_TOKEN_LENGTH)
    return { ok: false, error: rbError('RB_ERR_TOKEN_TOO_LONG', MAX_TOKEN_LENGTH) };
  // Control characters first: a tab or newline is both, and "invisible characters" is the truer message.
  if (CONTROL.test(token.replace(/[ \t\r\n]/g, ''))) {
    return { ok: false, error: rbError('RB_ERR_TOKEN_CONTROL_CHARACTERS') };
  }
  if (WHITESPACE.test(token)) return { ok: false, error: rbError('RB_ERR_TOKEN_WHITESPACE') };
  return { ok: true, token };
}

/** The last four characters, all a merchant ever sees of a stored token again. */
export function tokenHint(token: string): string {
  return token.slice(-4);
}
