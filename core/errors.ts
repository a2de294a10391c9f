/**
 * Every error RateBridge reports is declared here, once: a stable code (`RB_ERR_*`) the admin UI maps to
 * help text, the HTTP status it renders as, and a message a merchant can act on. Messages never carry
 * secret material: callers pass only labels, names and counts into the templates.
 */

export interface ErrorDetail {
  /** Dotted path of the offending field, e.g. `lines.2.quantity`; empty for the whole input. */
  readonly path: string;
  readonly message: string;
}

interface ErrorDefinition {
  readonly status: number;
  readonly message: (...args: never[]) => string;
}

export const ERRORS = {
  // --- HTTP edge ---------------------------------------------------------------------------------
  RB_ERR_BAD_JSON: { status: 400, message: () => 'The request body is not valid JSON.' },
  RB_ERR_BODY_TOO_LARGE: {
    status: 413,
    message: (limit: string) => `The request body is larger than the ${limit} this endpoint accepts.`,
  },
  RB_ERR_UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    message: () => 'Send the request body as application/json.',
  },
  RB_ERR_VALIDATION: {
    status: 400,
    message: (summary: string) => `Some fields need attention: ${summary}`,
  },
  RB_ERR_ROUTE_NOT_FOUND: { status: 404, message: () => 'There is nothing at this address.' },
  RB_ERR_NOT_FOUND: { status: 404, message: (what: string) => `${what} was not found.` },
  RB_ERR_UNAUTHENTICATED: {
    status: 401,
    message: () => 'Sign in again: your session is missing or has expired.',
  },
  RB_ERR_FORBIDDEN: { status: 403, message: () => 'You are not allowed to do this.' },
  RB_ERR_RATE_LIMITED: {
    status: 429,
    message: (retryAfterSeconds: number) =>
      `Too many attempts. Wait ${retryAfterSeconds} seconds and try again.`,
  },
  RB_ERR_CONFLICT: {
    status: 409,
    message: () => 'Someone else changed this at the same moment. Reload and try again.',
  },
  RB_ERR_INTERNAL: {
    status: 500,
    message: () => 'Something went wrong on our side. It has been logged; please try again.',
  },
  RB_ERR_STORE_UNAVAILABLE: {
    status: 503,
    message: () => 'RateBridge cannot reach its storage right now. Try again in a moment.',
  },

  // --- configuration (start-up only, never an HTTP response) -------------------------------------
  RB_ERR_CONFIG: {
    status: 500,
    message: (problems: string) => `RateBridge cannot start; fix its configuration: ${problems}`,
  },
  RB_ERR_DATA_DIR_LOCKED: {
    status: 500,
    message: (dataDir: string, pid: number) =>
      `RateBridge cannot start: DATA_DIR ${dataDir} is in use by process ${pid}. Stop that process, or give this one its own DATA_DIR (the embedded store serves one process; set REDIS_URL to run several).`,
  },
  RB_ERR_PORT_IN_USE: {
    status: 500,
    message: (address: string) =>
      `RateBridge cannot start: ${address} is already in use. Stop whatever listens there, or set PORT to a free port.`,
  },
  RB_ERR_NODE_TOO_OLD: {
    status: 500,
    message: (found: string) =>
      `RateBridge cannot start: it needs Node.js 22.12 or newer (24 LTS recommended); this is ${found}. Install a newer Node.js.`,
  },

  // --- sealing and signing ----------------------------------------------------------------------
  RB_ERR_SEAL_UNREADABLE: {
    status: 500,
    message: () =>
      'A stored secret could not be opened (it was altered, moved or sealed with a key no longer configured).',
  },
  RB_ERR_SEAL_UNKNOWN_KEY: {
    status: 500,
    message: (keyId: string) =>
      `A stored secret was sealed with key "${keyId}", which is not in RATEBRIDGE_KEYS.`,
  },
  RB_ERR_SIGNATURE_MISSING: {
    status: 401,
    message: () =>
      'The request is not signed. Check the key id and secret configured where this request comes from.',
  },
  RB_ERR_SIGNATURE_MALFORMED: {
    status: 401,
    message: () => 'The request signature is not in the form t=<unix seconds>,v1=<hex>.',
  },
  RB_ERR_SIGNATURE_INVALID: {
    status: 401,
    message: () =>
      'The request signature does not match. Check the secret configured where this request comes from.',
  },
  RB_ERR_SIGNATURE_EXPIRED: {
    status: 401,
    message: () =>
      "The request signature is too old or from the future. Check the server's clock (it must be within five minutes).",
  },
  RB_ERR_SIGNATURE_REPLAYED: {
    status: 401,
    message: () => 'This signed request was already used once and cannot be replayed.',
  },
  RB_ERR_LOGIN_LINK_INVALID: {
    status: 401,
    message: () => 'This sign-in link is invalid, has expired or was already used. Ask for a new one.',
  },
  RB_ERR_CROSS_SITE: {
    status: 403,
    message: () =>
      'This change must come from the RateBridge admin itself (the request did not say it came from this site). Reload the admin and try again.',
  },
  RB_ERR_ENCODING_UNSUPPORTED: {
    status: 415,
    message: () =>
      'The request body uses a Content-Encoding RateBridge does not accept: send it as gzip, deflate, br or uncompressed.',
  },
  RB_ERR_BODY_UNDECODABLE: {
    status: 400,
    message: () =>
      'The request body could not be decoded: its Content-Encoding does not match what was sent. Send it uncompressed or correctly compressed.',
  },

  // --- freight platforms and tokens -------------------------------------------------------------
  RB_ERR_UNKNOWN_PLATFORM: {
    status: 400,
    message: (platform: string) => `"${platform}" is not a freight platform RateBridge supports.`,
  },
  RB_ERR_TOKEN_EMPTY: {
    status: 400,
    message: () => 'Paste the API token you created in your freight platform; the field is empty.',
  },
  RB_ERR_TOKEN_WHITESPACE: {
    status: 400,
    message: () =>
      'The pasted token contains spaces or line breaks inside it. Copy the token again, on its own.',
  },
  RB_ERR_TOKEN_CONTROL_CHARACTERS: {
    status: 400,
    message: () =>
      'The pasted token contains invisible control characters. Copy the token again from your freight platform.',
  },
  RB_ERR_TOKEN_TOO_LONG: {
    status: 400,
    message: (max: number) =>
      `The pasted text is longer than ${max} characters, too long to be an API token. Paste only the token.`,
  },
  RB_ERR_TOKEN_REJECTED: {
    status: 422,
    message: (detail: string) => detail,
  },
  RB_ERR_TOKEN_FORBIDDEN: {
    status: 422,
    message: (detail: string) => detail,
  },
  RB_ERR_TOKEN_WRONG_ENVIRONMENT: {
    status: 422,
    message: (detail: string) => detail,
  },
  RB_ERR_PLATFORM_UNREACHABLE: {
    status: 502,
    message: (detail: string) => detail,
  },
  RB_ERR_PLATFORM_RATE_LIMITED: {
    status: 429,
    message: (detail: string) => detail,
  },
  RB_ERR_LABEL_TAKEN: {
    status: 409,
    message: (label: string) =>
      `You already have a connection named "${label}". Choose another name or replace that connection's token.`,
  },
  RB_ERR_TOKEN_ALREADY_CONNECTED: {
    status: 409,
    message: (label: string) =>
      `This token is already connected as "${label}". Each token can be connected once.`,
  },
  RB_ERR_CONNECTION_REVOKED: {
    status: 409,
    message: (label: string) =>
      `The token of "${label}" no longer works. Create a new token in your freight platform and replace it.`,
  },

  // --- Shopify ----------------------------------------------------------------------------------
  RB_ERR_SHOPIFY_PLAN: {
    status: 422,
    message: () =>
      'Your Shopify plan does not include carrier-calculated shipping, so Shopify refused to add RateBridge as a carrier service. It is included with the Advanced Shopify plan or higher, with the Shopify plan billed yearly, and on development stores; on a monthly Shopify plan it can be added for a fee by Shopify Support. Change the plan or ask Shopify Support, then go live again.',
  },
  RB_ERR_SHOPIFY_REFUSED: {
    status: 422,
    message: (detail: string) => `Shopify refused the change: ${detail}`,
  },
  RB_ERR_SHOPIFY_UNREACHABLE: {
    status: 502,
    message: () => 'Shopify did not answer in time. Nothing was changed; try again in a minute.',
  },
  RB_ERR_SHOPIFY_SESSION_MISSING: {
    status: 409,
    message: () =>
      'RateBridge has no access to this shop yet. Open the app from your Shopify admin once, then try again.',
  },
  RB_ERR_NOT_LIVE: {
    status: 409,
    message: () =>
      'Connect a freight platform, add a pickup location and check a test quote before going live.',
  },

  // --- admin UI ---------------------------------------------------------------------------------
  RB_ERR_ADMIN_UI_NOT_BUILT: {
    status: 503,
    message: () => 'The admin UI has not been built yet: run npm run build (or npm start, which builds it).',
  },
} as const satisfies Record<`RB_ERR_${string}`, ErrorDefinition>;

export type ErrorCode = keyof typeof ERRORS;
type MessageArgs<C extends ErrorCode> = Parameters<(typeof ERRORS)[C]['message']>;

export class RateBridgeError extends Error {
  override readonly name = 'RateBridgeError';
  readonly status: number;
  /** Sent as Retry-After with 429s and 503s. */
  retryAfterSeconds: number | undefined;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: readonly ErrorDetail[] = [],
    options?: { cause?: unknown; status?: number; retryAfterSeconds?: number },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.status = options?.status ?? ERRORS[code].status;
    this.retryAfterSeconds = options?.retryAfterSeconds;
  }

  withRetryAfter(seconds: number | undefined): this {
    this.retryAfterSeconds = seconds;
    return this;
  }

  /** The body every RateBridge HTTP error renders as. */
  toJSON(): { error: { code: ErrorCode; message: string; details?: readonly ErrorDetail[] } } {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.details.length > 0 ? { details: this.details } : {}),
      },
    };
  }
}

/** Builds the declared error for `code`, its message filled from `args`. */
export function rbError<C extends ErrorCode>(code: C, ...args: MessageArgs<C>): RateBridgeError {
  const template = ERRORS[code].message as (...a: MessageArgs<C>) => string;
  return new RateBridgeError(code, template(...args));
}

/** The same, with per-field details (validation problems). */
export function rbErrorWithDetails<C extends ErrorCode>(
  code: C,
  details: readonly ErrorDetail[],
  ...args: MessageArgs<C>
): RateBridgeError {
  const template = ERRORS[code].message as (...a: MessageArgs<C>) => string;
  return new RateBridgeError(code, template(...args), details);
}

export function isRateBridgeError(value: unknown): value is RateBridgeError {
  return value instanceof RateBridgeError;
}
