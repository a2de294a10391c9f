/**
 * How each delivery option of a quote is known: asked (and answered), derived (company name, a package
 * over the tail-lift weight) or assumed; asked but unanswered falls back to the assumption, which is also
 * the Shopify path (its callback sends no answers). The log says where each came from.
 */
import { describe, expect, it } from 'vitest';
import { resolveDeliveryOptions } from '../../../core/quoting/resolve-delivery-options.js';
import { deliveryOptionsSettingsSchema } from '../../../core/wire/quoting-schema.js';

const defaults = deliveryOptionsSettingsSchema.parse({});
const light = [{ weightKg: 4 }, { weightKg: 12 }];
const heavy = [{ weightKg: 4 }, { weightKg: 31 }];

describe('resolving delivery options', () => {
  it('by default: business from the company name, a tail-lift over 30 kg, nothing else', () => {
    const home = resolveDeliveryOptions(defaults, {
      answers: undefined,
      packages: light,
      company: undefined,
    });
    expect(home.options).toEqual({
      isBusiness: false,
      tailLift: false,
      authorityToLeave: false,
      handUnload: false,
    });
    expect(home.logged.from).toEqual({
      isBusiness: 'derived',
      tailLift: 'derived',
      authorityToLeave: 'assumed',
      handUnload: 'assumed',
    });
    const business = resolveDeliveryOptions(defaults, {
      answers: undefined,
      packages: heavy,
      company: 'Acme Pty Ltd',
    });
    expect(business.options).toMatchObject({ isBusiness: true, tailLift: true });
    // A blank company field is not a company.
    expect(
      resolveDeliveryOptions(defaults, { answers: undefined, packages: light, company: '  ' }).options
        .isBusiness,
    ).toBe(false);
  });

  it('takes the tail-lift weight the merchant set, strictly over it', () => {
    const settings = deliveryOptionsSettingsSchema.parse({ tailLift: { how: 'over_weight', overKg: 12 } });
    expect(
      resolveDeliveryOptions(settings, { answers: undefined, packages: light, company: undefined }).options
        .tailLift,
    ).toBe(false);
    expect(
      resolveDeliveryOptions(settings, {
        answers: undefined,
        packages: [{ weightKg: 12.5 }],
        company: undefined,
      }).options.tailLift,
    ).toBe(true);
  });

  it("uses the buyer's answers for what the merchant asks, and only for that", () => {
    const settings = deliveryOptionsSettingsSchema.parse({
      isBusiness: { how: 'ask', assume: false },
      authorityToLeave: { how: 'ask', assume: false },
      handUnload: { how: 'assume', assume: false },
    });
    const answers = { isBusiness: true, authorityToLeave: true, handUnload: true, tailLift: true };
    const resolved = resolveDeliveryOptions(settings, { answers, packages: light, company: undefined });
    // handUnload and tailLift are not asked: the buyer's word does not override the merchant's setting.
    expect(resolved.options).toEqual({
      isBusiness: true,
      tailLift: false,
      authorityToLeave: true,
      handUnload: false,
    });
    expect(resolved.logged.from).toEqual({
      isBusiness: 'asked',
      tailLift: 'derived',
      authorityToLeave: 'asked',
      handUnload: 'assumed',
    });
  });

  it('falls back to the assumption when an asked option is not answered (the Shopify path)', () => {
    const settings = deliveryOptionsSettingsSchema.parse({
      isBusiness: { how: 'ask', assume: true },
      tailLift: { how: 'ask', assume: true },
      authorityToLeave: { how: 'ask', assume: true },
      handUnload: { how: 'ask', assume: true },
    });
    const resolved = resolveDeliveryOptions(settings, { answers: {}, packages: light, company: undefined });
    expect(resolved.options).toEqual({
      isBusiness: true,
      tailLift: true,
      authorityToLeave: true,
      handUnload: true,
    });
    expect(Object.values(resolved.logged.from)).toEqual(['assumed', 'assumed', 'assumed', 'assumed']);
  });

  it('carries the chosen depot as the platform reference, and logs it as sent', () => {
    const resolved = resolveDeliveryOptions(defaults, {
      answers: { depot: 'bigpost:501' },
      packages: light,
      company: undefined,
    });
    expect(resolved.options.depot).toEqual({ bigpost: '501' });
    expect(resolved.logged.depot).toBe('bigpost:501');
  });
});
