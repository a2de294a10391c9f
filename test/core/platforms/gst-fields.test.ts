/**
 * The GST each adapter reads (docs/prices-and-gst.md): the platform's own figure, and when it leaves that
 * out, the difference of its own two prices (MachShip totalSellPrice - totalSellBeforeTax, Big Post
 * Total - Charge), never a division of the total by 11.
 */
import { describe, expect, it } from 'vitest';
import type { HttpResponse } from '../../../core/platforms/http-client.js';
import { parseQuote as parseBigPost } from '../../../core/platforms/bigpost/mapper.js';
import { parseQuote as parseMachShip } from '../../../core/platforms/machship/mapper.js';
import { parseQuote as parseSandbox } from '../../../core/platforms/sandbox/mapper.js';

const ok = (body: unknown): HttpResponse => ({ status: 200, headers: {}, body });
const taxOf = (result: ReturnType<typeof parseMachShip>) =>
  result.ok ? result.value.map((option) => [option.totalCents, option.taxCents]) : result;

const machship = (consignmentTotal: Record<string, number>) =>
  ok({
    object: {
      id: '00000000-0000-0000-0000-000000000000',
      routes: [{ consignmentTotal, carrier: { id: 1, name: 'C' }, carrierService: { id: 2, name: 'S' } }],
      results: null,
    },
    errors: null,
  });

const bigpost = (option: Record<string, number>) =>
  ok({
    Object: {
      DeliveryOptions: [
        {
          JobType: 'HDS',
          CarrierOptions: [
            { CarrierId: 3, CarrierName: 'C', ServiceCode: 'ROAD', ServiceName: 'Road', ...option },
          ],
        },
      ],
    },
    Errors: null,
  });

describe('GST from each platform', () => {
  it('MachShip: totalTaxSellPrice, else totalSellPrice - totalSellBeforeTax', () => {
    // 33.30 with 3.07 GST: not 33.30 / 11 (3.03); the platform's figure wins.
    expect(taxOf(parseMachShip(machship({ totalSellPrice: 33.3, totalTaxSellPrice: 3.07 })))).toEqual([
      [3330, 307],
    ]);
    expect(taxOf(parseMachShip(machship({ totalSellPrice: 33.3, totalSellBeforeTax: 30.25 })))).toEqual([
      [3330, 305],
    ]);
    expect(taxOf(parseMachShip(machship({ totalSellPrice: 33.3 })))).toEqual([[3330, 0]]);
  });

  it('Big Post: Tax, else Total - Charge', () => {
    expect(taxOf(parseBigPost(bigpost({ Total: 44, Tax: 4.01, Charge: 39.99 })))).toEqual([[4400, 401]]);
    expect(taxOf(parseBigPost(bigpost({ Total: 44, Charge: 40.1 })))).toEqual([[4400, 390]]);
    expect(taxOf(parseBigPost(bigpost({ Charge: 40, Tax: 4 })))).toEqual([[4400, 400]]);
  });

  it('sandbox: its gst beside priceExGst and total', () => {
    const option = {
      carrier: { code: 'sbx', name: 'Sandbox' },
      service: { code: 'road', name: 'Road' },
      currency: 'AUD',
      priceExGst: 20.01,
      gst: 2,
      total: 22.01,
      transitDays: { min: 1, max: 2 },
    };
    expect(taxOf(parseSandbox(ok({ environment: 'test', distanceKm: 12, options: [option] })))).toEqual([
      [2201, 200],
    ]);
  });
});
