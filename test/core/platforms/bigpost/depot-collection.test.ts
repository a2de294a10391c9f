/**
 * Depot collection on Big Post over a real socket: the depots nearest the buyer (`/api/depots`, looked up
 * once per suburb), each priced with JobType 1 and its DepotId, as "Collect from <depot>, <suburb>" rates
 * keyed `depot:bigpost:<DepotId>`, at most `maxDepots`; the depot the buyer chose stays; none without
 * `depotCollection`; the token's budget spent per call; and the fake refuses a DepotId it does not have.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBigPostPlatform } from '../../../../core/platforms/bigpost/index.js';
import type {
  CallBudget,
  FreightPlatform,
  PlatformQuoteRequest,
} from '../../../../core/platforms/freight-platform.js';
import { BigPostFake } from '../../../fakes/bigpost-fake.js';
import { quoteRequest as fixtureRequest } from './quote-fixtures.js';

const live = { token: 'bp-depot-token', environment: 'live' } as const;
// Sydney 2000, light parcels (no tail-lift surcharge), home delivery.
const request: PlatformQuoteRequest = {
  ...fixtureRequest,
  delivery: { isBusiness: false, tailLift: false, authorityToLeave: false, handUnload: false },
  packages: fixtureRequest.packages.map((line) => ({ ...line, weightKg: 5 })),
  depotCollection: { maxDepots: 2 },
};

describe('Big Post depot collection', () => {
  let host: BigPostFake;
  let platform: FreightPlatform;
  let url: string;

  beforeEach(async () => {
    host = new BigPostFake({ [live.token]: {} });
    ({ url } = await host.start());
    platform = createBigPostPlatform({ liveBaseUrl: url, testBaseUrl: url, timeoutMs: 2_000 });
  });
  afterEach(() => host.stop());

  const quotes = () =>
    host.requests
      .filter((sent) => sent.path === '/api/getquote')
      .map((sent) => sent.body as Record<string, unknown>);

  it('offers the nearest depots as rates of their own, priced per depot', async () => {
    const result = await platform.quote(live, request, AbortSignal.timeout(5_000));
    expect(result.ok).toBe(true);
    const options = result.ok ? result.value : [];
    expect(options.map((option) => [option.key, option.name, option.totalCents])).toEqual([
      ['bigpost:7:STD:HDS', undefined, 1010],
      ['depot:bigpost:501', 'Collect from Big Post Alexandria, Alexandria', 4400],
      ['depot:bigpost:502', 'Collect from Big Post Ingleburn, Ingleburn', 4700],
    ]);
    expect(host.requests.filter((sent) => sent.path.startsWith('/api/depots'))).toMatchObject([
      { method: 'GET', path: '/api/depots?p=2000&s=SYDNEY' },
    ]);
    // One home-delivery quote with a blank JobType, one depot quote per depot without ATL.
    expect(
      quotes().map((body) => [body['JobType'], body['DepotId'], body['ReturnAuthorityToLeaveOptions']]),
    ).toEqual(
      expect.arrayContaining([
        ['', '', false],
        [1, 501, false],
        [1, 502, false],
      ]),
    );
    expect(quotes()).toHaveLength(3);
  });

  it('looks the depots up once per suburb, and keeps a chosen depot that is not among the nearest', async () => {
    await platform.quote(live, request, AbortSignal.timeout(5_000));
    const chosen = await platform.quote(
      live,
      { ...request, delivery: { ...request.delivery, depot: { bigpost: '503' } } },
      AbortSignal.timeout(5_000),
    );
    expect(chosen.ok && chosen.value.map((option) => option.key)).toEqual([
      'bigpost:7:STD:HDS',
      'depot:bigpost:501',
      'depot:bigpost:502',
      'depot:bigpost:503',
    ]);
    expect(host.requests.filter((sent) => sent.path.startsWith('/api/depots'))).toHaveLength(1);
  });

  it('asks for no depot and offers none when depot collection is not wanted', async () => {
    const { depotCollection: _, ...withoutDepots } = request;
    const result = await platform.quote(live, withoutDepots, AbortSignal.timeout(5_000));
    expect(result.ok && result.value.map((option) => option.key)).toEqual(['bigpost:7:STD:HDS']);
    expect(host.requests.some((sent) => sent.path.startsWith('/api/depots'))).toBe(false);
  });

  it('counts each depot call against the token budget and leaves out the depots it refuses', async () => {
    // Two suburb lookups, the home-delivery quote and the depot list; then the budget is spent.
    let left = 4;
    let refused = 0;
    const budget: CallBudget = {
      spend: () => {
        if (left-- > 0) return Promise.resolve({ granted: true });
        refused += 1;
        return Promise.resolve({ granted: false, window: 'minute', retryAfterMs: 1000 });
      },
    };
    const result = await platform.quote({ ...live, budget }, request, AbortSignal.timeout(5_000));
    expect(result.ok && result.value.map((option) => option.key)).toEqual(['bigpost:7:STD:HDS']);
    expect(refused).toBe(2);
    expect(quotes()).toHaveLength(1);
  });

  it('answers the home rates without waiting for a depot that hangs, marked incomplete', async () => {
    host.slowDepotQuotes.set(502, 'hang');
    const started = performance.now();
    const result = await platform.quote(live, request, AbortSignal.timeout(5_000));
    // The adapter's timeout is 2 s: the grace after the main quote is an eighth of it, 250 ms.
    expect(performance.now() - started).toBeLessThan(1_500);
    expect(result.ok && result.value.map((option) => option.key)).toEqual([
      'bigpost:7:STD:HDS',
      'depot:bigpost:501',
    ]);
    expect(result.ok && result.incomplete).toBe(true);
  });

  it('keeps every depot that lands within the grace, priced side by side, and says it is complete', async () => {
    // One second of grace (an eighth of 8 s); 600 ms each: side by side they land, one after another not.
    platform = createBigPostPlatform({ liveBaseUrl: url, testBaseUrl: url, timeoutMs: 8_000 });
    host.slowDepotQuotes.set(501, 600).set(502, 600);
    const result = await platform.quote(live, request, AbortSignal.timeout(5_000));
    expect(result.ok && result.value.map((option) => option.key)).toEqual([
      'bigpost:7:STD:HDS',
      'depot:bigpost:501',
      'depot:bigpost:502',
    ]);
    expect(result.ok && result.incomplete).toBeUndefined();
  });

  it('marks a quote whose depot calls the budget refused as incomplete, the home rate kept', async () => {
    let left = 4;
    const budget: CallBudget = {
      spend: () =>
        Promise.resolve(
          left-- > 0 ? { granted: true } : { granted: false, window: 'minute', retryAfterMs: 1000 },
        ),
    };
    const result = await platform.quote({ ...live, budget }, request, AbortSignal.timeout(5_000));
    expect(result).toMatchObject({ ok: true, incomplete: true });
  });

  it('refuses a DepotId that is not one of its depots, and home delivery for a business buyer', async () => {
    await platform.quote(live, request, AbortSignal.timeout(5_000));
    const response = await fetch(`${url}/api/getquote`, {
      method: 'POST',
      headers: { AccessToken: live.token, 'content-type': 'application/json' },
      body: JSON.stringify({ ...quotes()[0], JobType: 3, BuyerIsBusiness: true, DepotId: 999 }),
    });
    const body = (await response.json()) as { Errors: { ErrorMessage: string }[] };
    expect(body.Errors.map((error) => error.ErrorMessage)).toEqual(
      expect.arrayContaining([
        'JobType: home delivery needs BuyerIsBusiness false.',
        'DepotId: 999 is not a Big Post depot.',
      ]),
    );
  });
});
