/**
 * A token Big Post does not accept, in every shape it answers one (403, 401, `200 []` from the suburb
 * lookup, an empty body), is an unauthorized failure; "no prices" is only an envelope without a priced
 * carrier option.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBigPostPlatform } from '../../../../core/platforms/bigpost/index.js';
import { EMPTY_LOOKUP_DETAIL, parseQuote } from '../../../../core/platforms/bigpost/mapper.js';
import type { FreightPlatform, PlatformCredentials } from '../../../../core/platforms/freight-platform.js';
import { BigPostFake } from '../../../fakes/bigpost-fake.js';
import { quoteRequest as request } from './quote-fixtures.js';

const live: PlatformCredentials = { token: 'test-token-not-real', environment: 'live' };

describe('Big Post refused tokens and empty prices', () => {
  let host: BigPostFake;
  let platform: FreightPlatform;

  beforeEach(async () => {
    host = new BigPostFake({ 'test-token-not-real': {} });
    const { url } = await host.start();
    platform = createBigPostPlatform({ liveBaseUrl: url, testBaseUrl: url, timeoutMs: 2_000 });
  });
  afterEach(() => host.stop());

  const quote = () => platform.quote(live, request, AbortSignal.timeout(5_000));

  it.each([403, 401] as const)('a key answered with HTTP %i is unauthorized', async (status) => {
    host.revokeToken('test-token-not-real');
    host.invalidTokenStatus = status;
    expect(await quote()).toMatchObject({
      ok: false,
      failure: { reason: 'unauthorized', httpStatus: status },
    });
  });

  it('a key whose suburb lookups all come back 200 [] is unauthorized, not an unknown suburb', async () => {
    host.revokeToken('test-token-not-real');
    host.invalidTokenAnswer = 'empty-list';
    expect(await quote()).toEqual({
      ok: false,
      failure: { reason: 'unauthorized', httpStatus: 200, detail: EMPTY_LOOKUP_DETAIL },
    });
    expect(host.requests.some((sent) => sent.path === '/api/getquote')).toBe(false);
  });

  it('a suspended token (every lookup empty) is unauthorized too', async () => {
    host.addToken('test-token-not-real', { suspended: true });
    expect(await quote()).toMatchObject({ ok: false, failure: { reason: 'unauthorized' } });
  });

  it('a suburb lookup answered with an empty body is unauthorized', async () => {
    host.respondWith('/api/suburbs', { status: 200 });
    expect(await quote()).toMatchObject({ ok: false, failure: { reason: 'unauthorized', httpStatus: 200 } });
  });

  it('a suburb Big Post does not list, for a token that finds others, is still an unknown suburb', async () => {
    const result = await platform.quote(
      live,
      { ...request, destination: { suburb: 'NOWHERE', postcode: '2999', state: 'NSW' } },
      AbortSignal.timeout(5_000),
    );
    expect(result).toMatchObject({ ok: false, failure: { reason: 'rejected_request' } });
  });

  it('an answer with delivery options but no priced carrier is no prices, not a failure', async () => {
    host.deliveryOptions = [{ JobType: 'HDS', CarrierOptions: [] }];
    expect(await quote()).toEqual({ ok: true, value: [] });
  });

  it.each([
    ['no delivery options', { Object: { DeliveryOptions: [] }, Errors: null }],
    [
      'only zero-priced options',
      {
        Object: {
          DeliveryOptions: [
            { JobType: 'HDS', CarrierOptions: [{ CarrierId: 1, ServiceCode: 'X', Total: 0 }] },
          ],
        },
        Errors: [],
      },
    ],
  ])('reads %s as no prices', (_what, body) => {
    expect(parseQuote({ status: 200, headers: {}, body })).toEqual({ ok: true, value: [] });
  });
});
