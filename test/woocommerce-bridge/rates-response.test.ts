import { describe, expect, it } from 'vitest';
import { cents } from '../../core/money.js';
import type { Rate } from '../../core/wire/admin-api-types.js';
import { toWooRates } from '../../woocommerce-bridge/rates-response.js';

const rate = ({
  totalCents,
  gstCents,
  gstIncluded,
}: {
  totalCents: number;
  gstCents?: number;
  gstIncluded?: boolean;
}): Rate => ({
  code: 'sandbox:road',
  name: 'Road',
  currency: 'AUD',
  totalCents: cents(totalCents),
  ...(gstCents === undefined ? {} : { gstCents: cents(gstCents) }),
  ...(gstIncluded === undefined ? {} : { gstIncluded }),
});

describe('GST on the rates the plugin gets', () => {
  it('sends the price before GST and the GST beside the GST-inclusive cost', () => {
    const [woo] = toWooRates({
      source: 'live',
      rates: [rate({ totalCents: 2200, gstCents: 201, gstIncluded: true })],
    }).rates;
    expect(woo).toMatchObject({ cost: '22.00', cost_ex_gst: '19.99', gst: '2.01' });
  });

  it('for a store showing prices ex GST, cost and cost_ex_gst are the same price', () => {
    const [woo] = toWooRates({
      source: 'live',
      rates: [rate({ totalCents: 1999, gstCents: 201, gstIncluded: false })],
    }).rates;
    expect(woo).toMatchObject({ cost: '19.99', cost_ex_gst: '19.99', gst: '2.01' });
  });

  it('sends no GST fields for a rate whose GST is unknown, so the plugin charges cost as it is', () => {
    const [woo] = toWooRates({ source: 'live', rates: [rate({ totalCents: 2200 })] }).rates;
    expect(woo).not.toHaveProperty('cost_ex_gst');
    expect(woo).not.toHaveProperty('gst');
  });
});
