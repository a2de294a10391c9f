/** A dated rate reaches the plugin as the text both checkouts show, and as dates the order keeps. */
import { describe, expect, it } from 'vitest';
import type { Cents } from '../../core/index.js';
import { toWooRates } from '../../woocommerce-bridge/rates-response.js';

const base = { name: 'Road Express', totalCents: 1250 as Cents, currency: 'AUD' };

describe('delivery dates to the plugin', () => {
  it('says "Arrives …" for a window and for a single day, and keeps the dates as meta data', () => {
    const answer = toWooRates({
      source: 'live',
      rates: [
        { ...base, code: 'road', minDays: 1, maxDays: 3, minDate: '2026-12-08', maxDate: '2026-12-10' },
        { ...base, code: 'air', minDays: 1, maxDays: 1, minDate: '2026-12-31', maxDate: '2026-12-31' },
        { ...base, code: 'plain', minDays: 2, maxDays: 4 },
      ],
    });
    const [road, air, plain] = answer.rates;
    expect(road?.delivery_time).toBe('Arrives Tue 8 Dec – Thu 10 Dec');
    expect(road?.meta_data).toMatchObject({
      ratebridge_min_date: '2026-12-08',
      ratebridge_max_date: '2026-12-10',
    });
    expect(air?.delivery_time).toBe('Arrives Thu 31 Dec');
    // Business days only (a fallback rate): the estimate as before, no dates.
    expect(plain?.delivery_time).toBe('2-4 business days');
    expect(plain?.meta_data).not.toHaveProperty('ratebridge_min_date');
  });
});
