/**
 * Each rate of a callback answer carries what Shopify's carrier-service reference lists as required
 * (DeliveryCarrierService, "Response fields"): a non-empty description, a stable service_code, the price in
 * subunits and the currency that price is in.
 */
import { describe, expect, it } from 'vitest';
import { cents } from '../../core/money.js';
import { NO_ETA_DESCRIPTION, toShopifyRate } from '../../shopify-app/rates-callback.js';

const monday = new Date('2026-11-23T03:00:00Z');
const rate = { code: 'mach-123', name: 'Road express', totalCents: cents(2345), currency: 'AUD' };

describe('a rate in Shopify’s answer format', () => {
  it('always has a description: its own, else the delivery estimate, else a plain line', () => {
    expect(toShopifyRate({ ...rate, description: 'Tail-lift truck' }, monday).description).toBe(
      'Tail-lift truck',
    );
    expect(toShopifyRate({ ...rate, minDays: 2, maxDays: 2 }, monday)).toMatchObject({
      description: 'Delivery in 2 business days',
      // Counted from Monday in Australia, written as Shopify's reference writes a date (midday, AEDT).
      min_delivery_date: '2026-11-25 12:00:00 +1100',
    });
    expect(toShopifyRate({ ...rate, minDays: 1, maxDays: 3 }, monday).description).toBe(
      'Delivery in 1–3 business days',
    );
    expect(toShopifyRate({ ...rate, description: '  ' }, monday).description).toBe(NO_ETA_DESCRIPTION);
    expect(toShopifyRate(rate, monday)).toEqual({
      service_name: 'Road express',
      service_code: 'mach-123',
      total_price: '2345',
      currency: 'AUD',
      description: NO_ETA_DESCRIPTION,
    });
  });

  it("writes the engine's dates in the documented format, at midday in the destination's zone", () => {
    const dated = { ...rate, minDays: 1, maxDays: 2, minDate: '2026-12-08', maxDate: '2026-12-10' };
    expect(toShopifyRate(dated, monday, 'WA')).toMatchObject({
      description: 'Arrives Tue 8 Dec – Thu 10 Dec',
      min_delivery_date: '2026-12-08 12:00:00 +0800',
      max_delivery_date: '2026-12-10 12:00:00 +0800',
    });
    // Queensland keeps standard time all year; Victoria is on daylight time in December, not in July.
    expect(toShopifyRate(dated, monday, 'qld').min_delivery_date).toBe('2026-12-08 12:00:00 +1000');
    const winter = { ...dated, minDate: '2027-07-06', maxDate: '2027-07-06' };
    expect(toShopifyRate(winter, monday, 'VIC')).toMatchObject({
      description: 'Arrives Tue 6 Jul',
      max_delivery_date: '2027-07-06 12:00:00 +1000',
    });
    for (const value of Object.values(toShopifyRate(dated, monday, 'SA')).filter((v) => v.includes(':')))
      expect(value).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} [+-]\d{4}$/);
  });
});
