/**
 * Verifying App Bridge session tokens: the JWT the embedded admin sends as `Authorization: Bearer …` on
 * every call. Shopify signs it with HS256 and the app's client secret; its claims say which shop (`dest`,
 * `iss` = dest + `/admin`), which app (`aud` = client id) and which staff member (`sub`), valid for about a
 * minute (`nbf`..`exp`).
 *
 * The algorithm is pinned to HS256 (a token naming any other, or `none`, is refused before any crypto),
 * the signature is compared in constant time, and every failure comes back as data with a reason for the
 * log line: never the token itself.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { parseShopDomain, type ShopDomain } from './shop-domain.js';

/** Shopify's own library allows 10 s of clock skew; so do we. */
export const SESSION_TOKEN_LEEWAY_SECONDS = 10;
/** Real tokens are well under 1 KB; anything far larger is not worth hashing. */
const MAX_TOKEN_LENGTH = 4096;

export interface SessionTokenClaims {
  readonly shop: ShopDomain;
  /** The staff member's user id; absent only in tokens that are not tied to a user. */
  readonly userId: string | undefined;
  /** Shopify's session id (per user and app), for logs. */
  readonly sid: string | undefined;
  readonly expiresAt: number;
}

export type SessionTokenFailure =
  | 'malformed'
  | 'unsupported_algorithm'
  | 'bad_signature'
  | 'expired'
  | 'not_yet_valid'
  | 'wrong_audience'
  | 'bad_shop';

export type SessionTokenResult =
  | { readonly valid: true; readonly claims: SessionTokenClaims }
  | { readonly valid: false; readonly reason: SessionTokenFailure };

const header = z.object({ alg: z.string(), typ: z.string().optional() });
const payload = z.object({
  iss: z.string(),
  dest: z.string(),
  aud: z.union([z.string(), z.array(z.string())]),
  sub: z.string().max(64).optional(),
  exp: z.number(),
  nbf: z.number(),
  iat: z.number().optional(),
  jti: z.string().optional(),
  sid: z.string().max(256).optional(),
});

export interface SessionTokenKeys {
  readonly apiKey: string;
  readonly apiSecret: string;
}

export function verifySessionToken(
  token: string,
  keys: SessionTokenKeys,
  nowMs: number = Date.now(),
): SessionTokenResult {
  const fail = (reason: SessionTokenFailure): SessionTokenResult => ({ valid: false, reason });
  if (token.length > MAX_TOKEN_LENGTH) return fail('malformed');
  const parts = token.split('.');
  if (parts.length !== 3) return fail('malformed');
  const [encodedHeader = '', encodedPayload = '', encodedSignature = ''] = parts;

  const parsedHeader = header.safeParse(decodeJson(encodedHeader));
  if (!parsedHeader.success) return fail('malformed');
  if (parsedHeader.data.alg !== 'HS256') return fail('unsupported_algorithm');

  const expected = createHmac('sha256', keys.apiSecret).update(`${encodedHeader}.${encodedPayload}`).digest();
  const given = Buffer.from(encodedSignature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return fail('bad_signature');

  const parsedPayload = payload.safeParse(decodeJson(encodedPayload));
  if (!parsedPayload.success) return fail('malformed');
  const claims = parsedPayload.data;
  const now = nowMs / 1000;
  if (claims.exp < now - SESSION_TOKEN_LEEWAY_SECONDS) return fail('expired');
  if (claims.nbf > now + SESSION_TOKEN_LEEWAY_SECONDS) return fail('not_yet_valid');
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audiences.includes(keys.apiKey)) return fail('wrong_audience');

  const shop = shopOfUrl(claims.dest, '');
  // `iss` is the shop's admin URL; a token whose issuer names another shop is not this shop's.
  if (shop === undefined || shopOfUrl(claims.iss, '/admin') !== shop) return fail('bad_shop');
  return {
    valid: true,
    claims: { shop, userId: claims.sub, sid: claims.sid, expiresAt: claims.exp * 1000 },
  };
}

function decodeJson(segment: string): unknown {
  try {
    return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

/** The shop of `https://<shop><path>`, exactly: no port, credentials, query or other path. */
function shopOfUrl(text: string, path: '' | '/admin'): ShopDomain | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  const pathname = url.pathname.replace(/\/$/, '');
  if (url.protocol !== 'https:' || url.port !== '' || url.username !== '' || url.password !== '')
    return undefined;
  if (pathname !== path || url.search !== '' || url.hash !== '') return undefined;
  return parseShopDomain(url.hostname);
}
