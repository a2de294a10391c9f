/**
 * Signed requests: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` (the format the WordPress
 * plugin sends, and the one Stripe made familiar). Verification checks the timestamp against a tolerance
 * window, compares in constant time, and records each accepted signature in the store for the length of
 * the window so a captured request cannot be replayed.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { rbError, type RateBridgeError } from '../errors.js';
import type { Store } from '../storage/store.js';

export const SIGNATURE_TOLERANCE_SECONDS = 300;
/** How far behind another instance's clock may be and still find every replay record it could accept. */
const CLOCK_SKEW_SECONDS = 60;
const HEADER = /^t=(\d{1,12}),v1=([0-9a-f]{64})$/;

export function computeSignature(secret: string, timestamp: number, rawBody: string | Buffer): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex');
}

export function signRequest(secret: string, rawBody: string | Buffer, timestamp = nowSeconds()): string {
  return `t=${timestamp},v1=${computeSignature(secret, timestamp, rawBody)}`;
}

export interface VerifySignatureInput {
  readonly header: string | undefined;
  readonly rawBody: string | Buffer;
  readonly secret: string;
  /** Namespaces the replay record (e.g. the connector key id). */
  readonly replayScope: string;
  readonly store: Store;
  readonly toleranceSeconds?: number;
  readonly now?: number;
}

export type SignatureCheck = { readonly ok: true } | { readonly ok: false; readonly error: RateBridgeError };

export async function verifyRequestSignature(input: VerifySignatureInput): Promise<SignatureCheck> {
  if (!input.header) return { ok: false, error: rbError('RB_ERR_SIGNATURE_MISSING') };
  const match = HEADER.exec(input.header.trim());
  if (!match) return { ok: false, error: rbError('RB_ERR_SIGNATURE_MALFORMED') };
  const timestamp = Number(match[1]);
  const given = match[2] as string;
  const tolerance = input.toleranceSeconds ?? SIGNATURE_TOLERANCE_SECONDS;
  const now = input.now ?? nowSeconds();
  // The MAC is checked before the clock so a forged request learns nothing about our time window. Both are
  // 32 bytes (the header's format is fixed), so they compare directly, in constant time, with no hashing.
  const expected = Buffer.from(computeSignature(input.secret, timestamp, input.rawBody), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(given, 'hex'))) {
    return { ok: false, error: rbError('RB_ERR_SIGNATURE_INVALID') };
  }
  if (Math.abs(now - timestamp) > tolerance) return { ok: false, error: rbError('RB_ERR_SIGNATURE_EXPIRED') };
  const fresh = await input.store.cacheSetIfAbsent(
    // 128 bits of the MAC name the request as surely as all 256, in a key half the size: a busy store keeps
    // one of these per signed request for minutes.
    ['sig-replay', input.replayScope, expected.toString('base64url', 0, 16)].join(':'),
    timestamp,
    // Until the clock check refuses this timestamp on its own (t + tolerance), with a minute to spare for
    // an instance sharing the store whose clock runs behind this one's.
    (timestamp + tolerance - now + CLOCK_SKEW_SECONDS) * 1000,
  );
  return fresh ? { ok: true } : { ok: false, error: rbError('RB_ERR_SIGNATURE_REPLAYED') };
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
