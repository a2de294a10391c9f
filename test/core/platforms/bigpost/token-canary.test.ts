import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createBigPostPlatform } from '../../../../core/platforms/bigpost/index.js';
import type {
  FreightPlatform,
  PlatformCredentials,
  PlatformQuoteRequest,
} from '../../../../core/platforms/freight-platform.js';
import { BigPostFake } from '../../../fakes/bigpost-fake.js';

// A token no fixture or message could contain by chance.
const CANARY = `canary-${randomUUID()}`;

const request: PlatformQuoteRequest = {
  pickup: {
    name: 'W',
    suburb: 'RICHMOND',
    postcode: '3121',
    state: 'VIC',
    platformRefs: { bigpost: '13121' },
  },
  destination: { suburb: 'SYDNEY', postcode: '2000', state: 'NSW' },
  delivery: { isBusiness: false, tailLift: false, authorityToLeave: false, handUnload: false },
  packages: [
    { type: 'carton', lengthCm: 10, widthCm: 10, heightCm: 10, weightKg: 1, quantity: 1, description: 'Box' },
  ],
};

type Hosts = { readonly live: BigPostFake; readonly staging: BigPostFake };

/** Every way a call can fail, each arranged on the fakes before the call. */
const failures: ReadonlyArray<readonly [string, (hosts: Hosts) => void]> = [
  ['a token neither host knows (401, message echoing it)', ({ live }) => live.revokeToken(CANARY)],
  [
    'a token neither host knows (403)',
    ({ live, staging }) => {
      live.revokeToken(CANARY);
      live.invalidTokenStatus = 403;
      staging.invalidTokenStatus = 403;
    },
  ],
  [
    'a staging token chosen as live',
    ({ live, staging }) => {
      live.revokeToken(CANARY);
      staging.addToken(CANARY);
    },
  ],
  ['a suspended token', ({ live }) => live.addToken(CANARY, { suspended: true })],
  [
    'a 403 on the suburb lookup of the token check',
    ({ live }) => live.respondWith('/api/suburbs', { status: 403 }),
  ],
  [
    'errors echoing the token',
    ({ live }) =>
      live.respondWith('/api/getquote', {
        status: 200,
        body: { Object: null, Errors: [`AccessToken ${CANARY} is over its limit`] },
      }),
  ],
  [
    'a 429',
    ({ live }) => live.respondWith('*', { status: 429, body: CANARY, headers: { 'Retry-After': '5' } }),
  ],
  ['a 500 echoing the token', ({ live }) => live.respondWith('*', { status: 500, body: `boom ${CANARY}` })],
  [
    'a 200 with an unreadable body',
    ({ live }) => live.respondWith('*', { status: 200, body: `<p>${CANARY}</p>` }),
  ],
  ['a timeout', ({ live }) => live.respondWith('*', { hang: true })],
  ['a dropped connection', ({ live }) => live.respondWith('*', { reset: true })],
];

describe('the Big Post token never appears in an outcome', () => {
  const hosts: Hosts = { live: new BigPostFake(), staging: new BigPostFake() };
  let platform: FreightPlatform;
  const credentials: PlatformCredentials = { token: CANARY, environment: 'live' };

  beforeAll(async () => {
    const [live, staging] = await Promise.all([hosts.live.start(), hosts.staging.start()]);
    platform = createBigPostPlatform({ liveBaseUrl: live.url, testBaseUrl: staging.url, timeoutMs: 250 });
  });
  afterAll(() => Promise.all([hosts.live.stop(), hosts.staging.stop()]));
  beforeEach(() => {
    for (const host of [hosts.live, hosts.staging]) {
      host.clearOverrides();
      host.revokeToken(CANARY);
      host.invalidTokenStatus = 401;
      host.echoTokenInErrors = true;
    }
    hosts.live.addToken(CANARY);
  });

  it.each(failures)('on %s', async (_name, arrange) => {
    arrange(hosts);
    const outcomes = [
      await platform.verifyToken(credentials),
      // A new destination each time, so the LocalityId lookup is never skipped.
      await platform.quote(
        credentials,
        { ...request, destination: { suburb: 'MELBOURNE', postcode: '3000', state: 'VIC' } },
        AbortSignal.timeout(5_000),
      ),
      await platform.quote(credentials, request, AbortSignal.timeout(5_000)),
      await platform.searchLocalities(credentials, 'richmond'),
    ];
    expect(outcomes.some((outcome) => ('status' in outcome ? outcome.status !== 'valid' : !outcome.ok))).toBe(
      true,
    );
    for (const outcome of outcomes) expect(JSON.stringify(outcome)).not.toContain(CANARY);
  });

  it('on a quote Big Post refuses with a message quoting the token, which is kept but masked', async () => {
    const outcome = await platform.quote(
      credentials,
      { ...request, pickup: { ...request.pickup, platformRefs: { bigpost: '424242' } } },
      AbortSignal.timeout(5_000),
    );
    expect(outcome).toEqual({
      ok: false,
      failure: {
        reason: 'rejected_request',
        httpStatus: 200,
        detail:
          'Big Post could not price this shipment: PickupLocation: LocalityId is not a known locality. (AccessToken [token]).',
      },
    });
  });

  it('on a refused connection', async () => {
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const url = `http://127.0.0.1:${port}`;
    const refused = createBigPostPlatform({ liveBaseUrl: url, testBaseUrl: url, timeoutMs: 250 });
    const outcomes = [
      await refused.verifyToken(credentials),
      await refused.quote(credentials, request, AbortSignal.timeout(5_000)),
      await refused.searchLocalities(credentials, 'richmond'),
    ];
    for (const outcome of outcomes) expect(JSON.stringify(outcome)).not.toContain(CANARY);
  });
});
