import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { combineGroups, type GroupOption, type GroupResult } from '../../../core/quoting/combine-groups.js';
import { applyRules } from '../../../core/quoting/apply-rules.js';
import { DEFAULT_QUOTE_SETTINGS, type QuoteSettings } from '../../../core/quoting/quote-settings.js';
import { cents } from '../../../core/money.js';

const SERVICES = ['machship:1:road', 'machship:1:express', 'machship:2:air', 'bigpost:9:HDS'];

const optionArb = fc.record({
  key: fc.constantFrom(...SERVICES),
  totalCents: fc.integer({ min: 1, max: 500_000 }),
  minDays: fc.integer({ min: 1, max: 5 }),
  extraDays: fc.integer({ min: 0, max: 5 }),
});
const groupsArb = fc.array(fc.array(optionArb, { minLength: 0, maxLength: 6 }), {
  minLength: 1,
  maxLength: 6,
});
const strategyArb = fc.constantFrom<QuoteSettings['strategy']>('common_services', 'cheapest', 'fastest');

function toGroups(
  raw: { key: string; totalCents: number; minDays: number; extraDays: number }[][],
): GroupResult[] {
  return raw.map((options, index) => ({
    groupId: `loc_${index}`,
    options: options.map((o): GroupOption => ({
      key: o.key,
      carrierId: o.key.split(':')[1] ?? '',
      carrierName: `Carrier ${o.key.split(':')[1]}`,
      serviceName: o.key.split(':')[2] ?? '',
      totalCents: cents(o.totalCents),
      minDays: o.minDays,
      maxDays: o.minDays + o.extraDays,
      connectionId: 'con_x',
    })),
  }));
}

describe('combining groups (properties)', () => {
  it('every combined option covers every group exactly once, and sums its parts to the cent', () => {
    fc.assert(
      fc.property(groupsArb, strategyArb, (raw, strategy) => {
        const groups = toGroups(raw);
        const result = combineGroups(groups, { ...DEFAULT_QUOTE_SETTINGS, strategy });
        if (!result.ok) return;
        for (const option of result.options) {
          expect(option.parts.map((p) => p.groupId)).toEqual(groups.map((g) => g.groupId));
          expect(option.totalCents).toBe(option.parts.reduce((sum, p) => sum + p.totalCents, 0));
          expect(Number.isInteger(option.totalCents)).toBe(true);
        }
      }),
    );
  });

  it('falls back (no combination) whenever a group has no option', () => {
    fc.assert(
      fc.property(groupsArb, strategyArb, (raw, strategy) => {
        const groups = toGroups(raw);
        const result = combineGroups(groups, { ...DEFAULT_QUOTE_SETTINGS, strategy });
        const uncovered = groups.some((g) => g.options.length === 0);
        expect(result.ok).toBe(!uncovered);
      }),
    );
  });

  it('no rate is below the sum of its groups cheapest prices before rules', () => {
    fc.assert(
      fc.property(groupsArb, strategyArb, (raw, strategy) => {
        const groups = toGroups(raw);
        const result = combineGroups(groups, { ...DEFAULT_QUOTE_SETTINGS, strategy });
        if (!result.ok) return;
        const floor = groups.reduce((sum, g) => sum + Math.min(...g.options.map((o) => o.totalCents)), 0);
        for (const option of result.options) expect(option.totalCents).toBeGreaterThanOrEqual(floor);
        // And each part is a real option of its group.
        for (const option of result.options) {
          for (const part of option.parts) {
            const group = groups.find((g) => g.groupId === part.groupId)!;
            expect(group.options.some((o) => o.key === part.key && o.totalCents === part.totalCents)).toBe(
              true,
            );
          }
        }
      }),
    );
  });

  it('common services appear only when every group offers them; cheapest picks each group minimum', () => {
    const groups = toGroups([
      [
        { key: 'machship:1:road', totalCents: 1000, minDays: 2, extraDays: 1 },
        { key: 'machship:2:air', totalCents: 3000, minDays: 1, extraDays: 0 },
      ],
      [
        { key: 'machship:1:road', totalCents: 1550, minDays: 3, extraDays: 2 },
        { key: 'bigpost:9:HDS', totalCents: 900, minDays: 4, extraDays: 0 },
      ],
    ]);
    const common = combineGroups(groups, DEFAULT_QUOTE_SETTINGS);
    expect(common).toMatchObject({
      ok: true,
      options: [{ code: 'machship:1:road', totalCents: 2550, minDays: 3, maxDays: 5 }],
    });
    const cheapest = combineGroups(groups, { ...DEFAULT_QUOTE_SETTINGS, strategy: 'cheapest' });
    expect(cheapest).toMatchObject({ ok: true, options: [{ code: 'cheapest', totalCents: 1900 }] });
    const fastest = combineGroups(groups, { ...DEFAULT_QUOTE_SETTINGS, strategy: 'fastest' });
    expect(fastest).toMatchObject({
      ok: true,
      options: [{ code: 'fastest', totalCents: 3900, minDays: 4, maxDays: 4 }],
    });
  });
});

describe('rules', () => {
  const option = (code: string, total: number) => ({
    code,
    name: code,
    totalCents: cents(total),
    minDays: 2,
    maxDays: 4,
    parts: [],
  });
  const ctx = { subtotalCents: 5000, currency: 'AUD' };

  it('marks up by percent (half up) and flat, adds handling, in integer cents', () => {
    const { rates, applied } = applyRules(
      [option('a', 1005)],
      { ...DEFAULT_QUOTE_SETTINGS, markupPercent: 12.5, markupFlatCents: 100, handlingFeeCents: 250 },
      ctx,
    );
    // 1005 + round(125.625) = 1131, + 100 + 250
    expect(rates[0]?.totalCents).toBe(1481);
    expect(applied).toEqual(['markup 12.5%', 'markup +100c', 'handling fee 250c']);
  });

  it('makes the cheapest (or a chosen service) free above the threshold only', () => {
    const settings = {
      ...DEFAULT_QUOTE_SETTINGS,
      freeShipping: { thresholdCents: 5000, appliesTo: 'cheapest' },
    };
    expect(
      applyRules([option('a', 900), option('b', 700)], settings, ctx).rates.map((r) => r.totalCents),
    ).toEqual([0, 900]);
    expect(
      applyRules([option('a', 900)], settings, { ...ctx, subtotalCents: 4999 }).rates[0]?.totalCents,
    ).toBe(900);
    const chosen = { ...DEFAULT_QUOTE_SETTINGS, freeShipping: { thresholdCents: 0, appliesTo: 'a' } };
    expect(
      applyRules([option('a', 900), option('b', 700)], chosen, ctx).rates.map((r) => [r.code, r.totalCents]),
    ).toEqual([
      ['a', 0],
      ['b', 700],
    ]);
  });

  it('rounds up to whole dollars, .95 and .99, leaving free at zero', () => {
    const price = (rounding: QuoteSettings['rounding'], total: number) =>
      applyRules([option('a', total)], { ...DEFAULT_QUOTE_SETTINGS, rounding }, ctx).rates[0]?.totalCents;
    expect([price('up_to_dollar', 1001), price('up_to_dollar', 1000)]).toEqual([1100, 1000]);
    expect([price('to_95', 1001), price('to_95', 1096), price('to_95', 1095)]).toEqual([1095, 1195, 1095]);
    expect([price('to_99', 1099), price('to_99', 1000)]).toEqual([1099, 1099]);
    expect(price('to_99', 0)).toBe(0);
  });

  it('renames, sorts by price, keeps at most N, pads ETAs', () => {
    const settings = {
      ...DEFAULT_QUOTE_SETTINGS,
      rename: { b: 'Budget' },
      maxRates: 2,
      extraHandlingDays: 2,
    };
    const { rates } = applyRules([option('a', 900), option('b', 500), option('c', 700)], settings, ctx);
    expect(rates.map((r) => [r.name, r.totalCents, r.minDays, r.maxDays])).toEqual([
      ['Budget', 500, 4, 6],
      ['c', 700, 4, 6],
    ]);
  });

  it('never loses or invents cents across any markup', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: -9000, max: 100_000 }),
        (total, bp) => {
          const settings = { ...DEFAULT_QUOTE_SETTINGS, markupPercent: bp / 100 };
          const result = applyRules([option('a', total)], settings, ctx).rates[0]!.totalCents;
          expect(Number.isSafeInteger(result)).toBe(true);
          expect(Math.abs(result - Math.max(0, total + (total * bp) / 10_000))).toBeLessThanOrEqual(0.5);
        },
      ),
    );
  });
});
