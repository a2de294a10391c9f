import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type {
  FreightPlatform,
  PlatformCredentials,
  PlatformQuoteRequest,
} from '../../../../core/platforms/freight-platform.js';
import { createMachShipPlatform } from '../../../../core/platforms/machship/index.js';
import { MachShipFake } from '../../../fakes/machship-fake.js';
import type { FakeBehaviour } from '../../../fakes/machship-fake.js';

// A token no fixture or message could contain by chance.
const CANARY = `canary-${randomUUID()}`;

const request: PlatformQuoteRequest = {
  pickup: { name: 'W', suburb: 'RICHMOND', postcode: '3121', state: 'VIC' },
  destination: { suburb: 'SYDNEY', postcode: '2000', state: 'NSW' },
  delivery: { isBusiness: false, tailLift: false, authorityToLeave: false, handUnload: false },
  packages: [
    { type: 'carton', lengthCm: 10, widthCm: 10, heightCm: 10, weightKg: 1, quantity: 1, description: 'Box' },
  ],
};

const echoing = (status: number): FakeBehaviour => ({
  status,
  body: {
    object: null,
    errors: [{ memberNames: [], errorMessage: `Token ${CANARY} failed`, validationType: 1 }],
  },
});

/** Every way a call can fail, each arranged on the fake before the call. */
const failures: ReadonlyArray<readonly [string, (fake: MachShipFake) => void]> = [
  ['an unknown token (401, message echoing it)', (fake) => fake.revokeToken(CANARY)],
  [
    'an unknown token (403)',
    (fake) => {
      fake.revokeToken(CANARY);
      fake.unknownTokenStatus = 403;
    },
  ],
  ['a user without permission', (fake) => fake.addToken(CANARY, { canReadLocations: false })],
  ['validation errors echoing the token (200)', (fake) => fake.respondWith('*', echoing(200))],
  ['validation errors echoing the token (400)', (fake) => fake.respondWith('*', echoing(400))],
  ['a 403 echoing the token', (fake) => fake.respondWith('*', echoing(403))],
  ['a 429', (fake) => fake.respondWith('*', { status: 429, body: CANARY, headers: { 'Retry-After': '5' } })],
  ['a 500 echoing the token', (fake) => fake.respondWith('*', { status: 500, body: `boom ${CANARY}` })],
  [
    'a 200 with an unreadable body',
    (fake) => fake.respondWith('*', { status: 200, body: `<p>${CANARY}</p>` }),
  ],
  ['a timeout', (fake) => fake.respondWith('*', { hang: true })],
  ['a dropped connection', (fake) => fake.respondWith('*', { reset: true })],
];

describe('the MachShip token never appears in an outcome', () => {
  const fake = new MachShipFake();
  let platform: FreightPlatform;
  const credentials: PlatformCredentials = { token: CANARY, environment: 'live' };

  let url: string;

  beforeAll(async () => {
    ({ url } = await fake.start());
  });
  afterAll(() => fake.stop());
  beforeEach(() => {
    // A fresh adapter each time: it keeps the account's question lookup (and a failed one) per token.
    platform = createMachShipPlatform({ baseUrl: url, timeoutMs: 250 });
    fake.clearOverrides();
    fake.unknownTokenStatus = 401;
    fake.echoTokenInErrors = true;
    fake.addToken(CANARY);
  });

  it.each(failures)('on %s', async (_name, arrange) => {
    arrange(fake);
    const outcomes = [
      await platform.verifyToken(credentials),
      await platform.quote(credentials, request, AbortSignal.timeout(5_000)),
      await platform.searchLocalities(credentials, 'richmond'),
      await platform.listWarehouses(credentials),
    ];
    expect(outcomes.some((outcome) => ('status' in outcome ? outcome.status !== 'valid' : !outcome.ok))).toBe(
      true,
    );
    for (const outcome of outcomes) expect(JSON.stringify(outcome)).not.toContain(CANARY);
  });

  it('on a quote MachShip refuses with a message quoting the token, which is kept but masked', async () => {
    const outcome = await platform.quote(
      credentials,
      { ...request, packages: [] },
      AbortSignal.timeout(5_000),
    );
    expect(outcome).toEqual({
      ok: false,
      failure: {
        reason: 'rejected_request',
        httpStatus: 400,
        detail: 'MachShip could not price this shipment: At least one item is required (token [token]).',
      },
    });
  });

  it('on a refused connection', async () => {
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const refused = createMachShipPlatform({ baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 250 });
    const outcomes = [
      await refused.verifyToken(credentials),
      await refused.quote(credentials, request, AbortSignal.timeout(5_000)),
      await refused.searchLocalities(credentials, 'richmond'),
      await refused.listWarehouses(credentials),
    ];
    for (const outcome of outcomes) expect(JSON.stringify(outcome)).not.toContain(CANARY);
  });
});
