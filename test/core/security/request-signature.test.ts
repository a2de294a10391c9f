import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { openEmbeddedStore, type EmbeddedStore } from '../../../core/storage/embedded-store.js';
import {
  computeSignature,
  signRequest,
  verifyRequestSignature,
} from '../../../core/security/request-signature.js';
import { constantTimeEqual } from '../../../core/security/constant-time.js';
import { tempDir } from '../../support/temp-dir.js';

describe('signed requests', () => {
  let store: EmbeddedStore;
  let remove: () => Promise<void>;
  const secret = 'test-connector-secret-not-real';
  const body = '{"package":{"contents":[]}}';
  const now = 1_790_000_000;

  beforeAll(async () => {
    const dir = await tempDir('sig');
    remove = dir.remove;
    store = await openEmbeddedStore({ dataDir: dir.dir });
  });
  afterAll(async () => {
    await store.close();
    await remove();
  });

  const verify = (header: string | undefined, options: { body?: string; at?: number; scope?: string } = {}) =>
    verifyRequestSignature({
      header,
      rawBody: options.body ?? body,
      secret,
      replayScope: options.scope ?? 'key_1',
      store,
      now: options.at ?? now,
    });

  it('accepts a fresh signature once and refuses its replay', async () => {
    const header = signRequest(secret, body, now - 10);
    expect(await verify(header)).toEqual({ ok: true });
    const replay = await verify(header);
    expect(replay.ok).toBe(false);
    if (!replay.ok) expect(replay.error.code).toBe('RB_ERR_SIGNATURE_REPLAYED');
  });

  it('refuses a signature outside the five-minute tolerance, either way', async () => {
    for (const skew of [301, -301]) {
      const result = await verify(signRequest(secret, body, now - skew));
      expect(result.ok ? 'ok' : result.error.code).toBe('RB_ERR_SIGNATURE_EXPIRED');
    }
    expect((await verify(signRequest(secret, body, now - 299))).ok).toBe(true);
  });

  it('refuses a changed body, a wrong secret, a missing or malformed header', async () => {
    const header = signRequest(secret, body, now);
    const codes = [
      await verify(header, { body: body.replace('[]', '[1]') }),
      await verify(signRequest('another-secret', body, now)),
      await verify(undefined),
      await verify('v1=abc'),
      await verify(`t=${now},v1=${'z'.repeat(64)}`),
    ].map((result) => (result.ok ? 'ok' : result.error.code));
    expect(codes).toEqual([
      'RB_ERR_SIGNATURE_INVALID',
      'RB_ERR_SIGNATURE_INVALID',
      'RB_ERR_SIGNATURE_MISSING',
      'RB_ERR_SIGNATURE_MALFORMED',
      'RB_ERR_SIGNATURE_MALFORMED',
    ]);
  });

  it('computes the documented HMAC over "<t>.<body>"', async () => {
    const { createHmac } = await import('node:crypto');
    const expected = createHmac('sha256', secret).update(`${now}.${body}`).digest('hex');
    expect(computeSignature(secret, now, body)).toBe(expected);
    expect(signRequest(secret, body, now)).toBe(`t=${now},v1=${expected}`);
  });

  it('compares in constant time and tells unequal lengths apart', () => {
    expect(constantTimeEqual('abc', 'abc')).toBe(true);
    expect(constantTimeEqual('abc', 'abd')).toBe(false);
    expect(constantTimeEqual('abc', 'abcd')).toBe(false);
  });
});
