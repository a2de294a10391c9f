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
      min_delivery_date: '2026-11-25 00:00:00 +0000',
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
});
