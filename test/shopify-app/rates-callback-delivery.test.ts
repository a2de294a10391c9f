/**
 * Shopify's carrier-service callback cannot ask the buyer anything (#15): the cart it becomes carries no
 * delivery answers, only the destination's company_name (Shopify's example request in the
 * DeliveryCarrierService docs has it, null for a home), from which the merchant's rules may derive a
 * business address. Everything else comes from the merchant's assumptions.
 */
import { describe, expect, it } from 'vitest';
import { resolveDeliveryOptions } from '../../core/quoting/resolve-delivery-options.js';
import { DEFAULT_QUOTE_SETTINGS } from '../../core/quoting/quote-settings.js';
import { toQuoteRequest } from '../../shopify-app/rates-callback.js';

type Payload = Parameters<typeof toQuoteRequest>[0];
const payload = (company_name: string | undefined): Payload => ({
  rate: {
    destination: {
      country: 'AU',
      postal_code: '3000',
      province: 'VIC',
      city: 'Melbourne',
      address1: '1 Example St',
      address2: undefined,
      company_name,
    },
    items: [
      {
        sku: 'CHAIR',
        quantity: 1,
        grams: 40_000,
        price: 1999,
        requires_shipping: true,
        variant_id: 258644705304,
        product_id: 48447225880,
      },
    ],
    currency: 'AUD',
  },
});

describe('a Shopify rate request and the delivery options', () => {
  it('passes the company name on, and asks nothing', () => {
    const business = toQuoteRequest(payload("Jamie D's Emporium"));
    expect(business.destination.company).toBe("Jamie D's Emporium");
    expect(business.delivery).toBeUndefined();
    expect(toQuoteRequest(payload(undefined)).destination.company).toBeUndefined();
    expect(toQuoteRequest(payload('   ')).destination.company).toBeUndefined();
  });

  it('cuts a company name too long for the quote request rather than refuse the quote', () => {
    const long = `${'Very Long Holdings '.repeat(20)}Pty Ltd`;
    expect(long.length).toBeGreaterThan(256);
    const request = toQuoteRequest(payload(long));
    expect(request.destination.company).toBe(long.slice(0, 256));
    const resolved = resolveDeliveryOptions(DEFAULT_QUOTE_SETTINGS.deliveryOptions, {
      answers: request.delivery,
      packages: [{ weightKg: 1 }],
      company: request.destination.company,
    });
    expect(resolved.options.isBusiness).toBe(true);
  });

  it('is priced from the assumptions and the company name, even where the merchant chose to ask', () => {
    const settings = {
      ...DEFAULT_QUOTE_SETTINGS.deliveryOptions,
      authorityToLeave: { how: 'ask', assume: true },
      handUnload: { how: 'ask', assume: false },
    } as const;
    const resolve = (company: string | undefined) => {
      const request = toQuoteRequest(payload(company));
      return resolveDeliveryOptions(settings, {
        answers: request.delivery,
        packages: [{ weightKg: 40 }],
        company: request.destination.company,
      });
    };
    expect(resolve("Jamie D's Emporium").options).toEqual({
      isBusiness: true,
      tailLift: true,
      authorityToLeave: true,
      handUnload: false,
    });
    expect(resolve(undefined).logged).toMatchObject({
      isBusiness: false,
      from: {
        isBusiness: 'derived',
        tailLift: 'derived',
        authorityToLeave: 'assumed',
        handUnload: 'assumed',
      },
    });
  });
});
