import { describe, expect, it } from 'vitest';
import { localClock, utcOffsetAtNoon } from '../../../core/locations/local-clock.js';

describe('localClock', () => {
  it('gives the wall clock of each state, within a minute and across midnight and daylight saving', () => {
    // 2026-10-04 is when NSW moves to daylight time (02:00 local → 03:00; SA half an hour later); WA has none.
    const beforeChange = Date.parse('2026-10-03T15:59:30Z'); // 01:59:30 in Sydney
    expect(localClock(beforeChange, 'NSW')).toEqual({ date: '2026-10-04', minutes: 119 });
    expect(localClock(beforeChange + 20_000, 'NSW')).toEqual({ date: '2026-10-04', minutes: 119 });
    expect(localClock(beforeChange + 40_000, 'NSW')).toEqual({ date: '2026-10-04', minutes: 180 });
    expect(localClock(beforeChange, 'WA')).toEqual({ date: '2026-10-03', minutes: 23 * 60 + 59 });
    // Asked again for an earlier minute (a test clock, a retried quote): answered for that minute.
    expect(localClock(beforeChange, 'NSW')).toEqual({ date: '2026-10-04', minutes: 119 });
    expect(localClock(Date.parse('2026-10-03T16:00:00Z'), 'WA')).toEqual({ date: '2026-10-04', minutes: 0 });
    expect(localClock(Date.parse('2026-10-03T16:00:00Z'), 'SA')).toEqual({
      date: '2026-10-04',
      minutes: 90,
    });
    expect(utcOffsetAtNoon('2026-10-04', 'NSW')).toBe('+1100');
    expect(utcOffsetAtNoon('2026-10-03', 'NSW')).toBe('+1000');
  });
});
