import { describe, expect, it } from 'vitest';
import { redactDeep, redactUrl, rememberSecret, withSecretScope } from '../../../core/security/redact.js';

describe('log redaction', () => {
  it('redacts secret query values and secret path segments, keeping the rest', () => {
    expect(redactUrl('/woocommerce/connected?state=abc.def&page=2')).toBe(
      '/woocommerce/connected?state=[redacted]&page=2',
    );
    expect(redactUrl('/x?consumer_secret=cs_1&consumer_key=ck_1&q=sydney')).toBe(
      '/x?consumer_secret=[redacted]&consumer_key=[redacted]&q=sydney',
    );
    expect(redactUrl('/shopify/carrier-service/AbC_123?x=1')).toBe('/shopify/carrier-service/[redacted]?x=1');
    expect(redactUrl('/admin/login/payload.mac')).toBe('/admin/login/[redacted]');
    expect(redactUrl('/healthz')).toBe('/healthz');
  });

  it('redacts fields named like credentials at any depth, but not an address state', () => {
    const redacted = redactDeep({
      destination: { state: 'NSW', postcode: '2000' },
      headers: { authorization: 'Bearer x', cookie: 'a=b', 'x-request-id': 'r1' },
      nested: [{ apiKey: 'k', accessToken: 't', consumer_secret: 's', keyId: 'rbk_1' }],
    });
    expect(redacted).toEqual({
      destination: { state: 'NSW', postcode: '2000' },
      headers: { authorization: '[redacted]', cookie: '[redacted]', 'x-request-id': 'r1' },
      nested: [
        { apiKey: '[redacted]', accessToken: '[redacted]', consumer_secret: '[redacted]', keyId: 'rbk_1' },
      ],
    });
  });

  it('scrubs a remembered secret from any string of the same request only', () => {
    const secret = 'canary-secret-value-123';
    const inside = withSecretScope(() => {
      rememberSecret(secret);
      return redactDeep({ message: `failed with ${secret}`, list: [`x${secret}y`] });
    });
    expect(JSON.stringify(inside)).not.toContain(secret);
    expect(redactDeep({ message: `failed with ${secret}` })).toEqual({ message: `failed with ${secret}` });
  });
});
