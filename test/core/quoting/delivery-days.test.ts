/** A platform's delivery date becomes the business days from today a rate carries. */
import { describe, expect, it } from 'vitest';
import { businessDaysUntil, deliveryDays, platformToday } from '../../../core/quoting/delivery-days.js';

describe('delivery days', () => {
  it('counts Monday to Friday after today, up to and including the date', () => {
    // 2025-11-21 is a Friday.
    expect(businessDaysUntil('2025-11-21', '2025-11-21')).toBe(0);
    expect(businessDaysUntil('2025-11-21', '2025-11-22')).toBe(0);
    expect(businessDaysUntil('2025-11-21', '2025-11-24')).toBe(1);
    expect(businessDaysUntil('2025-11-21', '2025-11-28')).toBe(5);
    expect(businessDaysUntil('2025-11-24', '2025-11-27')).toBe(3);
  });

  it("takes today's date in Australian east-coast time", () => {
    expect(platformToday(Date.parse('2025-11-23T14:00:00Z'))).toBe('2025-11-24');
    expect(platformToday(Date.parse('2025-11-23T12:00:00Z'))).toBe('2025-11-23');
  });

  it('keeps business days the platform counted, and counts them from a date otherwise', () => {
    const eta = { minDays: 2, maxDays: 3 };
    expect(deliveryDays({ eta, dates: { delivery: '2025-12-31' } }, '2025-11-24')).toEqual(eta);
    expect(deliveryDays({ dates: { delivery: '2025-11-27' } }, '2025-11-24')).toEqual({
      minDays: 3,
      maxDays: 3,
    });
    expect(deliveryDays({}, '2025-11-24')).toBeUndefined();
  });

  it('does not believe a date already past or months away', () => {
    expect(deliveryDays({ dates: { delivery: '2025-11-20' } }, '2025-11-24')).toBeUndefined();
    expect(deliveryDays({ dates: { delivery: '2026-06-01' } }, '2025-11-24')).toBeUndefined();
    expect(deliveryDays({ dates: { delivery: '9999-12-31' } }, '2025-11-24')).toBeUndefined();
  });

  it('does not believe, nor count, an estimate of business days out of bounds', () => {
    const started = performance.now();
    expect(deliveryDays({ eta: { minDays: 100_000, maxDays: 100_000 } }, '2025-11-24')).toBeUndefined();
    expect(deliveryDays({ eta: { minDays: 2, maxDays: 61 } }, '2025-11-24')).toBeUndefined();
    expect(deliveryDays({ eta: { minDays: -1, maxDays: 3 } }, '2025-11-24')).toBeUndefined();
    expect(deliveryDays({ eta: { minDays: 60, maxDays: 60 } }, '2025-11-24')).toEqual({
      minDays: 60,
      maxDays: 60,
    });
    expect(performance.now() - started).toBeLessThan(50);
  });
});
