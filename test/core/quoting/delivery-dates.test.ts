/**
 * Delivery dates with the clock pinned: the location's cut-off in its own zone (daylight saving
 * included), its despatch days and closed ranges, its state's public holidays (date-holidays), then the
 * platform's transit in the destination's business days. Every date below is checked against the 2026
 * gazetted holidays the library carries.
 */
import { describe, expect, it } from 'vitest';
import { localClock, utcOffsetAtNoon } from '../../../core/locations/local-clock.js';
import { despatchDate } from '../../../core/quoting/delivery-dates/despatch-date.js';
import {
  addBusinessDays,
  deliveryWindow,
  latestWindow,
} from '../../../core/quoting/delivery-dates/delivery-window.js';
import { estimateDelivery } from '../../../core/quoting/delivery-dates/estimate-delivery.js';
import { isPublicHoliday, publicHolidays } from '../../../core/quoting/delivery-dates/public-holidays.js';
import { defaultDespatch } from '../../../core/wire/locations-schema.js';
import type { DespatchSettings } from '../../../core/wire/admin-api-types.js';

const settings = (patch: Partial<DespatchSettings> = {}): DespatchSettings => ({
  ...defaultDespatch(),
  ...patch,
});
const at = (iso: string) => Date.parse(iso);

describe('public holidays', () => {
  it("are the state's own, whole days only, and built once per state and year", () => {
    expect(isPublicHoliday('VIC', '2026-03-09')).toBe(true); // Labour Day (VIC)
    expect(isPublicHoliday('NSW', '2026-03-09')).toBe(false);
    expect(isPublicHoliday('NSW', '2026-10-05')).toBe(true); // Labour Day (NSW)
    expect(isPublicHoliday('WA', '2026-06-01')).toBe(true); // Western Australia Day
    expect(isPublicHoliday('NSW', '2026-12-28')).toBe(true); // Boxing Day, substitute
    // Christmas Eve is a public holiday in SA from 19:00 only: the warehouse works that day.
    expect(isPublicHoliday('SA', '2026-12-24')).toBe(false);
    expect(publicHolidays('VIC', 2026)).toBe(publicHolidays('VIC', 2026));
  });
});

describe('the local clock', () => {
  it('reads each state in its own zone, daylight saving where the state keeps it', () => {
    // 2026-10-04 (first Sunday in October): NSW goes to +11, QLD stays at +10.
    expect(localClock(at('2026-10-02T03:30:00Z'), 'NSW')).toEqual({
      date: '2026-10-02',
      minutes: 13 * 60 + 30,
    });
    expect(localClock(at('2026-10-09T03:30:00Z'), 'NSW')).toEqual({
      date: '2026-10-09',
      minutes: 14 * 60 + 30,
    });
    expect(localClock(at('2026-10-09T03:30:00Z'), 'QLD')).toEqual({
      date: '2026-10-09',
      minutes: 13 * 60 + 30,
    });
    expect(localClock(at('2026-12-01T14:00:00Z'), 'WA')).toEqual({ date: '2026-12-01', minutes: 22 * 60 });
    expect(utcOffsetAtNoon('2026-12-09', 'NSW')).toBe('+1100');
    expect(utcOffsetAtNoon('2026-07-09', 'NSW')).toBe('+1000');
    expect(utcOffsetAtNoon('2026-12-09', 'QLD')).toBe('+1000');
    expect(utcOffsetAtNoon('2026-12-09', 'SA')).toBe('+1030');
    expect(utcOffsetAtNoon('2026-12-09', 'WA')).toBe('+0800');
  });
});

describe('despatch date', () => {
  it('a Friday order after the cut-off, before a Monday public holiday, leaves on the Tuesday', () => {
    // Fri 6 Mar 2026, 15:00 in Melbourne (AEDT, +11); Mon 9 Mar is Labour Day in VIC.
    expect(despatchDate(at('2026-03-06T04:00:00Z'), 'VIC', settings())).toBe('2026-03-10');
    // The same Friday at 13:00 there: before the cut-off, it leaves that day.
    expect(despatchDate(at('2026-03-06T02:00:00Z'), 'VIC', settings())).toBe('2026-03-06');
    // In NSW the Monday is a working day.
    expect(despatchDate(at('2026-03-06T04:00:00Z'), 'NSW', settings())).toBe('2026-03-09');
  });

  it('reads the cut-off on the right side of a daylight-saving change', () => {
    // 03:30 UTC is 13:30 in Sydney before 4 Oct 2026 and 14:30 after; Brisbane keeps 13:30.
    expect(despatchDate(at('2026-10-02T03:30:00Z'), 'NSW', settings())).toBe('2026-10-02');
    // After the cut-off on Fri 9 Oct: the next despatch day is Mon 12 Oct.
    expect(despatchDate(at('2026-10-09T03:30:00Z'), 'NSW', settings())).toBe('2026-10-12');
    expect(despatchDate(at('2026-10-09T03:30:00Z'), 'QLD', settings())).toBe('2026-10-09');
  });

  it("reads the cut-off in the location's zone: Perth is three hours behind Sydney", () => {
    // Wed 2 Dec 2026 05:00 UTC: 16:00 in Sydney (after 14:00), 13:00 in Perth (before).
    expect(despatchDate(at('2026-12-02T05:00:00Z'), 'NSW', settings())).toBe('2026-12-03');
    expect(despatchDate(at('2026-12-02T05:00:00Z'), 'WA', settings())).toBe('2026-12-02');
    // A later cut-off in Sydney takes the same order the same day.
    expect(despatchDate(at('2026-12-02T05:00:00Z'), 'NSW', settings({ cutoff: '16:30' }))).toBe('2026-12-02');
  });

  it('skips a closed range, the holidays in it, and counts handling days on despatch days only', () => {
    const shutdown = settings({ closedDates: [{ from: '2026-12-24', to: '2027-01-04', note: 'Christmas' }] });
    // Wed 23 Dec 2026, 15:00 in Sydney: after the cut-off, into the shutdown; back on Tue 5 Jan 2027.
    expect(despatchDate(at('2026-12-23T04:00:00Z'), 'NSW', shutdown)).toBe('2027-01-05');
    // Mon/Wed/Fri despatch, two handling days: ordered Mon 7 Dec before the cut-off -> Mon, Wed, Fri.
    const mwf = settings({ weekdays: ['mon', 'wed', 'fri'], handlingDays: 2 });
    expect(despatchDate(at('2026-12-07T01:00:00Z'), 'NSW', mwf)).toBe('2026-12-11');
    // The store-wide extra handling days add to the location's own.
    expect(despatchDate(at('2026-12-07T01:00:00Z'), 'NSW', mwf, 1)).toBe('2026-12-14');
  });

  it('gives no date when the settings close the location for longer than it looks ahead', () => {
    const closed = settings({
      closedDates: [
        { from: '2026-12-01', to: '2027-11-30' },
        { from: '2027-12-01', to: '2028-06-30' },
      ],
    });
    expect(despatchDate(at('2026-12-02T01:00:00Z'), 'NSW', closed)).toBeUndefined();
  });
});

describe('delivery window', () => {
  it("counts the transit in the destination's business days, its holidays included", () => {
    // Fri 5 Jun 2026 despatch; Mon 8 Jun is King's Birthday in NSW but not in QLD or WA.
    expect(deliveryWindow('2026-06-05', { minDays: 1, maxDays: 2 }, 'NSW')).toEqual({
      minDate: '2026-06-09',
      maxDate: '2026-06-10',
    });
    expect(deliveryWindow('2026-06-05', { minDays: 1, maxDays: 2 }, 'QLD')).toEqual({
      minDate: '2026-06-08',
      maxDate: '2026-06-09',
    });
    expect(addBusinessDays('2026-06-05', 0, 'NSW')).toBe('2026-06-05');
  });

  it('takes the latest window of several locations, at each end', () => {
    expect(
      latestWindow([
        { minDate: '2026-12-08', maxDate: '2026-12-11' },
        { minDate: '2026-12-09', maxDate: '2026-12-10' },
      ]),
    ).toEqual({ minDate: '2026-12-09', maxDate: '2026-12-11' });
    expect(latestWindow([{ minDate: '2026-12-08', maxDate: '2026-12-11' }, undefined])).toBeUndefined();
  });

  it("counts a platform's ETA date from the day it answered, so a cached answer keeps its transit", () => {
    // Big Post answered on Fri 4 Dec 2026 (Sydney) with an ETA of Wed 9 Dec: 3 business days.
    const answered = at('2026-12-04T01:00:00Z');
    const option = { dates: { delivery: '2026-12-09' } };
    expect(estimateDelivery(option, '2026-12-07', answered, 'VIC')).toEqual({
      minDays: 3,
      maxDays: 3,
      minDate: '2026-12-10',
      maxDate: '2026-12-10',
    });
    // MachShip's business days are kept as it counted them.
    expect(estimateDelivery({ eta: { minDays: 2, maxDays: 4 } }, '2026-12-07', answered, 'NSW')).toEqual({
      minDays: 2,
      maxDays: 4,
      minDate: '2026-12-09',
      maxDate: '2026-12-11',
    });
    expect(estimateDelivery({}, '2026-12-07', answered, 'NSW')).toEqual({});
  });
});
