/** Reading `SimpleRouteV2` as the document declares it: nullable fields, long names, despatch dates. */
import { describe, expect, it } from 'vitest';
import type { HttpResponse } from '../../../../core/platforms/http-client.js';
import { parseQuote } from '../../../../core/platforms/machship/mapper.js';

const answer = (routes: unknown): HttpResponse => ({
  status: 200,
  headers: {},
  body: { object: { id: '00000000-0000-0000-0000-000000000000', routes, results: null }, errors: null },
});
const priced = { consignmentTotal: { totalSellPrice: 33.3, totalTaxSellPrice: 3.03 } };

describe('MachShip route fields', () => {
  it('takes the delivery estimate and dates from the first despatch option', () => {
    const result = parseQuote(
      answer([
        {
          ...priced,
          carrier: { id: 1, name: 'Carrier' },
          carrierService: { id: 2, name: 'Service' },
          despatchOptions: [
            {
              despatchDateLocal: '2025-11-24T00:00:00',
              despatchDateUtc: '2025-11-23T13:00:00',
              etaLocal: '2025-11-27T17:00:00',
              etaUtc: '2025-11-27T06:00:00',
              totalBusinessDays: 3,
            },
            {
              despatchDateLocal: '2025-11-25T00:00:00',
              etaLocal: '2025-11-28T00:00:00',
              totalBusinessDays: 3,
            },
          ],
        },
      ]),
    );
    expect(result.ok && result.value[0]).toMatchObject({
      eta: { minDays: 3, maxDays: 3 },
      dates: { despatch: '2025-11-24', delivery: '2025-11-27' },
    });
  });

  it('leaves out dates MachShip did not give or gave unreadably', () => {
    const result = parseQuote(
      answer([
        {
          ...priced,
          carrier: { id: 1 },
          carrierService: { id: 2 },
          despatchOptions: [
            { despatchDateLocal: null, etaLocal: '2025-02-30T00:00:00', totalBusinessDays: null },
          ],
        },
      ]),
    );
    expect(result.ok && result.value[0]).not.toHaveProperty('dates');
    expect(result.ok && result.value[0]).not.toHaveProperty('eta');
  });

  it('refuses a number of business days no road service takes, keeping the dates', () => {
    const route = (totalBusinessDays: number) => ({
      ...priced,
      carrier: { id: totalBusinessDays },
      carrierService: { id: 2 },
      despatchOptions: [{ despatchDateLocal: '2025-11-24T00:00:00', totalBusinessDays }],
    });
    const result = parseQuote(answer([route(100_000), route(60)]));
    expect(result.ok && result.value[0]).not.toHaveProperty('eta');
    expect(result.ok && result.value[0]).toMatchObject({ dates: { despatch: '2025-11-24' } });
    expect(result.ok && result.value[1]).toMatchObject({ eta: { minDays: 60, maxDays: 60 } });
  });

  it('reads null optional fields as absent and falls back to ids for names', () => {
    const result = parseQuote(
      answer([
        {
          ...priced,
          carrier: { id: 5, name: null, abbreviation: null, displayName: null },
          carrierService: { id: 9, name: null, abbreviation: 'PRI', displayName: '   ' },
          carrierAccount: null,
          despatchOptions: null,
          electiveSurcharges: null,
          automaticSurcharges: null,
        },
        // Not a route: skipped, not a failure.
        { ...priced, carrier: null, carrierService: null },
      ]),
    );
    expect(result).toEqual({
      ok: true,
      value: [
        {
          key: 'machship:5:9',
          carrier: { id: '5', name: 'Carrier 5' },
          service: { code: '9', name: 'PRI' },
          totalCents: 3330,
          taxCents: 303,
        },
      ],
    });
  });

  it('answers no prices when routes is null, as the document allows', () => {
    expect(parseQuote(answer(null))).toEqual({ ok: true, value: [] });
  });

  it('cuts long carrier and service names to 80 characters and collapses their spacing', () => {
    const long = `Extremely   Long Carrier Name ${'Freight '.repeat(20)}`;
    const result = parseQuote(
      answer([{ ...priced, carrier: { id: 1, displayName: long }, carrierService: { id: 2, name: long } }]),
    );
    const option = result.ok ? result.value[0] : undefined;
    expect(option?.carrier.name).toHaveLength(80);
    expect(option?.carrier.name.startsWith('Extremely Long Carrier Name Freight')).toBe(true);
    expect(option?.carrier.name.endsWith('…')).toBe(true);
    expect(option?.service.name).toBe(option?.carrier.name);
  });
});
