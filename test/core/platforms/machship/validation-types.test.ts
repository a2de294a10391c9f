/**
 * MachShip's validation results: the document declares `validationType` as 0-3, the live API sends the
 * labels as text. Either way only an Error fails a call, and its message reaches the merchant.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HttpResponse } from '../../../../core/platforms/http-client.js';
import { createMachShipPlatform } from '../../../../core/platforms/machship/index.js';
import { parseQuote, parseWarehouses } from '../../../../core/platforms/machship/mapper.js';
import { MachShipFake } from '../../../fakes/machship-fake.js';
import { quoteRequest } from './quote-fixtures.js';

const route = {
  carrier: { id: 1, name: 'Carrier' },
  carrierService: { id: 2, name: 'Service' },
  consignmentTotal: { totalSellPrice: 22, totalTaxSellPrice: 2 },
};
const withResults = (validationType: unknown, errorMessage = 'Message from MachShip'): HttpResponse => ({
  status: 200,
  headers: {},
  body: { object: { routes: [route] }, errors: [{ memberNames: [], errorMessage, validationType }] },
});

describe('MachShip validation types', () => {
  it.each(['Success', 'Info', 'Warning', 'warning', 0, 2, 3])(
    'keeps every price when a result is %j',
    (validationType) => {
      const result = parseQuote(withResults(validationType));
      expect(result.ok && result.value.map((option) => option.totalCents)).toEqual([2200]);
    },
  );

  it.each(['Error', 'ERROR', 1])('fails with MachShip message when a result is %j', (validationType) => {
    expect(parseQuote(withResults(validationType, 'Carrier account is on hold.'))).toEqual({
      ok: false,
      failure: {
        reason: 'rejected_request',
        httpStatus: 200,
        detail: 'MachShip could not price this shipment: Carrier account is on hold.',
      },
    });
  });

  it('does not fail on a type it does not know, nor on a result without one', () => {
    expect(parseQuote(withResults('Notice')).ok).toBe(true);
    expect(parseQuote(withResults(null)).ok).toBe(true);
    expect(parseQuote(withResults(undefined)).ok).toBe(true);
  });

  it('says "unspecified error" for an Error without a message, and counts what it does not show', () => {
    const errors = Array.from({ length: 7 }, (_, n) => ({
      validationType: 'Error',
      errorMessage: n === 0 ? null : `Problem ${n}.`,
    }));
    expect(parseQuote({ status: 400, headers: {}, body: { object: null, errors } })).toEqual({
      ok: false,
      failure: {
        reason: 'rejected_request',
        httpStatus: 400,
        detail:
          'MachShip could not price this shipment: unspecified error; Problem 1; Problem 2; Problem 3; Problem 4 (and 2 more).',
      },
    });
  });

  it('reads text types on every call, not only quotes', () => {
    const body = { object: [], errors: [{ validationType: 'Error', errorMessage: 'Company is inactive' }] };
    expect(parseWarehouses({ status: 200, headers: {}, body })).toMatchObject({
      ok: false,
      failure: { detail: 'MachShip could not list company locations: Company is inactive.' },
    });
  });
});

describe('MachShip validation types over HTTP', () => {
  let fake: MachShipFake;

  beforeEach(() => {
    fake = new MachShipFake({ 'test-token-not-real': {} });
  });
  afterEach(() => fake.stop());

  it('a Warning beside the routes never loses the prices', async () => {
    fake.routeMessages = [
      { validationType: 'Warning', errorMessage: 'One carrier account could not be quoted' },
      { validationType: 'Info', errorMessage: 'Routes returned' },
    ];
    const { url } = await fake.start();
    const platform = createMachShipPlatform({ baseUrl: url, timeoutMs: 2_000 });
    const result = await platform.quote(
      { token: 'test-token-not-real', environment: 'live' },
      quoteRequest,
      AbortSignal.timeout(5_000),
    );
    expect(result.ok && result.value.map((option) => option.key)).toEqual([
      'machship:38:412',
      'machship:12:77',
    ]);
  });

  it('an Error becomes a rejected request carrying its message', async () => {
    fake.routeMessages = [{ validationType: 'Error', errorMessage: 'No carriers service this route.' }];
    const { url } = await fake.start();
    const platform = createMachShipPlatform({ baseUrl: url, timeoutMs: 2_000 });
    const result = await platform.quote(
      { token: 'test-token-not-real', environment: 'live' },
      quoteRequest,
      AbortSignal.timeout(5_000),
    );
    expect(result).toEqual({
      ok: false,
      failure: {
        reason: 'rejected_request',
        httpStatus: 200,
        detail: 'MachShip could not price this shipment: No carriers service this route.',
      },
    });
  });
});
