import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifySessionToken } from '../../shopify-app/session-token.js';

const keys = { apiKey: 'test-client-id-0001', apiSecret: randomBytes(16).toString('hex') };
const shop = 'token-shop.myshopify.com';
const now = 1_900_000_000_000;
const seconds = now / 1000;

function token(claims: Record<string, unknown> = {}, options: { alg?: string; secret?: string } = {}) {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const header = encode({ alg: options.alg ?? 'HS256', typ: 'JWT' });
  const payload = encode({
    iss: `https://${shop}/admin`,
    dest: `https://${shop}`,
    aud: keys.apiKey,
    sub: '9001',
    exp: seconds + 60,
    nbf: seconds - 5,
    iat: seconds - 5,
    jti: 'f8912129-1af6-4cad-9ca3-76b0f7621087',
    sid: 'aaea182f2732d44c23057c0fea584021a4485b2bd25d3eb7fd349313ad24c685',
    ...claims,
  });
  const signature = createHmac('sha256', options.secret ?? keys.apiSecret)
    .update(`${header}.${payload}`)
    .digest('base64url');
  return `${header}.${payload}.${signature}`;
}

describe('session token verification', () => {
  it('accepts a token Shopify signed for this app and shop, and reads its claims', () => {
    expect(verifySessionToken(token(), keys, now)).toEqual({
      valid: true,
      claims: {
        shop,
        userId: '9001',
        sid: 'aaea182f2732d44c23057c0fea584021a4485b2bd25d3eb7fd349313ad24c685',
        expiresAt: now + 60_000,
      },
    });
  });

  it('allows ten seconds of clock skew on both ends, and no more', () => {
    expect(verifySessionToken(token({ exp: seconds - 9 }), keys, now).valid).toBe(true);
    expect(verifySessionToken(token({ exp: seconds - 11 }), keys, now)).toEqual({
      valid: false,
      reason: 'expired',
    });
    expect(verifySessionToken(token({ nbf: seconds + 9 }), keys, now).valid).toBe(true);
    expect(verifySessionToken(token({ nbf: seconds + 11 }), keys, now)).toEqual({
      valid: false,
      reason: 'not_yet_valid',
    });
  });

  it.each([
    ['another app (audience)', token({ aud: 'another-app' }), 'wrong_audience'],
    ['another app (secret)', token({}, { secret: 'the-secret-of-another-app' }), 'bad_signature'],
    [
      'no algorithm (alg none)',
      `${token({}, { alg: 'none' }).split('.').slice(0, 2).join('.')}.`,
      'unsupported_algorithm',
    ],
    ['another algorithm', token({}, { alg: 'HS512' }), 'unsupported_algorithm'],
    [
      'a destination off myshopify.com',
      token({ dest: 'https://evil.example.com', iss: 'https://evil.example.com/admin' }),
      'bad_shop',
    ],
    ['an http destination', token({ dest: `http://${shop}` }), 'bad_shop'],
    ['a destination with a path', token({ dest: `https://${shop}/x` }), 'bad_shop'],
    ['an issuer of another shop', token({ iss: 'https://other-shop.myshopify.com/admin' }), 'bad_shop'],
    ['an issuer that is not the admin', token({ iss: `https://${shop}` }), 'bad_shop'],
    ['a missing claim', token({ exp: undefined }), 'malformed'],
    ['two segments', 'abc.def', 'malformed'],
    ['garbage', 'not a token at all', 'malformed'],
    ['an oversized token', `${token()}${'a'.repeat(5000)}`, 'malformed'],
  ])('refuses %s', (_label, candidate, reason) => {
    expect(verifySessionToken(candidate, keys, now)).toEqual({ valid: false, reason });
  });

  it('refuses a token whose payload was changed after signing', () => {
    const [header, , signature] = token().split('.');
    const forged = Buffer.from(
      JSON.stringify({
        iss: 'https://victim.myshopify.com/admin',
        dest: 'https://victim.myshopify.com',
        aud: keys.apiKey,
        exp: seconds + 60,
        nbf: seconds,
      }),
    ).toString('base64url');
    expect(verifySessionToken(`${header}.${forged}.${signature}`, keys, now)).toEqual({
      valid: false,
      reason: 'bad_signature',
    });
  });

  it('reads upper-case shop hosts as the lower-case tenant', () => {
    const result = verifySessionToken(
      token({ dest: 'https://Token-Shop.myshopify.com', iss: 'https://TOKEN-shop.myshopify.com/admin' }),
      keys,
      now,
    );
    expect(result).toMatchObject({ valid: true, claims: { shop } });
  });
});
