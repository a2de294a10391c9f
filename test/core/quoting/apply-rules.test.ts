import { describe, expect, it } from 'vitest';
import { applyRules } from '../../../core/quoting/apply-rules.js';
import type { CombinedOption } from '../../../core/quoting/combine-groups.js';
import { fallbackRates } from '../../../core/quoting/fallback-rates.js';
import {
  DEFAULT_QUOTE_SETTINGS,
  quoteSettingsSchema,
  type QuoteSettings,
} from '../../../core/quoting/quote-settings.js';
import { cents } from '../../../core/money.js';
import type { PostcodeRule } from '../../../core/wire/admin-api-types.js';

/** A platform price as MachShip states it: total with GST and the GST inside (not a tenth of anything). */
const option = (code: string, total: number, tax: number): CombinedOption => ({
  code,
  name: code,
  totalCents: cents(total),
  taxCents: cents(tax),
  parts: [],
});

const sydney = { country: 'AU', postcode: '2000' };
const darwin = { country: 'AU', postcode: '0800' };
const alice = { country: 'AU', postcode: '0870' };
const context = (destination = sydney) => ({ subtotalCents: 0, currency: 'AUD', destination });
const withRules = (rules: PostcodeRule[], extra: Partial<QuoteSettings> = {}): QuoteSettings => ({
  ...DEFAULT_QUOTE_SETTINGS,
  ...extra,
  postcodeRules: rules,
});
const priceOf = (settings: QuoteSettings, destination = sydney, options = [option('road', 2200, 200)]) =>
  applyRules(options, settings, context(destination)).rates.map((rate) => [
    rate.code,
    rate.totalCents,
    rate.gstCents,
  ]);

describe('GST through the rules', () => {
  it("keeps the platform's own GST split, inclusive by default", () => {
    // 1999 + 201: a platform whose GST is not total/11 (1999 / 11 = 181.7) must keep its 201.
    const [rate] = applyRules([option('road', 2200, 201)], DEFAULT_QUOTE_SETTINGS, context()).rates;
    expect(rate).toMatchObject({ totalCents: 2200, gstCents: 201, gstIncluded: true });
  });

  it('shows the price before GST when the store shows prices exclusive', () => {
    const settings = { ...DEFAULT_QUOTE_SETTINGS, gst: { display: 'exclusive' as const } };
    const [rate] = applyRules([option('road', 2200, 201)], settings, context()).rates;
    expect(rate).toMatchObject({ totalCents: 1999, gstCents: 201, gstIncluded: false });
    expect(applyRules([option('road', 2200, 201)], settings, context()).applied).toContain(
      'prices shown ex GST',
    );
  });

  it('scales both parts by a percent markup and adds a tenth of GST-inclusive amounts as GST', () => {
    const settings = { ...DEFAULT_QUOTE_SETTINGS, markupPercent: 10, handlingFeeCents: 1100 };
    // 2200 + 10 % = 2420 with 220 GST; + $11.00 inc GST (100 GST) = 3520 with 320 GST.
    expect(priceOf(settings)).toEqual([['road', 3520, 320]]);
  });

  it('adds no GST to a price the platform quoted GST-free', () => {
    const settings = {
      ...DEFAULT_QUOTE_SETTINGS,
      handlingFeeCents: 500,
      gst: { display: 'exclusive' as const },
    };
    expect(priceOf(settings, sydney, [option('intl', 4000, 0)])).toEqual([['intl', 4500, 0]]);
  });

  it('rounds the price as shown: ex GST when exclusive', () => {
    const settings = {
      ...DEFAULT_QUOTE_SETTINGS,
      rounding: 'to_95' as const,
      gst: { display: 'exclusive' as const },
    };
    const [rate] = applyRules([option('road', 2200, 200)], settings, context()).rates;
    // 2000 ex GST -> 2095; GST grows by a tenth of the 95c step.
    expect(rate).toMatchObject({ totalCents: 2095, gstCents: 210 });
  });

  it('states fallback rates GST-inclusive: exclusive stores see one eleventh less', () => {
    const inclusive = fallbackRates(DEFAULT_QUOTE_SETTINGS)[0];
    const exclusive = fallbackRates({ ...DEFAULT_QUOTE_SETTINGS, gst: { display: 'exclusive' } })[0];
    expect(inclusive).toMatchObject({ totalCents: 1500, gstCents: 136, gstIncluded: true });
    expect(exclusive).toMatchObject({ totalCents: 1364, gstCents: 136, gstIncluded: false });
  });
});

describe('postcode rules, one per action', () => {
  const nt = { kind: 'range', from: '0800', to: '0899' } as const;
  it('fixed price replaces the platform price (GST-inclusive)', () => {
    expect(priceOf(withRules([{ match: nt, action: { kind: 'fixed', priceCents: 990 } }]), darwin)).toEqual([
      ['road', 990, 90],
    ]);
  });
  it('free makes the rate cost nothing', () => {
    expect(priceOf(withRules([{ match: nt, action: { kind: 'free' } }]), darwin)).toEqual([['road', 0, 0]]);
  });
  it('surcharge adds cents, and a percent surcharge scales', () => {
    expect(
      priceOf(withRules([{ match: nt, action: { kind: 'surcharge', amountCents: 1100 } }]), darwin),
    ).toEqual([['road', 3300, 300]]);
    expect(
      priceOf(withRules([{ match: nt, action: { kind: 'surcharge_percent', percent: 50 } }]), darwin),
    ).toEqual([['road', 3300, 300]]);
  });
  it('hide removes the rate', () => {
    expect(priceOf(withRules([{ match: nt, action: { kind: 'hide' } }]), darwin)).toEqual([]);
  });
  it('leaves destinations outside the range alone, and any destination outside Australia', () => {
    const rules = withRules([{ match: nt, action: { kind: 'hide' } }]);
    expect(priceOf(rules, sydney)).toEqual([['road', 2200, 200]]);
    expect(priceOf(rules, { country: 'NZ', postcode: '0800' })).toEqual([['road', 2200, 200]]);
  });
  it('matches zones from the ABS remoteness data', () => {
    const rules = withRules([
      { match: { kind: 'zone', zone: 'remote' }, action: { kind: 'surcharge', amountCents: 2200 } },
      { match: { kind: 'zone', zone: 'metro' }, action: { kind: 'free' } },
    ]);
    expect(priceOf(rules, alice)).toEqual([['road', 4400, 400]]);
    expect(priceOf(rules, sydney)).toEqual([['road', 0, 0]]);
    expect(priceOf(rules, darwin)).toEqual([['road', 2200, 200]]); // Darwin is regional, not metro
  });
  it('applies to the one service a rule names', () => {
    const rules = withRules([{ match: nt, service: 'air', action: { kind: 'hide' } }]);
    const options = [option('road', 2200, 200), option('air', 5500, 500)];
    expect(priceOf(rules, darwin, options)).toEqual([['road', 2200, 200]]);
  });
});

describe('postcode rule precedence', () => {
  it('first match wins: a range listed before its zone overrides the zone', () => {
    const rules = withRules([
      { match: { kind: 'range', from: '0870', to: '0872' }, action: { kind: 'fixed', priceCents: 5000 } },
      { match: { kind: 'zone', zone: 'remote' }, action: { kind: 'hide' } },
    ]);
    expect(priceOf(rules, alice)).toEqual([['road', 5000, 455]]);
    expect(applyRules([option('road', 2200, 200)], rules, context(alice)).applied).toContain(
      'postcode rule 1 (0870-0872): fixed 5000c',
    );
  });
  it('comes after markup and free shipping, before rounding', () => {
    const rules = withRules(
      [{ match: { kind: 'zone', zone: 'remote' }, action: { kind: 'surcharge', amountCents: 1000 } }],
      {
        markupFlatCents: 100,
        freeShipping: { thresholdCents: 0, appliesTo: 'cheapest' },
        rounding: 'up_to_dollar',
      },
    );
    // Free shipping zeroes 2300; the remote surcharge still applies (1000), rounding keeps 1000.
    expect(priceOf(rules, alice)).toEqual([['road', 1000, 91]]);
  });
});

describe('the rule list as settings', () => {
  const parse = (rules: unknown) => quoteSettingsSchema.safeParse({ postcodeRules: rules });
  it('refuses a range that ends before it starts, naming the rule', () => {
    const result = parse([{ match: { kind: 'range', from: '0899', to: '0800' }, action: { kind: 'free' } }]);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['postcodeRules', 0, 'match', 'to']);
  });
  it('refuses a rule an earlier one covers, but keeps an overlap that still applies', () => {
    const wide = { match: { kind: 'range', from: '0800', to: '0899' }, action: { kind: 'free' } };
    const inside = { match: { kind: 'range', from: '0810', to: '0820' }, action: { kind: 'hide' } };
    expect(parse([wide, inside]).error?.issues[0]?.message).toMatch(/rule 1 already matches/);
    expect(parse([inside, wide]).success).toBe(true);
  });
  it('refuses postcodes that are not four digits, and more than 50 rules', () => {
    expect(
      parse([{ match: { kind: 'range', from: '800', to: '0899' }, action: { kind: 'free' } }]).success,
    ).toBe(false);
    const many = Array.from({ length: 51 }, (_, i) => ({
      match: { kind: 'range', from: String(1000 + i), to: String(1000 + i) },
      action: { kind: 'free' },
    }));
    expect(parse(many).success).toBe(false);
    expect(parse(many.slice(0, 50)).success).toBe(true);
  });
});

describe('depot collection rates beside the delivered rates', () => {
  const depots = (count: number) =>
    Array.from({ length: count }, (_, i) => option(`depot:bigpost:${100 + i}`, 900 + i * 10, 0));
  const delivered = [option('road', 2200, 200), option('express', 3300, 300), option('air', 5500, 500)];
  const settings = (extra: Partial<QuoteSettings>): QuoteSettings => ({
    ...DEFAULT_QUOTE_SETTINGS,
    ...extra,
    deliveryOptions: {
      ...DEFAULT_QUOTE_SETTINGS.deliveryOptions,
      depotCollection: { offer: true, maxDepots: 2 },
    },
  });
  const codes = (s: QuoteSettings, destination = sydney) =>
    applyRules([...depots(4), ...delivered], s, context(destination)).rates.map((r) => r.code);

  it('caps the delivered rates at maxRates and the depots at maxDepots, depots after', () => {
    // Cheaper depots must not push home delivery out of a two-rate list.
    expect(codes(settings({ maxRates: 2 }))).toEqual([
      'road',
      'express',
      'depot:bigpost:100',
      'depot:bigpost:101',
    ]);
    const applied = applyRules([...depots(4), ...delivered], settings({ maxRates: 2 }), context()).applied;
    expect(applied).toEqual(expect.arrayContaining(['at most 2 rates', 'at most 2 depots']));
  });

  it('keeps the depot the buyer chose beyond maxDepots, so the choice stays on the list', () => {
    const chosen = { ...context(), chosenDepot: 'bigpost:103' };
    const rates = applyRules([...depots(4), ...delivered], settings({ maxRates: 2 }), chosen).rates;
    expect(rates.map((r) => r.code)).toEqual([
      'road',
      'express',
      'depot:bigpost:100',
      'depot:bigpost:101',
      'depot:bigpost:103',
    ]);
  });

  it("gives 'cheapest' free shipping to the cheapest delivered rate, not a cheaper depot", () => {
    const s = settings({ freeShipping: { thresholdCents: 0, appliesTo: 'cheapest' } });
    const rates = applyRules([...depots(2), ...delivered], s, context()).rates;
    expect(rates.map((r) => [r.code, r.totalCents])).toEqual([
      ['road', 0],
      ['express', 3300],
      ['air', 5500],
      ['depot:bigpost:100', 900],
      ['depot:bigpost:101', 910],
    ]);
  });

  it('hides depot rates too where a postcode rule hides every rate', () => {
    const hide: PostcodeRule = {
      match: { kind: 'range', from: '0800', to: '0899' },
      action: { kind: 'hide' },
    };
    expect(codes({ ...settings({}), postcodeRules: [hide] }, darwin)).toEqual([]);
    expect(codes({ ...settings({}), postcodeRules: [hide] })).toHaveLength(5);
  });
});
