/**
 * The fake Big Post refuses what the reference notes say Big Post refuses: a missing or unknown key
 * (403), and a getquote body outside the plugin's types or the Swagger limits (200 with `Errors`).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPlatformHttp } from '../../../../core/platforms/http-client.js';
import { quoteRequest } from '../../../../core/platforms/bigpost/mapper.js';
import { BigPostFake } from '../../../fakes/bigpost-fake.js';
import { quoteRequest as request } from './quote-fixtures.js';

describe('the fake Big Post refuses what Big Post refuses', () => {
  let host: BigPostFake;
  let post: (body: unknown, headers?: Record<string, string>) => Promise<{ status: number; body: unknown }>;

  beforeEach(async () => {
    host = new BigPostFake({ 'test-token-not-real': {} });
    const { url } = await host.start();
    const http = createPlatformHttp({ baseUrl: url, timeoutMs: 2_000, displayName: 'Big Post' });
    post = async (body, headers = { AccessToken: 'test-token-not-real' }) => {
      const sent = await http.send({ method: 'POST', path: '/api/getquote', body, headers });
      if (!sent.ok) throw new Error(sent.failure.detail);
      return sent.response;
    };
  });
  afterEach(() => host.stop());

  const good = () => quoteRequest(request, { pickup: 13121, buyer: 11001 }).body as Record<string, unknown>;

  it('prices the body the adapter builds', async () => {
    const answer = await post(good());
    expect(answer).toMatchObject({ status: 200, body: { Errors: null } });
  });

  it('refuses a call without a key, or with one it does not know, with 403', async () => {
    expect((await post(good(), {})).status).toBe(403);
    expect((await post(good(), { AccessToken: 'unknown-token-not-real' })).status).toBe(403);
  });

  it.each([
    [
      'an empty buyer address',
      (b: Record<string, unknown>) => ({
        ...b,
        BuyerLocation: { ...(b['BuyerLocation'] as object), Address: '' },
      }),
      'BuyerLocation.Address: is required.',
    ],
    [
      'a street over 30 characters',
      (b: Record<string, unknown>) => ({
        ...b,
        PickupLocation: { ...(b['PickupLocation'] as object), Address: 'x'.repeat(31) },
      }),
      'PickupLocation.Address: must be 30 characters or fewer.',
    ],
    [
      'a flag that is not a boolean',
      (b: Record<string, unknown>) => ({ ...b, BuyerHasForklift: 'no' }),
      'BuyerHasForklift: Invalid input: expected boolean, received string.',
    ],
    [
      'no items',
      (b: Record<string, unknown>) => ({ ...b, Items: [] }),
      'Items: at least one item is required.',
    ],
    [
      'a description over 50 characters',
      (b: Record<string, unknown>) => ({
        ...b,
        Items: [{ ...(b['Items'] as object[])[0], Description: 'd'.repeat(51) }],
      }),
      'Items[0].Description: must be 50 characters or fewer.',
    ],
    [
      'a LocalityId whose Locality names another suburb',
      (b: Record<string, unknown>) => ({
        ...b,
        BuyerLocation: {
          ...(b['BuyerLocation'] as object),
          LocalityId: 13001,
          Locality: { Id: 13001, Suburb: 'SYDNEY', Postcode: '2000', State: 'NSW' },
        },
      }),
      'BuyerLocation: Locality does not match LocalityId.',
    ],
  ])('refuses %s, naming the field', async (_what, change, message) => {
    const answer = await post(change(good()));
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      Object: null,
      Errors: expect.arrayContaining([{ ErrorMessage: message }]),
    });
  });
});
