import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FreightPlatform } from '../../../../core/platforms/freight-platform.js';
import { createMachShipPlatform } from '../../../../core/platforms/machship/index.js';
import { MachShipFake } from '../../../fakes/machship-fake.js';

const TIMEOUT_MS = 300;

/** The address of a port nothing listens on any more. */
async function refusingUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

describe('MachShip token verification', () => {
  let fake: MachShipFake;
  let platform: FreightPlatform;

  beforeEach(async () => {
    fake = new MachShipFake({
      'live-token-not-real': {},
      'no-locations-token-not-real': { canReadLocations: false },
    });
    const { url } = await fake.start();
    platform = createMachShipPlatform({ baseUrl: url, timeoutMs: TIMEOUT_MS });
  });

  afterEach(() => fake.stop());

  it('accepts a token that pings and can read company locations, saying the environment is not known', async () => {
    const outcome = await platform.verifyToken({ token: 'live-token-not-real', environment: 'live' });
    expect(outcome).toEqual({
      status: 'valid',
      detail:
        "MachShip accepted this token and it can read your company locations. MachShip does not tell whether the token's user is a test or a live user, so RateBridge cannot check the environment you chose; each quote's rate log shows whether MachShip priced it on a carrier account in test mode.",
    });
    expect(fake.requests.map(({ method, path, headers }) => [method, path, headers['token']])).toEqual([
      ['POST', '/apiv2/authenticate/ping', 'live-token-not-real'],
      ['GET', '/apiv2/companyLocations/getAll', 'live-token-not-real'],
    ]);
    expect(fake.requests[0]?.body).toBeUndefined();
  });

  it.each([401, 403] as const)('rejects a token MachShip does not know (HTTP %i)', async (status) => {
    fake.unknownTokenStatus = status;
    const outcome = await platform.verifyToken({ token: 'mistyped-token-not-real', environment: 'live' });
    expect(outcome).toEqual({
      status: 'rejected',
      detail:
        'MachShip did not accept this token. It may be mistyped, expired or revoked: create a new one in MachShip under My API Tokens (it is shown only once) and paste it here.',
    });
    expect(fake.requests).toHaveLength(1);
  });

  it('rejects a token after it is revoked', async () => {
    expect((await platform.verifyToken({ token: 'live-token-not-real', environment: 'live' })).status).toBe(
      'valid',
    );
    fake.revokeToken('live-token-not-real');
    expect((await platform.verifyToken({ token: 'live-token-not-real', environment: 'live' })).status).toBe(
      'rejected',
    );
  });

  it('calls a token forbidden when its user cannot read company locations', async () => {
    const outcome = await platform.verifyToken({ token: 'no-locations-token-not-real', environment: 'live' });
    expect(outcome).toEqual({
      status: 'forbidden',
      detail:
        'MachShip accepted this token, but its user cannot read your company locations, which quoting needs. Give that MachShip user access to company locations (or create the token on a user that has it) and paste it here.',
    });
  });

  it('is unreachable when MachShip does not answer in time', async () => {
    fake.respondWith('/apiv2/authenticate/ping', { hang: true });
    const outcome = await platform.verifyToken({ token: 'live-token-not-real', environment: 'live' });
    expect(outcome).toEqual({
      status: 'unreachable',
      detail: 'MachShip did not answer within 0.3 s. The token was not checked; try again in a few minutes.',
    });
  });

  it.each([500, 502, 503])('is unreachable when MachShip answers HTTP %i', async (status) => {
    fake.respondWith('*', { status, body: '<html>down</html>' });
    const outcome = await platform.verifyToken({ token: 'live-token-not-real', environment: 'live' });
    expect(outcome).toEqual({
      status: 'unreachable',
      detail: `The token was not checked: MachShip answered with a server error (HTTP ${status}). Try again in a few minutes.`,
    });
  });

  it('is unreachable when the permission probe fails with a server error', async () => {
    fake.respondWith('/apiv2/companyLocations/getAll', { status: 503 });
    const outcome = await platform.verifyToken({ token: 'live-token-not-real', environment: 'live' });
    expect(outcome.status).toBe('unreachable');
  });

  it('is unreachable when the connection is refused or dropped', async () => {
    const refused = createMachShipPlatform({ baseUrl: await refusingUrl(), timeoutMs: TIMEOUT_MS });
    expect(await refused.verifyToken({ token: 'live-token-not-real', environment: 'live' })).toEqual({
      status: 'unreachable',
      detail:
        'The token was not checked: MachShip could not be reached (ECONNREFUSED). Try again in a few minutes.',
    });

    fake.respondWith('*', { reset: true });
    const dropped = await platform.verifyToken({ token: 'live-token-not-real', environment: 'live' });
    expect(dropped.status).toBe('unreachable');
  });

  it('is unreachable, not rejected, when the caller cancels', async () => {
    const outcome = await platform.verifyToken(
      { token: 'live-token-not-real', environment: 'live' },
      AbortSignal.abort(),
    );
    expect(outcome).toEqual({
      status: 'unreachable',
      detail: 'The token check was cancelled before MachShip answered. Try again.',
    });
  });

  it('is rate limited when MachShip asks to slow down, passing on Retry-After', async () => {
    fake.respondWith('/apiv2/authenticate/ping', { status: 429, headers: { 'Retry-After': '30' } });
    const outcome = await platform.verifyToken({ token: 'live-token-not-real', environment: 'live' });
    expect(outcome).toEqual({
      status: 'rate_limited',
      retryAfterSeconds: 30,
      detail:
        'MachShip asked RateBridge to slow down, so the token was not checked. Try again in 30 seconds.',
    });
  });

  it('is rate limited when the permission probe is', async () => {
    fake.respondWith('/apiv2/companyLocations/getAll', { status: 429 });
    const outcome = await platform.verifyToken({ token: 'live-token-not-real', environment: 'live' });
    expect(outcome).toEqual({
      status: 'rate_limited',
      detail: 'MachShip asked RateBridge to slow down, so the token was not checked. Try again in a minute.',
    });
  });
});
