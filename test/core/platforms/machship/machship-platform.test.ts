import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FreightPlatform, PlatformCredentials } from '../../../../core/platforms/freight-platform.js';
import { createMachShipPlatform } from '../../../../core/platforms/machship/index.js';
import { MachShipFake } from '../../../fakes/machship-fake.js';
import { fixture, quoteRequest } from './quote-fixtures.js';

const credentials: PlatformCredentials = { token: 'test-token-not-real', environment: 'test' };

describe('MachShip adapter over HTTP', () => {
  let fake: MachShipFake;
  let platform: FreightPlatform;

  beforeEach(async () => {
    fake = new MachShipFake({ 'test-token-not-real': { testMode: true } });
    const { url } = await fake.start();
    platform = createMachShipPlatform({ baseUrl: `${url}/apiv2/`, timeoutMs: 2_000 });
  });

  afterEach(() => fake.stop());

  it('sends the routes request with the token header and the exact body, and reads the prices', async () => {
    const result = await platform.quote(credentials, quoteRequest, AbortSignal.timeout(5_000));

    // The company's surcharge question ids are read first (a business address answers none of them).
    expect(fake.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'GET /apiv2/consignments/getConsignmentCreationSettings',
      'POST /apiv2/routes/returnroutes',
    ]);
    const sent = fake.requests[1];
    expect(sent).toMatchObject({
      method: 'POST',
      path: '/apiv2/routes/returnroutes',
      body: fixture('returnroutes-request.json'),
    });
    expect(sent?.headers).toMatchObject({
      token: 'test-token-not-real',
      'content-type': 'application/json',
      accept: 'application/json',
    });
    expect(sent?.headers['authorization']).toBeUndefined();

    expect(result).toEqual({
      ok: true,
      value: [
        {
          key: 'machship:38:412',
          carrier: { id: '38', name: 'Northline' },
          service: { code: '412', name: 'Northline General' },
          totalCents: 4532,
          taxCents: 412,
          eta: { minDays: 3, maxDays: 3 },
          dates: { despatch: '2025-11-24', delivery: '2025-11-27' },
          notes: { testMode: true },
        },
        {
          key: 'machship:12:77',
          carrier: { id: '12', name: 'Hunter Express' },
          service: { code: '77', name: 'Road Express' },
          totalCents: 1010,
          taxCents: 92,
          eta: { minDays: 2, maxDays: 2 },
          dates: { despatch: '2025-11-24', delivery: '2025-11-26' },
          notes: { testMode: true },
        },
      ],
    });
  });

  it('reports MachShip validation errors as a rejected request', async () => {
    const result = await platform.quote(
      credentials,
      {
        pickup: { name: 'Main warehouse', suburb: 'RICHMOND', postcode: '3121', state: 'VIC' },
        destination: { suburb: 'SYDNEY', postcode: '2000', state: 'NSW' },
        delivery: { isBusiness: false, tailLift: false, authorityToLeave: false, handUnload: false },
        packages: [],
      },
      AbortSignal.timeout(5_000),
    );
    expect(result).toEqual({
      ok: false,
      failure: {
        reason: 'rejected_request',
        httpStatus: 400,
        detail: 'MachShip could not price this shipment: At least one item is required.',
      },
    });
  });

  it('reports a revoked token as unauthorized while quoting', async () => {
    fake.revokeToken('test-token-not-real');
    const result = await platform.quote(
      credentials,
      {
        pickup: {
          name: 'W',
          suburb: 'RICHMOND',
          postcode: '3121',
          state: 'VIC',
          platformRefs: { machship: '7101' },
        },
        destination: { suburb: 'SYDNEY', postcode: '2000', state: 'NSW' },
        delivery: { isBusiness: false, tailLift: false, authorityToLeave: false, handUnload: false },
        packages: [
          {
            type: 'carton',
            lengthCm: 1,
            widthCm: 1,
            heightCm: 1,
            weightKg: 1,
            quantity: 1,
            description: 'x',
          },
        ],
      },
      AbortSignal.timeout(5_000),
    );
    expect(result).toMatchObject({ ok: false, failure: { reason: 'unauthorized', httpStatus: 401 } });
  });

  it('searches localities with the terms in the query string', async () => {
    const result = await platform.searchLocalities(credentials, 'richmond');
    expect(fake.requests).toMatchObject([
      {
        method: 'POST',
        path: '/apiv2/locations/returnLocationsWithSearchOptions?s=richmond',
        headers: { token: 'test-token-not-real' },
        body: { retrievalSize: 20 },
      },
    ]);
    expect(result).toEqual({
      ok: true,
      value: [
        { suburb: 'RICHMOND', postcode: '3121', state: 'VIC', platformId: '3121' },
        { suburb: 'RICHMOND', postcode: '2753', state: 'NSW', platformId: '2753' },
      ],
    });
  });

  it('lists company locations as warehouses', async () => {
    const result = await platform.listWarehouses(credentials);
    expect(fake.requests).toMatchObject([
      {
        method: 'GET',
        path: '/apiv2/companyLocations/getAll',
        headers: { token: 'test-token-not-real' },
        body: undefined,
      },
    ]);
    expect(result).toEqual({
      ok: true,
      value: [
        {
          platformId: '7101',
          name: 'Main warehouse',
          addressLine1: '12 Example Street',
          suburb: 'RICHMOND',
          postcode: '3121',
          state: 'VIC',
        },
      ],
    });
  });

  it('describes itself as a platform with warehouses and both environments on one host', () => {
    expect(platform).toMatchObject({
      name: 'machship',
      displayName: 'MachShip',
      environments: ['live', 'test'],
      hasWarehouses: true,
    });
  });
});
