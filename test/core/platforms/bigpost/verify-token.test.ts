import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBigPostPlatform } from '../../../../core/platforms/bigpost/index.js';
import type { FreightPlatform } from '../../../../core/platforms/freight-platform.js';
import { BigPostFake } from '../../../fakes/bigpost-fake.js';

const TIMEOUT_MS = 300;

/** The address of a port nothing listens on any more. */
async function refusingUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

const REJECTED_LIVE =
  'Big Post did not accept this token on its live service. It may be mistyped, expired or revoked: create a new live token in Big Post and paste it here.';

describe('Big Post token verification', () => {
  let liveHost: BigPostFake;
  let stagingHost: BigPostFake;
  let urls: { live: string; test: string };
  let platform: FreightPlatform;

  beforeEach(async () => {
    liveHost = new BigPostFake({
      'live-token-not-real': {},
      'suspended-token-not-real': { suspended: true },
    });
    stagingHost = new BigPostFake({ 'staging-token-not-real': {} });
    const [live, staging] = await Promise.all([liveHost.start(), stagingHost.start()]);
    urls = { live: live.url, test: staging.url };
    platform = createBigPostPlatform({
      liveBaseUrl: urls.live,
      testBaseUrl: urls.test,
      timeoutMs: TIMEOUT_MS,
    });
  });

  afterEach(() => Promise.all([liveHost.stop(), stagingHost.stop()]));

  it('accepts a live token that finds the known suburb, with one call', async () => {
    const outcome = await platform.verifyToken({ token: 'live-token-not-real', environment: 'live' });
    expect(outcome).toEqual({
      status: 'valid',
      detail: 'Big Post accepted this live token and it can look up suburbs.',
      account: { testMode: false },
    });
    expect(liveHost.requests).toMatchObject([
      { method: 'GET', path: '/api/suburbs?q=Sydney', headers: { accesstoken: 'live-token-not-real' } },
    ]);
    expect(stagingHost.requests).toEqual([]);
  });

  it('accepts a staging token on the staging host', async () => {
    const outcome = await platform.verifyToken({ token: 'staging-token-not-real', environment: 'test' });
    expect(outcome).toMatchObject({ status: 'valid', account: { testMode: true } });
    expect(liveHost.requests).toEqual([]);
  });

  it.each([401, 403] as const)(
    'rejects a token neither host accepts (HTTP %i), after asking the other host once',
    async (status) => {
      liveHost.invalidTokenStatus = status;
      stagingHost.invalidTokenStatus = status;
      const outcome = await platform.verifyToken({ token: 'mistyped-token-not-real', environment: 'live' });
      expect(outcome).toEqual({ status: 'rejected', detail: REJECTED_LIVE });
      expect(liveHost.requests).toHaveLength(1);
      expect(stagingHost.requests).toHaveLength(1);
    },
  );

  it('tells a staging token chosen as live', async () => {
    const outcome = await platform.verifyToken({ token: 'staging-token-not-real', environment: 'live' });
    expect(outcome).toEqual({
      status: 'wrong_environment',
      tokenEnvironment: 'test',
      detail:
        'This is a Big Post staging (test) token. Choose Test, or create a live token in Big Post and paste it here.',
    });
  });

  it('tells a live token chosen as test', async () => {
    const outcome = await platform.verifyToken({ token: 'live-token-not-real', environment: 'test' });
    expect(outcome).toEqual({
      status: 'wrong_environment',
      tokenEnvironment: 'live',
      detail:
        'This is a Big Post live token. Choose Live, or create a staging token in Big Post to test with.',
    });
  });

  it('still rejects the token when the other host cannot be reached', async () => {
    await stagingHost.stop();
    const outcome = await platform.verifyToken({ token: 'mistyped-token-not-real', environment: 'live' });
    expect(outcome).toEqual({ status: 'rejected', detail: REJECTED_LIVE });
  });

  it('calls a token whose lookups come back empty not usable', async () => {
    const outcome = await platform.verifyToken({ token: 'suspended-token-not-real', environment: 'live' });
    expect(outcome).toEqual({
      status: 'forbidden',
      detail:
        'Big Post accepted this token but found no suburbs for "Sydney", so it cannot be used to quote: its access may be restricted or suspended (Big Post suspends tokens that go over its fair use; Big Post allows 60 calls a minute and 2,000 a day per token). Contact Big Post, or create a new token and paste it here.',
    });
  });

  it('is unreachable when Big Post does not answer in time', async () => {
    liveHost.respondWith('/api/suburbs', { hang: true });
    const outcome = await platform.verifyToken({ token: 'live-token-not-real', environment: 'live' });
    expect(outcome).toEqual({
      status: 'unreachable',
      detail: 'Big Post did not answer within 0.3 s. The token was not checked; try again in a few minutes.',
    });
    expect(stagingHost.requests).toEqual([]);
  });

  it.each([500, 502, 503])('is unreachable when Big Post answers HTTP %i', async (status) => {
    liveHost.respondWith('*', { status, body: { Message: 'An error has occurred.' } });
    const outcome = await platform.verifyToken({ token: 'live-token-not-real', environment: 'live' });
    expect(outcome).toEqual({
      status: 'unreachable',
      detail: `The token was not checked: Big Post answered with a server error (HTTP ${status}). Try again in a few minutes.`,
    });
  });

  it('is unreachable when the connection is refused or dropped', async () => {
    const refused = createBigPostPlatform({
      liveBaseUrl: await refusingUrl(),
      testBaseUrl: urls.test,
      timeoutMs: TIMEOUT_MS,
    });
    expect(await refused.verifyToken({ token: 'live-token-not-real', environment: 'live' })).toEqual({
      status: 'unreachable',
      detail:
        'The token was not checked: Big Post could not be reached (ECONNREFUSED). Try again in a few minutes.',
    });

    liveHost.respondWith('*', { reset: true });
    const dropped = await platform.verifyToken({ token: 'live-token-not-real', environment: 'live' });
    expect(dropped.status).toBe('unreachable');
  });

  it('is rate limited when Big Post asks to slow down, mentioning its fair use', async () => {
    liveHost.respondWith('/api/suburbs', { status: 429, headers: { 'Retry-After': '45' } });
    const outcome = await platform.verifyToken({ token: 'live-token-not-real', environment: 'live' });
    expect(outcome).toEqual({
      status: 'rate_limited',
      retryAfterSeconds: 45,
      detail:
        'Big Post asked RateBridge to slow down, so the token was not checked (Big Post allows 60 calls a minute and 2,000 a day per token). Try again in 45 seconds.',
    });
  });
});
