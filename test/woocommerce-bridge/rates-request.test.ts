/**
 * The plugin's cart -> QuoteRequest mapping and the exact unit conversion it relies on; the rates' shape
 * back to the plugin.
 */
import { describe, expect, it } from 'vitest';
import { isRateBridgeError, type Cents, type RateBridgeError } from '../../core/index.js';
import { mapProduct, mapVariation } from '../../woocommerce-bridge/product-mapping.js';
import { parsePluginRatesBody, toQuoteRequest } from '../../woocommerce-bridge/rates-request.js';
import { toWooRates, wooRateId } from '../../woocommerce-bridge/rates-response.js';
import { readStoreUnits, toDimensionsCm, toGrams, toWeightKg } from '../../woocommerce-bridge/store-units.js';
import { wooProductSchema } from '../../woocommerce-bridge/woocommerce-resources.js';

const body = (overrides: Record<string, unknown> = {}, items?: unknown[]) =>
  Buffer.from(
    JSON.stringify({
      currency: 'aud',
      units: { weight: 'kg', dimension: 'cm' },
      package: {
        destination: {
          country: 'au',
          state: 'NSW',
          postcode: ' 2000 ',
          city: 'Sydney',
          address_1: '1 George St',
          address_2: '',
        },
        contents: items ?? [
          {
            product_id: 101,
            variation_id: 0,
            sku: 'CHAIR',
            quantity: 2,
            line_total: '59.90',
            weight: '1.5',
            length: '60',
            width: '50',
            height: '90',
          },
        ],
      },
      ...overrides,
    }),
  );

function refusal(run: () => unknown): RateBridgeError {
  try {
    run();
  } catch (error) {
    if (isRateBridgeError(error)) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe("exact unit conversion, with WooCommerce's own factors (wc_get_weight)", () => {
  it.each([
    ['1', 'kg', 1000],
    ['0.0153', 'kg', 15.3],
    ['250', 'g', 250],
    ['2.5', 'lbs', 1133.98],
    ['0.387', 'lbs', 175.540104],
    ['1', 'oz', 28.3495],
    ['16', 'oz', 453.592],
    [0.1, 'kg', 100],
    ['1e-3', 'kg', 1],
  ] as const)('%s %s is %d g', (value, unit, grams) => {
    expect(toGrams(value, unit)).toBe(grams);
  });

  it('reads kilograms for profiles the same way', () => {
    expect(toWeightKg('2.5', 'lbs')).toBe(1.13398);
    expect(toWeightKg('1', 'lbs')).toBe(0.453592);
    expect(toWeightKg('300', 'g')).toBe(0.3);
  });

  it.each([
    ['mm', { length: '600', width: '505', height: '1' }, { length: 60, width: 50.5, height: 0.1 }],
    ['m', { length: '0.3', width: '1.2', height: '0.07' }, { length: 30, width: 120, height: 7 }],
    ['in', { length: '5.5', width: '12', height: '1' }, { length: 13.97, width: 30.48, height: 2.54 }],
    ['yd', { length: '1', width: '0.5', height: '2' }, { length: 91.44, width: 45.72, height: 182.88 }],
  ] as const)('converts %s dimensions exactly', (unit, dimensions, expected) => {
    expect(toDimensionsCm(dimensions, unit)).toEqual(expected);
  });

  it('needs all three dimensions, positive, to state a size', () => {
    expect(toDimensionsCm({ length: '10', width: '', height: '5' }, 'cm')).toBeUndefined();
    expect(toDimensionsCm({ length: '10', width: '0', height: '5' }, 'cm')).toBeUndefined();
    expect(toDimensionsCm({ length: '10', width: 'ten', height: '5' }, 'cm')).toBeUndefined();
  });

  it("refuses what is not a plain decimal, and reads WooCommerce's unit names", () => {
    expect(toGrams('1,5', 'kg')).toBeUndefined();
    expect(toGrams('-1', 'kg')).toBeUndefined();
    expect(toGrams('', 'kg')).toBeUndefined();
    expect(toGrams(null, 'kg')).toBeUndefined();
    expect(readStoreUnits('lbs', 'in')).toEqual({ weight: 'lbs', dimension: 'in' });
    expect(readStoreUnits('stone', 'cm')).toBeUndefined();
  });
});

describe('plugin rate request -> QuoteRequest', () => {
  it('maps destination, lines, grams, dimensions and unit price', () => {
    const request = toQuoteRequest(parsePluginRatesBody(body()), undefined);
    expect(request).toEqual({
      currency: 'AUD',
      destination: {
        country: 'AU',
        postcode: '2000',
        state: 'NSW',
        suburb: 'Sydney',
        addressLine1: '1 George St',
      },
      lines: [
        {
          variantId: '101',
          sku: 'CHAIR',
          quantity: 2,
          grams: 1500,
          priceCents: 2995,
          requiresShipping: true,
          dimensionsCm: { length: 60, width: 50, height: 90 },
        },
      ],
    });
  });

  it('takes numbers as strings, nulls and empty strings the way PHP sends them', () => {
    const request = toQuoteRequest(
      parsePluginRatesBody(
        body({ units: { weight: 'lbs', dimension: 'in' } }, [
          {
            product_id: '55',
            variation_id: '77',
            sku: null,
            quantity: '3',
            line_total: 30,
            weight: 2.5,
            length: '5.5',
            width: '12',
            height: '1',
          },
          {
            product_id: 56,
            variation_id: null,
            sku: '',
            quantity: 1,
            line_total: null,
            weight: '',
            length: null,
            width: '',
            height: '',
          },
          { product_id: 57, quantity: '0', line_total: '10.00', weight: '1' },
        ]),
      ),
      undefined,
    );
    expect(request.lines).toEqual([
      {
        variantId: '77',
        quantity: 3,
        grams: 1133.98,
        priceCents: 1000,
        requiresShipping: true,
        dimensionsCm: { length: 13.97, width: 30.48, height: 2.54 },
      },
      { variantId: '56', quantity: 1, priceCents: 0, requiresShipping: true },
    ]);
  });

  it("uses the store's units when the body states none", () => {
    const parsed = parsePluginRatesBody(body({ units: null }));
    expect(toQuoteRequest(parsed, { weight: 'g', dimension: 'mm' }).lines[0]).toMatchObject({
      grams: 1.5,
      dimensionsCm: { length: 6, width: 5, height: 9 },
    });
    expect(refusal(() => toQuoteRequest(parsed, undefined)).details.map((d) => d.path)).toEqual([
      'units.weight',
      'units.dimension',
    ]);
  });

  it('refuses bad bodies with RB_ERR_VALIDATION and a detail per field', () => {
    const cases: [Buffer, string][] = [
      [body({ currency: 'AUDS' }), 'currency'],
      [body({}, [{ product_id: 1, quantity: 'two' }]), 'package.contents.0.quantity'],
      [body({}, [{ product_id: 1, quantity: 1, weight: '1,5' }]), 'package.contents.0.weight'],
      [body({}, [{ product_id: 1, quantity: 1, line_total: 'free' }]), 'package.contents.0.line_total'],
      [
        body({}, [{ product_id: 1, quantity: 1, length: '10', width: '0', height: '5' }]),
        'package.contents.0.length',
      ],
      [body({}, []), 'package.contents'],
      [body({ units: { weight: 'stone', dimension: 'cm' } }), 'units.weight'],
    ];
    for (const [raw, path] of cases) {
      const error = refusal(() => toQuoteRequest(parsePluginRatesBody(raw), undefined));
      expect(error.code).toBe('RB_ERR_VALIDATION');
      expect(error.status).toBe(400);
      expect(error.details.map((detail) => detail.path)).toContain(path);
    }
    const noCountry = JSON.parse(body().toString()) as {
      package: { destination: { country: string | null } };
    };
    noCountry.package.destination.country = null;
    expect(
      refusal(() => toQuoteRequest(parsePluginRatesBody(Buffer.from(JSON.stringify(noCountry))), undefined))
        .details[0]?.path,
    ).toBe('package.destination.country');
    expect(refusal(() => parsePluginRatesBody(Buffer.from('{"currency":'))).code).toBe('RB_ERR_BAD_JSON');
  });
});

describe('rates back to the plugin', () => {
  it('gives cost as a decimal string, a stable id and the delivery estimate', () => {
    const answer = toWooRates({
      source: 'live',
      rates: [
        {
          code: 'sandbox:road',
          name: 'Road Express',
          totalCents: 1250 as Cents,
          currency: 'AUD',
          minDays: 2,
          maxDays: 4,
        },
        {
          code: 'sandbox:air',
          name: 'Air',
          totalCents: 3005 as Cents,
          currency: 'AUD',
          minDays: 1,
          maxDays: 1,
        },
        { code: 'fallback-standard', name: 'Standard', totalCents: 1500 as Cents, currency: 'AUD' },
      ],
    });
    expect(answer.rates).toEqual([
      {
        id: 'sandbox:road',
        label: 'Road Express',
        cost: '12.50',
        description: '',
        delivery_time: '2-4 business days',
        meta_data: {
          ratebridge_source: 'live',
          ratebridge_service: 'sandbox:road',
          ratebridge_min_days: 2,
          ratebridge_max_days: 4,
        },
      },
      expect.objectContaining({ cost: '30.05', delivery_time: '1 business day' }),
      expect.objectContaining({ id: 'fallback-standard', cost: '15.00', delivery_time: '' }),
    ]);
  });
});

describe('products and variations -> catalog entries', () => {
  const product = (fields: Record<string, unknown>) =>
    wooProductSchema.parse({ id: 1, name: 'Chair', ...fields });
  const units = { weight: 'kg', dimension: 'cm' } as const;

  it('records a simple product with a carton box when it has a weight and all three dimensions', () => {
    expect(
      mapProduct(
        product({
          id: 10,
          type: 'simple',
          sku: 'CH-1',
          weight: '12',
          dimensions: { length: '60', width: '50', height: '90' },
        }),
        units,
      ),
    ).toEqual({
      key: 'variant:10',
      id: 10,
      record: { variantId: '10', sku: 'CH-1', title: 'Chair', grams: 12000 },
      box: { lengthCm: 60, widthCm: 50, heightCm: 90, weightKg: 12 },
    });
    expect(
      mapProduct(
        product({ id: 11, weight: '12', dimensions: { length: '60', width: '', height: '90' } }),
        units,
      )?.box,
    ).toBeUndefined();
  });

  it('skips what never ships by itself: variable parents, grouped, external and virtual products', () => {
    for (const fields of [
      { type: 'variable' },
      { type: 'grouped' },
      { type: 'external' },
      { type: 'simple', virtual: true },
    ]) {
      expect(mapProduct(product(fields), units)).toBeUndefined();
    }
  });

  it("gives a variation its parent's weight, size and SKU where it has none", () => {
    const parent = product({
      id: 20,
      type: 'variable',
      sku: 'DESK',
      weight: '30',
      dimensions: { length: '120', width: '60', height: '10' },
    });
    const variation = product({
      id: 21,
      name: '',
      sku: '',
      weight: '',
      dimensions: { length: '', width: '', height: '' },
      attributes: [{ name: 'Colour', option: 'Oak' }],
    });
    expect(mapVariation(variation, parent, units)).toEqual({
      key: 'variant:21',
      id: 21,
      parentId: 20,
      record: { variantId: '21', sku: 'DESK', title: 'Chair – Oak', grams: 30000 },
      box: { lengthCm: 120, widthCm: 60, heightCm: 10, weightKg: 30 },
    });
  });
});

describe('rate ids', () => {
  it('keeps plain codes and makes any other code a stable id the plugin accepts', () => {
    expect(wooRateId('bigpost:12:HDS:3')).toBe('bigpost:12:HDS:3');
    const odd = wooRateId('machship:7:Road Express/2 men');
    expect(odd).toMatch(/^[A-Za-z0-9._:-]{1,100}$/);
    expect(wooRateId('machship:7:Road Express/2 men')).toBe(odd);
    expect(wooRateId('machship:7:Road Express/3 men')).not.toBe(odd);
    expect(wooRateId('x'.repeat(300))).toMatch(/^[A-Za-z0-9._:-]{100}$/);
  });
});
