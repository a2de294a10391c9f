import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyBase64Hmac } from '../../../core/security/webhook-hmac.js';

describe('verifyBase64Hmac', () => {
  const secret = 'shpss_test-secret';
  const body = Buffer.from('{"rate":{"currency":"AUD"}}');
  const good = createHmac('sha256', secret).update(body).digest('base64');

  it('accepts the base64 HMAC of the exact body, surrounding spaces allowed', () => {
    expect(verifyBase64Hmac(body, good, secret)).toBe(true);
    expect(verifyBase64Hmac(body, ` ${good} `, secret)).toBe(true);
  });

  it('refuses another body, another secret, a missing or malformed signature', () => {
    expect(verifyBase64Hmac(Buffer.from(`${body.toString()} `), good, secret)).toBe(false);
    expect(verifyBase64Hmac(body, good, 'other-secret')).toBe(false);
    expect(verifyBase64Hmac(body, undefined, secret)).toBe(false);
    expect(verifyBase64Hmac(body, '', secret)).toBe(false);
    // Not canonical base64 of 32 bytes, though Buffer would decode it to the same bytes or fewer.
    expect(verifyBase64Hmac(body, `${good.slice(0, 20)}!${good.slice(20)}`, secret)).toBe(false);
    expect(verifyBase64Hmac(body, good.replace(/=+$/, ''), secret)).toBe(false);
    expect(verifyBase64Hmac(body, good.slice(0, 40), secret)).toBe(false);
    expect(verifyBase64Hmac(body, createHmac('sha256', secret).update(body).digest('hex'), secret)).toBe(
      false,
    );
  });
});
