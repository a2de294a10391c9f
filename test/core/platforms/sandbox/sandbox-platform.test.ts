import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type {
  Destination,
  FreightPlatform,
  PackageLine,
  PlatformCredentials,
  PlatformQuoteRequest,
} from '../../../../core/platforms/freight-platform.js';
import { createSandboxPlatform } from '../../../../core/platforms/sandbox/index.js';
import { MELBOURNE, PERTH, startTestSandbox, SYDNEY, type TestSandbox } from './sandbox-test-server.js';

const box = (weightKg: number, quantity = 1): PackageLine => ({
  type: 'carton',
  lengthCm: 30,
  widthCm: 20,
  heightCm: 15,
  weightKg,
  quantity,
  description: 'SKU-1',
});
const request = (destination: Destination = MELBOURNE, packages = [box(2)]): PlatformQuoteRequest => ({
  pickup: { name: 'Main warehouse', ...SYDNEY },
  destination,
  delivery: { isBusiness: false, tailLift: false, authorityToLeave: false, handUnload: false },
  packages,
});
const signal = () => AbortSignal.timeout(5_000);

let sandbox: TestSandbox;
let platform: FreightPlatform;
let test: PlatformCredentials;
beforeAll(async () => {
  sandbox = await startTestSandbox();
  platform = createSandboxPlatform({ baseUrl: sandbox.url, timeoutMs: 2_000 });
  test = { token: await sandbox.createToken('adapter test', 'test'), environment: 'test' };
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(async () => {
  await sandbox.call('POST', '/reset');
});

describe('verifyToken', () => {
  it('accepts a working token and reports its environment', async () => {
    expect(await platform.verifyToken(test)).toEqual({
      status: 'valid',
      detail: 'The sandbox accepted this test token.',
      account: { name: 'Sandbox account (adapter test)', testMode: true },
    });
  });

  it('rejects a token once it is revoked', async () => {
    const credentials: PlatformCredentials = {
      token: await sandbox.createToken('to revoke', 'live'),
      environment: 'live',
    };
    expect((await platform.verifyToken(credentials)).status).toBe('valid');
    await sandbox.call('POST', '/api-tokens/to%20revoke/revoke');
    const outcome = await platform.verifyToken(credentials);
    expect(outcome.status).toBe('rejected');
    expect(outcome.detail).not.toContain(credentials.token);
  });

  it('says wrong_environment for a test token used as live', async () => {
    expect(await platform.verifyToken({ ...test, environment: 'live' })).toMatchObject({
      status: 'wrong_environment',
      tokenEnvironment: 'test',
      detail: expect.stringContaining('test token'),
    });
  });

  it('says unreachable when the sandbox hangs past the timeout', async () => {
    await sandbox.setBehaviour({ hang: true });
    const impatient = createSandboxPlatform({ baseUrl: sandbox.url, timeoutMs: 250 });
    const started = performance.now();
    const outcome = await impatient.verifyToken(test);
    expect(outcome).toEqual({
      status: 'unreachable',
      detail: 'RateBridge Sandbox did not answer within 0.3 s.',
    });
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('says rate_limited, with the wait, on a 429', async () => {
    await sandbox.setBehaviour({ status: 429, retryAfterSeconds: 30 });
    expect(await platform.verifyToken(test)).toMatchObject({ status: 'rate_limited', retryAfterSeconds: 30 });
  });

  it('says unreachable on a server error and when nothing listens', async () => {
    await sandbox.setBehaviour({ status: 503 });
    expect((await platform.verifyToken(test)).status).toBe('unreachable');
    const nowhere = createSandboxPlatform({ baseUrl: 'http://127.0.0.1:9/sandbox', timeoutMs: 1_000 });
    expect((await nowhere.verifyToken(test)).status).toBe('unreachable');
  });
});

describe('quote', () => {
  it('returns the same options twice, in integer cents with GST inside', async () => {
    const first = await platform.quote(test, request(), signal());
    const second = await platform.quote(test, request(), signal());
    expect(second).toEqual(first);
    if (!first.ok) throw new Error(first.failure.detail);
    expect(first.value.length).toBeGreaterThanOrEqual(3);
    expect(new Set(first.value.map((o) => o.carrier.id)).size).toBeGreaterThanOrEqual(2);
    for (const option of first.value) {
      expect(Number.isInteger(option.totalCents)).toBe(true);
      expect(Number.isInteger(option.taxCents)).toBe(true);
      expect(option.taxCents).toBeGreaterThan(0);
      expect(option.totalCents).toBeGreaterThan(option.taxCents * 10);
      expect(option.key).toBe(`sandbox:${option.carrier.id}:${option.service.code}`);
      expect(option.notes).toEqual({ testMode: true });
      expect(option.eta!.minDays).toBeLessThanOrEqual(option.eta!.maxDays);
    }
  });

  it('prices further and heavier shipments higher', async () => {
    const express = async (quote: PlatformQuoteRequest) => {
      const result = await platform.quote(test, quote, signal());
      if (!result.ok) throw new Error(result.failure.detail);
      return result.value.find((o) => o.service.code === 'RX')!.totalCents;
    };
    const near = await express(request());
    expect(await express(request(PERTH))).toBeGreaterThan(near);
    expect(await express(request(MELBOURNE, [box(15)]))).toBeGreaterThan(near);
  });

  it('reports an unknown destination as a rejected request, in words', async () => {
    const result = await platform.quote(
      test,
      request({ suburb: 'Atlantis', postcode: '3000', state: 'VIC' }),
      signal(),
    );
    expect(result).toEqual({
      ok: false,
      failure: {
        reason: 'rejected_request',
        httpStatus: 400,
        detail: expect.stringContaining('not a known Australian locality'),
      },
    });
  });

  it('reports a revoked token as unauthorized, so health checks can notice', async () => {
    const credentials: PlatformCredentials = {
      token: await sandbox.createToken('quote revoke'),
      environment: 'test',
    };
    await sandbox.call('POST', '/api-tokens/quote%20revoke/revoke');
    const result = await platform.quote(credentials, request(), signal());
    expect(result.ok ? undefined : result.failure.reason).toBe('unauthorized');
  });

  it('gives up at the caller deadline on a hang and counts the call', async () => {
    await sandbox.setBehaviour({ hang: true });
    const result = await platform.quote(test, request(), AbortSignal.timeout(150));
    expect(result.ok ? undefined : result.failure.reason).toBe('aborted');
    const stats = (await sandbox.call('GET', '/stats')).json as { calls: { quotes: number } };
    expect(stats.calls.quotes).toBe(1);
  });

  it('reports injected failures as unreachable', async () => {
    await sandbox.setBehaviour({ failRate: 1 });
    const result = await platform.quote(test, request(), signal());
    expect(result.ok ? undefined : result.failure).toMatchObject({ reason: 'unreachable', httpStatus: 500 });
  });
});

describe('localities and warehouses', () => {
  it('searches localities', async () => {
    const result = await platform.searchLocalities(test, 'mungindi');
    expect(result).toEqual({
      ok: true,
      value: [
        { suburb: 'Mungindi', postcode: '2406', state: 'NSW' },
        { suburb: 'Mungindi', postcode: '2406', state: 'QLD' },
      ],
    });
  });

  it('lists the account warehouses with their platform ids', async () => {
    const result = await platform.listWarehouses(test);
    if (!result.ok) throw new Error(result.failure.detail);
    expect(result.value[0]).toEqual({
      platformId: 'wh_syd',
      name: 'Sydney DC',
      addressLine1: '1 Bourke Road',
      suburb: 'Alexandria',
      postcode: '2015',
      state: 'NSW',
    });
  });
});
