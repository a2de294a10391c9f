/**
 * BuyerIsBusiness, BuyerHasForklift and ReturnAuthorityToLeaveOptions come from the quote's resolved
 * delivery options, the way Big Post's own plugin fills them: a forklift only matters (and is only asked
 * about) for a carton over 30 kg, only a business has one (never a home), a tail-lift or hand unload means
 * there is no forklift, and authority to
 * leave is only quoted for items of 40 kg or less.
 */
import { describe, expect, it } from 'vitest';
import { quoteRequest } from '../../../../core/platforms/bigpost/mapper.js';
import type { BigPostQuoteBody } from '../../../../core/platforms/bigpost/mapper.js';
import type { DeliveryOptions } from '../../../../core/platforms/freight-platform.js';
import { quoteRequest as request } from './quote-fixtures.js';

const home: DeliveryOptions = {
  isBusiness: false,
  tailLift: false,
  authorityToLeave: false,
  handUnload: false,
};

const flags = (delivery: DeliveryOptions, weightKg: number) => {
  const packages = request.packages.map((line) => ({ ...line, weightKg }));
  const body = quoteRequest({ ...request, delivery, packages }, { pickup: 1, buyer: 2 })
    .body as BigPostQuoteBody;
  return [body.BuyerIsBusiness, body.BuyerHasForklift, body.ReturnAuthorityToLeaveOptions];
};

describe('Big Post delivery options', () => {
  it.each([
    ['a light home parcel', home, 5, [false, false, false]],
    ['a business', { ...home, isBusiness: true }, 5, [true, false, false]],
    ['authority to leave on a light parcel', { ...home, authorityToLeave: true }, 5, [false, false, true]],
    ['authority to leave on a 45 kg item', { ...home, authorityToLeave: true }, 45, [false, false, false]],
    ['a heavy item to a home: a home has no forklift', home, 35, [false, false, false]],
    [
      'a heavy item to a business with someone to unload it',
      { ...home, isBusiness: true },
      35,
      [true, true, false],
    ],
    [
      'a heavy item to a business needing a tail-lift',
      { ...home, isBusiness: true, tailLift: true },
      35,
      [true, false, false],
    ],
    ['a heavy item needing a tail-lift', { ...home, tailLift: true }, 35, [false, false, false]],
    ['a heavy item unloaded by hand', { ...home, handUnload: true }, 35, [false, false, false]],
    [
      'a light item, tail-lift or not',
      { ...home, tailLift: true, isBusiness: true },
      30,
      [true, false, false],
    ],
  ] as const)('%s', (_name, delivery, weightKg, expected) => {
    expect(flags(delivery, weightKg)).toEqual(expected);
  });
});
