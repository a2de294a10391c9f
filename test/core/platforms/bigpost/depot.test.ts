/** Depots: the DepotId sent (blank = Big Post picks the closest) and the DepotLocality read back. */
import { describe, expect, it } from 'vitest';
import { parseQuote, quoteRequest } from '../../../../core/platforms/bigpost/mapper.js';
import type { BigPostQuoteBody } from '../../../../core/platforms/bigpost/mapper.js';
import { quoteRequest as request } from './quote-fixtures.js';

const depotIdSent = (depot?: { bigpost?: string }) =>
  (
    quoteRequest(
      { ...request, delivery: { ...request.delivery, ...(depot ? { depot } : {}) } },
      { pickup: 1, buyer: 2 },
    ).body as BigPostQuoteBody
  ).DepotId;

describe('Big Post depots', () => {
  it('leaves DepotId blank so Big Post chooses the depot closest to the buyer', () => {
    expect(depotIdSent()).toBe('');
    expect(depotIdSent({})).toBe('');
  });

  it('sends the depot the buyer chose, and ignores a reference that is not a Big Post id', () => {
    expect(depotIdSent({ bigpost: '4021' })).toBe(4021);
    expect(depotIdSent({ bigpost: 'not-an-id' })).toBe('');
  });

  it('names where a depot option is collected from, in its name and notes, and only on depot options', () => {
    const carrier = {
      CarrierId: 3,
      CarrierName: 'Allied',
      ServiceCode: 'ROAD',
      ServiceName: 'Road',
      Total: 44,
      Tax: 4,
    };
    const result = parseQuote({
      status: 200,
      headers: {},
      body: {
        Object: {
          DeliveryOptions: [
            {
              JobType: 'DEPOT',
              DepotLocality: { Id: 11002, Suburb: 'SYDNEY SOUTH', Postcode: '2000', State: 'NSW' },
              CarrierOptions: [carrier],
            },
            { JobType: 'HDS', DepotLocality: { Id: 1, Suburb: 'X' }, CarrierOptions: [carrier] },
            { JobType: 'DEPOT', DepotLocality: 'unreadable', CarrierOptions: [{ ...carrier, CarrierId: 4 }] },
          ],
        },
        Errors: null,
      },
    });
    expect(
      result.ok && result.value.map((option) => [option.key, option.service.name, option.notes]),
    ).toEqual([
      [
        'bigpost:3:ROAD:DEPOT',
        'Road (collect from depot in SYDNEY SOUTH 2000)',
        { jobType: 'DEPOT', depot: 'SYDNEY SOUTH 2000', depotLocalityId: '11002' },
      ],
      ['bigpost:3:ROAD:HDS', 'Road', { jobType: 'HDS' }],
      ['bigpost:4:ROAD:DEPOT', 'Road (collect from depot)', { jobType: 'DEPOT' }],
    ]);
  });
});
