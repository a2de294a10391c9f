/** A carrier option's `Eta` (a date, MISC:428-439) becomes the option's delivery date. */
import { describe, expect, it } from 'vitest';
import { parseQuote } from '../../../../core/platforms/bigpost/mapper.js';

const quoteWithEta = (Eta: unknown) =>
  parseQuote({
    status: 200,
    headers: {},
    body: {
      Object: {
        DeliveryOptions: [
          { JobType: 'HDS', CarrierOptions: [{ CarrierId: 1, ServiceCode: 'S', Total: 10, Eta }] },
        ],
      },
      Errors: null,
    },
  });

describe('Big Post ETA', () => {
  it.each([
    ['2025-11-27T00:00:00', '2025-11-27'],
    ['2025-11-27', '2025-11-27'],
    ['2025-12-01T17:30:00+11:00', '2025-12-01'],
  ])('reads Eta %s as the delivery date %s', (eta, date) => {
    const result = quoteWithEta(eta);
    expect(result.ok && result.value[0]?.dates).toEqual({ delivery: date });
  });

  it.each([null, '', 'soon', '2025-02-30', 20251127])(
    'leaves the date out for Eta %j and keeps the price',
    (eta) => {
      const result = quoteWithEta(eta);
      expect(result.ok && result.value[0]?.totalCents).toBe(1000);
      expect(result.ok && result.value[0]).not.toHaveProperty('dates');
    },
  );
});
