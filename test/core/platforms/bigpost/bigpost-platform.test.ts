import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBigPostPlatform } from '../../../../core/platforms/bigpost/index.js';
import type { FreightPlatform, PlatformCredentials } from '../../../../core/platforms/freight-platform.js';
import { BigPostFake } from '../../../fakes/bigpost-fake.js';
import { fixture, quoteRequest as request } from './quote-fixtures.js';

const live: PlatformCredentials = { token: 'test-token-not-real', environment: 'live' };

// The depot option Big Post adds to a blank JobType is left out: depot collection is priced per depot
// (depot-collection.test.ts), and only when the merchant offers it.
const expectedOptions = [
  {
    key: 'bigpost:7:STD:HDS',
    carrier: { id: '7', name: 'Couriers Please' },
    service: { code: 'STD', name: 'Standard' },
    // $10.10 plus the fake's $30 for a tail-lift truck: the 62.5 kg carton and no forklift on site.
    totalCents: 4010,
    taxCents: 365,
    dates: { delivery: '2025-11-27' },
    notes: { jobType: 'HDS', requiresAuthorityToLeave: true },
  },
];

describe('Big Post adapter over HTTP', () => {
  let liveHost: BigPostFake;
  let stagingHost: BigPostFake;
  let platform: FreightPlatform;

  beforeEach(async () => {
    liveHost = new BigPostFake({ 'test-token-not-real': {} });
    stagingHost = new BigPostFake({ 'staging-token-not-real': {} });
    const [liveUrl, stagingUrl] = await Promise.all([liveHost.start(), stagingHost.start()]);
    platform = createBigPostPlatform({
      liveBaseUrl: liveUrl.url,
      testBaseUrl: stagingUrl.url,
      timeoutMs: 2_000,
    });
  });

  afterEach(() => Promise.all([liveHost.stop(), stagingHost.stop()]));

  it('looks up both LocalityIds, then sends the exact quote body with the AccessToken header', async () => {
    const result = await platform.quote(live, request, AbortSignal.timeout(5_000));

    const lookups = liveHost.requests.filter((sent) => sent.method === 'GET');
    expect(lookups.map((sent) => sent.path).sort()).toEqual([
      '/api/suburbs?q=RICHMOND',
      '/api/suburbs?q=SYDNEY',
    ]);
    for (const lookup of lookups) expect(lookup.headers['accesstoken']).toBe('test-token-not-real');

    const quotes = liveHost.requests.filter((sent) => sent.method === 'POST');
    expect(quotes).toHaveLength(1);
    expect(quotes[0]).toMatchObject({ path: '/api/getquote', body: fixture('getquote-request.json') });
    expect(quotes[0]?.headers).toMatchObject({
      accesstoken: 'test-token-not-real',
      'content-type': 'application/json',
      accept: 'application/json',
    });
    expect(stagingHost.requests).toEqual([]);

    expect(result).toEqual({ ok: true, value: expectedOptions });
  });

  it('remembers LocalityIds, so a second quote to the same places costs one call', async () => {
    await platform.quote(live, request, AbortSignal.timeout(5_000));
    liveHost.requests.length = 0;
    const again = await platform.quote(live, request, AbortSignal.timeout(5_000));
    expect(liveHost.requests.map((sent) => `${sent.method} ${sent.path}`)).toEqual(['POST /api/getquote']);
    expect(again).toEqual({ ok: true, value: expectedOptions });
  });

  it('uses the warehouse LocalityId when it is known', async () => {
    await platform.quote(
      live,
      { ...request, pickup: { ...request.pickup, platformRefs: { bigpost: '13121' } } },
      AbortSignal.timeout(5_000),
    );
    expect(liveHost.requests.map((sent) => `${sent.method} ${sent.path}`)).toEqual([
      'GET /api/suburbs?q=SYDNEY',
      'POST /api/getquote',
    ]);
  });

  it('does not quote a delivery suburb Big Post does not list', async () => {
    const result = await platform.quote(
      live,
      { ...request, destination: { suburb: 'NOWHERE', postcode: '2999', state: 'NSW' } },
      AbortSignal.timeout(5_000),
    );
    expect(result).toEqual({
      ok: false,
      failure: {
        reason: 'rejected_request',
        detail:
          'Big Post does not list the delivery suburb NOWHERE NSW 2999, so it cannot price this address.',
      },
    });
    expect(liveHost.requests.some((sent) => sent.path === '/api/getquote')).toBe(false);
  });

  it('asks for business delivery for a business address', async () => {
    const result = await platform.quote(
      live,
      { ...request, delivery: { ...request.delivery, isBusiness: true } },
      AbortSignal.timeout(5_000),
    );
    expect(result.ok && result.value.map((option) => option.key)).toEqual(['bigpost:7:STD:BUSINESS']);
  });

  it('reports Big Post errors as a rejected request', async () => {
    const result = await platform.quote(
      live,
      { ...request, pickup: { ...request.pickup, platformRefs: { bigpost: '424242' } } },
      AbortSignal.timeout(5_000),
    );
    expect(result).toEqual({
      ok: false,
      failure: {
        reason: 'rejected_request',
        httpStatus: 200,
        detail: 'Big Post could not price this shipment: PickupLocation: LocalityId is not a known locality.',
      },
    });
  });

  it('reports a revoked token as unauthorized while quoting', async () => {
    liveHost.revokeToken('test-token-not-real');
    const result = await platform.quote(live, request, AbortSignal.timeout(5_000));
    // 403: what Big Post answers a key it does not accept (api-notes.md; no source shows a 401).
    expect(result).toMatchObject({ ok: false, failure: { reason: 'unauthorized', httpStatus: 403 } });
  });

  it('quotes a staging token against the staging host', async () => {
    const result = await platform.quote(
      { token: 'staging-token-not-real', environment: 'test' },
      request,
      AbortSignal.timeout(5_000),
    );
    expect(result.ok).toBe(true);
    expect(liveHost.requests).toEqual([]);
    expect(stagingHost.requests.map((sent) => sent.headers['accesstoken'])).toEqual([
      'staging-token-not-real',
      'staging-token-not-real',
      'staging-token-not-real',
    ]);
  });

  it('searches localities, with the PostcodeId as the platform id', async () => {
    const result = await platform.searchLocalities(live, 'Richmond');
    expect(liveHost.requests).toMatchObject([
      { method: 'GET', path: '/api/suburbs?q=Richmond', headers: { accesstoken: 'test-token-not-real' } },
    ]);
    expect(result).toEqual({
      ok: true,
      value: [
        { suburb: 'RICHMOND', postcode: '3121', state: 'VIC', platformId: '13121' },
        { suburb: 'RICHMOND', postcode: '2753', state: 'NSW', platformId: '12753' },
      ],
    });
  });

  it('has no warehouses and lists none without calling Big Post', async () => {
    expect(platform).toMatchObject({ name: 'bigpost', displayName: 'Big Post', hasWarehouses: false });
    expect(await platform.listWarehouses(live)).toEqual({ ok: true, value: [] });
    expect(liveHost.requests).toEqual([]);
  });
});
