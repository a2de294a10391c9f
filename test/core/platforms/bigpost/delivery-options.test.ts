/**
 * BuyerIsBusiness, BuyerHasForklift and ReturnAuthorityToLeaveOptions come from the quote request's
 * delivery options (the store's defaults until checkouts ask), never a constant.
 */
import { describe, expect, it } from 'vitest';
import { quoteRequest } from '../../../../core/platforms/bigpost/mapper.js';
import type { BigPostQuoteBody } from '../../../../core/platforms/bigpost/mapper.js';
import type { DeliveryOptions } from '../../../../core/platforms/freight-platform.js';
import { DEFAULT_QUOTE_SETTINGS } from '../../../../core/quoting/quote-settings.js';
import { quoteRequest as request } from './quote-fixtures.js';

const flags = (delivery: DeliveryOptions) => {
  const body = quoteRequest({ ...request, delivery }, { pickup: 1, buyer: 2 }).body as BigPostQuoteBody;
  return [body.BuyerIsBusiness, body.BuyerHasForklift, body.ReturnAuthorityToLeaveOptions];
};

describe('Big Post delivery options', () => {
  it.each([
    [false, false, false],
    [true, false, false],
    [false, true, false],
    [false, false, true],
    [true, true, true],
  ])(
    'sends business %s, forklift %s, authority to leave %s as asked',
    (isBusiness, hasForklift, authorityToLeave) => {
      expect(flags({ isBusiness, hasForklift, authorityToLeave })).toEqual([
        isBusiness,
        hasForklift,
        authorityToLeave,
      ]);
    },
  );

  it('defaults a store to what most buyers are: home delivery, no forklift, no authority to leave', () => {
    expect(DEFAULT_QUOTE_SETTINGS.deliveryDefaults).toEqual({
      isBusiness: false,
      hasForklift: false,
      authorityToLeave: false,
    });
  });
});
