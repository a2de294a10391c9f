import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Locality } from '../../../../core/platforms/freight-platform.js';
import {
  localitiesRequest,
  matchLocality,
  parseLocalities,
  parseOtherHostProbe,
  parseQuote,
  parseVerify,
  quoteRequest,
} from '../../../../core/platforms/bigpost/mapper.js';
import type { HttpResponse } from '../../../../core/platforms/http-client.js';
import { fixture, quoteRequest as request } from './quote-fixtures.js';

const answer = (status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse => ({
  status,
  body,
  headers,
});

describe('Big Post quote request', () => {
  it('builds the getquote body with both LocalityIds, every job type and descriptions cut to 50 characters', () => {
    expect(quoteRequest(request, { pickup: 13121, buyer: 11001 })).toEqual({
      method: 'POST',
      path: '/api/getquote',
      body: fixture('getquote-request.json'),
    });
  });

  it('maps every package type to its Big Post ItemType and marks business buyers', () => {
    const built = quoteRequest(
      {
        ...request,
        destination: { suburb: 'PERTH', postcode: '6000', state: 'WA' },
        delivery: { isBusiness: true, tailLift: false, authorityToLeave: true, handUnload: false },
        packages: (['carton', 'skid', 'pallet', 'pack', 'crate', 'satchel', 'tube', 'bag'] as const).map(
          (type) => ({
            type,
            lengthCm: 1,
            widthCm: 1,
            heightCm: 1,
            weightKg: 1,
            quantity: 1,
            description: type,
          }),
        ),
      },
      { pickup: 1, buyer: 2 },
    );
    const body = built.body as {
      BuyerIsBusiness: boolean;
      BuyerHasForklift: boolean;
      ReturnAuthorityToLeaveOptions: boolean;
      BuyerLocation: unknown;
      Items: { ItemType: number }[];
    };
    expect(body.Items.map((item) => item.ItemType)).toEqual([0, 1, 2, 3, 4, 6, 8, 9]);
    expect(body.BuyerIsBusiness).toBe(true);
    // 1 kg pieces: nothing for a forklift to lift, so not said to have one (as the plugin sends it).
    expect(body.BuyerHasForklift).toBe(false);
    expect(body.ReturnAuthorityToLeaveOptions).toBe(true);
    expect(body.BuyerLocation).toEqual({
      Name: 'Guest User',
      Address: 'PERTH WA',
      LocalityId: 2,
      Locality: { Id: 2, Suburb: 'PERTH', Postcode: '6000', State: 'WA' },
    });
  });
});

describe('Big Post quote response', () => {
  it('turns carrier options into GST-inclusive options in cents, skipping zero-priced and unreadable ones', () => {
    expect(parseQuote(answer(200, fixture('getquote-response.json')))).toEqual({
      ok: true,
      value: [
        {
          key: 'bigpost:3:ROAD:DEPOT',
          carrier: { id: '3', name: 'Allied Express' },
          service: { code: 'ROAD', name: 'Road (collect from depot in SYDNEY SOUTH 2000)' },
          totalCents: 4400,
          taxCents: 400,
          notes: {
            jobType: 'DEPOT',
            requiresAuthorityToLeave: false,
            depot: 'SYDNEY SOUTH 2000',
            depotLocalityId: '11002',
          },
        },
        {
          // The cheaper of two listings of one service; 10.10 dollars is exactly 1010 cents.
          key: 'bigpost:7:STD:HDS',
          carrier: { id: '7', name: 'Couriers Please' },
          service: { code: 'STD', name: 'Standard' },
          totalCents: 1010,
          taxCents: 92,
          notes: { jobType: 'HDS', requiresAuthorityToLeave: true },
        },
        {
          // No Total: Charge (ex GST) plus Tax.
          key: 'bigpost:11:GEN:HDS',
          carrier: { id: '11', name: 'Border Express' },
          service: { code: 'GEN', name: 'GEN' },
          totalCents: 2206,
          taxCents: 201,
          notes: { jobType: 'HDS' },
        },
      ],
    });
  });

  it('converts any Total in dollars and cents to exactly that many cents', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), (totalCents) => {
        const option = { CarrierId: 1, ServiceCode: 'S', Total: Number((totalCents / 100).toFixed(2)) };
        const body = {
          Object: { DeliveryOptions: [{ JobType: 'HDS', CarrierOptions: [option] }] },
          Errors: [],
        };
        const result = parseQuote(answer(200, body));
        expect(result.ok && result.value[0]?.totalCents).toBe(totalCents);
      }),
    );
  });

  it('fails as a rejected request when Big Post lists errors', () => {
    expect(parseQuote(answer(200, fixture('getquote-errors-response.json')))).toEqual({
      ok: false,
      failure: {
        reason: 'rejected_request',
        httpStatus: 200,
        detail:
          'Big Post could not price this shipment: BuyerLocation: LocalityId is not a known locality; Items: at least one item is required.',
      },
    });
  });

  it.each([
    [401, 'unauthorized'],
    [403, 'unauthorized'],
    [429, 'rate_limited'],
    [500, 'unreachable'],
    [502, 'unreachable'],
    [404, 'bad_response'],
  ] as const)('maps HTTP %i to %s', (status, reason) => {
    expect(parseQuote(answer(status, { Message: 'x' }))).toMatchObject({
      ok: false,
      failure: { reason, httpStatus: status },
    });
  });

  it('mentions the fair-use limits when Big Post asks to slow down', () => {
    expect(parseQuote(answer(429, '', { 'retry-after': '60' }))).toEqual({
      ok: false,
      failure: {
        reason: 'rate_limited',
        httpStatus: 429,
        retryAfterSeconds: 60,
        detail:
          'Big Post asked RateBridge to slow down (Big Post allows 60 calls a minute and 2,000 a day per token). Try again in 60 seconds.',
      },
    });
  });

  it.each([
    ['an HTML page', '<html>oops</html>'],
    ['an answer without delivery options', { Object: null, Errors: [] }],
    ['a bare array', []],
  ])('fails as a bad response on %s', (_what, body) => {
    expect(parseQuote(answer(200, body))).toMatchObject({
      ok: false,
      failure: { reason: 'bad_response', httpStatus: 200 },
    });
  });
});

describe('Big Post suburbs', () => {
  it('looks suburbs up by text', () => {
    expect(localitiesRequest(' Richmond ')).toEqual({ method: 'GET', path: '/api/suburbs?q=Richmond' });
  });

  it('keeps Australian suburbs with their PostcodeId as the platform id', () => {
    const read = parseLocalities(answer(200, fixture('suburbs-response.json')));
    expect(read.ok && read.value).toEqual([
      { suburb: 'RICHMOND', postcode: '3121', state: 'VIC', platformId: '13121' },
      { suburb: 'RICHMOND', postcode: '2753', state: 'NSW', platformId: '12753' },
      { suburb: 'RICHMOND', postcode: '5033', state: 'SA', platformId: '15033' },
    ]);
  });

  it('also reads suburbs wrapped in an Object envelope', () => {
    const read = parseLocalities(answer(200, { Object: fixture('suburbs-response.json'), Errors: [] }));
    expect(read.ok && read.value).toHaveLength(3);
  });

  it('matches a place by suburb and postcode, ignoring case and spacing', () => {
    const read = parseLocalities(answer(200, fixture('suburbs-response.json')));
    const suburbs: readonly Locality[] = read.ok ? read.value : [];
    expect(matchLocality(suburbs, { suburb: ' richmond ', postcode: '2753', state: 'NSW' })?.platformId).toBe(
      '12753',
    );
    expect(matchLocality(suburbs, { suburb: 'Richmond', postcode: '2000', state: 'NSW' })).toBeUndefined();
  });
});

describe('Big Post token check', () => {
  it('accepts a token that finds the known suburb', () => {
    expect(parseVerify(answer(200, fixture('suburbs-response.json')), 'test')).toEqual({
      status: 'valid',
      detail: 'Big Post accepted this staging (test) token and it can look up suburbs.',
      account: { testMode: true },
    });
  });

  it('calls a token that finds nothing for the known suburb not usable, and says why', () => {
    expect(parseVerify(answer(200, []), 'live')).toEqual({
      status: 'forbidden',
      detail:
        'Big Post accepted this token but found no suburbs for "Sydney", so it cannot be used to quote: its access may be restricted or suspended (Big Post suspends tokens that go over its fair use; Big Post allows 60 calls a minute and 2,000 a day per token). Contact Big Post, or create a new token and paste it here.',
    });
  });

  it.each([401, 403])('rejects the token on HTTP %i', (status) => {
    expect(parseVerify(answer(status, { Message: 'denied' }), 'live')).toEqual({
      status: 'rejected',
      detail:
        'Big Post did not accept this token on its live service. It may be mistyped, expired or revoked: create a new live token in Big Post and paste it here.',
    });
  });

  it('tells a token of the other environment from one that is not accepted anywhere', () => {
    expect(parseOtherHostProbe(answer(200, fixture('suburbs-response.json')), 'test')).toEqual({
      status: 'wrong_environment',
      tokenEnvironment: 'test',
      detail:
        'This is a Big Post staging (test) token. Choose Test, or create a live token in Big Post and paste it here.',
    });
    // An empty list is how Big Post's own plugin recognises a token it does not accept (SETUP:24-38).
    expect(parseOtherHostProbe(answer(200, []), 'test')).toBeUndefined();
    expect(parseOtherHostProbe(answer(401, ''), 'test')).toBeUndefined();
    expect(parseOtherHostProbe(answer(503, ''), 'live')).toBeUndefined();
  });
});
