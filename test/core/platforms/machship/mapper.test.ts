import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { HttpResponse } from '../../../../core/platforms/http-client.js';
import {
  localitiesRequest,
  parseLocalities,
  parsePermissionProbe,
  parseQuote,
  parseVerify,
  parseWarehouses,
  quoteRequest as routesRequest,
} from '../../../../core/platforms/machship/mapper.js';
import { fixture, quoteRequest } from './quote-fixtures.js';

const answer = (status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse => ({
  status,
  body,
  headers,
});

describe('MachShip routes request', () => {
  it('prices from a suburb and postcode when the warehouse is not linked to a company location', () => {
    expect(routesRequest(quoteRequest)).toEqual({
      method: 'POST',
      path: '/apiv2/routes/returnroutes',
      body: fixture('returnroutes-request.json'),
    });
  });

  it('prices from the linked company location and leaves out address lines that are absent', () => {
    const request = routesRequest({
      ...quoteRequest,
      pickup: { ...quoteRequest.pickup, platformRefs: { machship: '7101' } },
      destination: { suburb: 'PERTH', postcode: '6000', state: 'WA' },
      packages: [
        {
          type: 'satchel',
          lengthCm: 30,
          widthCm: 20,
          heightCm: 5,
          weightKg: 1,
          quantity: 1,
          description: 'Satchel',
        },
        {
          type: 'skid',
          lengthCm: 100,
          widthCm: 100,
          heightCm: 100,
          weightKg: 90,
          quantity: 1,
          description: 'Skid',
        },
        {
          type: 'crate',
          lengthCm: 80,
          widthCm: 60,
          heightCm: 60,
          weightKg: 40,
          quantity: 1,
          description: 'Crate',
        },
        {
          type: 'bag',
          lengthCm: 50,
          widthCm: 40,
          heightCm: 10,
          weightKg: 2,
          quantity: 1,
          description: 'Bag',
        },
        {
          type: 'tube',
          lengthCm: 90,
          widthCm: 10,
          heightCm: 10,
          weightKg: 1.5,
          quantity: 1,
          description: 'Tube',
        },
      ],
    });
    expect(request.body).toEqual({
      fromCompanyLocationId: 7101,
      toLocation: { suburb: 'PERTH', postcode: '6000' },
      items: [
        { itemType: 5, name: 'Satchel', quantity: 1, length: 30, width: 20, height: 5, weight: 1 },
        { itemType: 2, name: 'Skid', quantity: 1, length: 100, width: 100, height: 100, weight: 90 },
        { itemType: 4, name: 'Crate', quantity: 1, length: 80, width: 60, height: 60, weight: 40 },
        { itemType: 8, name: 'Bag', quantity: 1, length: 50, width: 40, height: 10, weight: 2 },
        { itemType: 9, name: 'Tube', quantity: 1, length: 90, width: 10, height: 10, weight: 1.5 },
      ],
    });
  });
});

describe('MachShip routes response', () => {
  it('turns priced routes into options in cents, skipping zero-priced and unpriceable routes', () => {
    expect(parseQuote(answer(200, fixture('returnroutes-response.json')))).toEqual({
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
          notes: { testMode: false },
        },
        {
          // The cheaper of two routes for the same carrier service; 10.10 dollars is exactly 1010 cents.
          key: 'machship:12:77',
          carrier: { id: '12', name: 'Hunter Express' },
          service: { code: '77', name: 'Road Express' },
          totalCents: 1010,
          taxCents: 92,
          notes: { testMode: false },
        },
        {
          key: 'machship:8:81',
          carrier: { id: '8', name: 'Aramex' },
          service: { code: '81', name: 'Aramex Satchel' },
          totalCents: 2000,
          taxCents: 182,
        },
      ],
    });
  });

  it('converts any price in dollars and cents to exactly that many cents, as a number or a string', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), fc.boolean(), (totalCents, asText) => {
        const dollars = (totalCents / 100).toFixed(2);
        const price = asText ? dollars : Number(dollars);
        const route = {
          carrier: { id: 1 },
          carrierService: { id: 2 },
          consignmentTotal: { totalSellPrice: price },
        };
        const result = parseQuote(answer(200, { object: { routes: [route] }, errors: null }));
        expect(result.ok && result.value[0]?.totalCents).toBe(totalCents);
      }),
    );
  });

  it('reports a test-mode carrier account in the option notes', () => {
    const body = {
      object: {
        routes: [
          {
            carrier: { id: 1, name: 'Test Carrier' },
            carrierService: { id: 2, name: 'Test Service' },
            carrierAccount: { isInTestMode: true },
            consignmentTotal: { totalSellPrice: 22, totalTaxSellPrice: 2 },
          },
        ],
      },
      errors: null,
    };
    const result = parseQuote(answer(200, body));
    expect(result.ok && result.value[0]?.notes).toEqual({ testMode: true });
  });

  it('fails as a rejected request with every validation error MachShip gave, ignoring warnings', () => {
    expect(parseQuote(answer(200, fixture('returnroutes-errors-response.json')))).toEqual({
      ok: false,
      failure: {
        reason: 'rejected_request',
        httpStatus: 200,
        detail:
          'MachShip could not price this shipment: The delivery location could not be found; Item weight must be greater than zero.',
      },
    });
  });

  it('reads validation errors from a 400 answer too', () => {
    const result = parseQuote(answer(400, fixture('returnroutes-errors-response.json')));
    expect(result).toMatchObject({ ok: false, failure: { reason: 'rejected_request', httpStatus: 400 } });
  });

  it('answers an empty list when MachShip has no route', () => {
    expect(parseQuote(answer(200, { object: { routes: [] }, errors: [] }))).toEqual({
      ok: true,
      value: [],
    });
  });

  it.each([
    [401, 'unauthorized'],
    [403, 'forbidden'],
    [429, 'rate_limited'],
    [500, 'unreachable'],
    [503, 'unreachable'],
    [404, 'bad_response'],
  ] as const)('maps HTTP %i to %s', (status, reason) => {
    const result = parseQuote(answer(status, { object: null, errors: null }));
    expect(result).toMatchObject({ ok: false, failure: { reason, httpStatus: status } });
  });

  it('passes on how long MachShip asked us to wait', () => {
    const result = parseQuote(answer(429, '', { 'retry-after': '17' }));
    expect(result).toEqual({
      ok: false,
      failure: {
        reason: 'rate_limited',
        httpStatus: 429,
        retryAfterSeconds: 17,
        detail: 'MachShip asked RateBridge to slow down. Try again in 17 seconds.',
      },
    });
  });

  it.each([
    ['an HTML page', '<html>Service Unavailable</html>'],
    ['an envelope without routes', { object: { id: 1 }, errors: null }],
    ['a bare array', []],
    ['nothing', undefined],
  ])('fails as a bad response on %s', (_what, body) => {
    expect(parseQuote(answer(200, body))).toEqual({
      ok: false,
      failure: {
        reason: 'bad_response',
        httpStatus: 200,
        detail:
          'MachShip sent prices that RateBridge could not read (HTTP 200). Try again later; if it persists, contact RateBridge support.',
      },
    });
  });
});

describe('MachShip localities and warehouses', () => {
  it('searches by terms in the query string', () => {
    expect(localitiesRequest(' Richmond 3121 ')).toEqual({
      method: 'POST',
      path: '/apiv2/locations/returnLocationsWithSearchOptions?s=Richmond%203121',
      body: { retrievalSize: 20 },
    });
  });

  it('keeps Australian localities with their MachShip location id', () => {
    expect(parseLocalities(answer(200, fixture('locations-search-response.json')))).toEqual({
      ok: true,
      value: [
        { suburb: 'RICHMOND', postcode: '3121', state: 'VIC', platformId: '3121' },
        { suburb: 'RICHMOND', postcode: '2753', state: 'NSW', platformId: '2753' },
      ],
    });
  });

  it('turns company locations into warehouses, leaving out entries without a location', () => {
    expect(parseWarehouses(answer(200, fixture('company-locations-response.json')))).toEqual({
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
        { platformId: '7102', name: 'Location 7102', suburb: 'DARWIN', postcode: '0800', state: 'NT' },
      ],
    });
  });
});

describe('MachShip token check', () => {
  it('goes on to the permission probe after a successful ping', () => {
    expect(parseVerify(answer(200, fixture('ping-response.json')))).toBe('authenticated');
  });

  it.each([401, 403])('rejects the token on HTTP %i from ping', (status) => {
    expect(parseVerify(answer(status, ''))).toEqual({
      status: 'rejected',
      detail:
        'MachShip did not accept this token. It may be mistyped, expired or revoked: create a new one in MachShip under My API Tokens (it is shown only once) and paste it here.',
    });
  });

  it('does not claim to know test from live: MachShip company locations carry no test-mode flag', () => {
    // CompanyLocationV2 in the OpenAPI document has no isInTestMode; an undocumented one is not read.
    const body = {
      object: [
        {
          id: 1,
          name: 'Test',
          isInTestMode: true,
          location: { suburb: 'PERTH', postcode: '6000', state: { code: 'WA' } },
        },
      ],
      errors: null,
    };
    for (const response of [answer(200, fixture('company-locations-response.json')), answer(200, body)]) {
      expect(parsePermissionProbe(response)).toEqual({
        status: 'valid',
        detail:
          "MachShip accepted this token and it can read your company locations. MachShip does not tell whether the token's user is a test or a live user, so RateBridge cannot check the environment you chose; each quote's rate log shows whether MachShip priced it on a carrier account in test mode.",
      });
    }
  });

  it.each([401, 403])('calls the token forbidden when company locations answer HTTP %i', (status) => {
    expect(parsePermissionProbe(answer(status, ''))).toMatchObject({ status: 'forbidden' });
  });
});
