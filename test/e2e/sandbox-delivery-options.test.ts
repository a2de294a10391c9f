/**
 * The sandbox prices every delivery option (#15), so the demo shows the difference: through the admin API
 * over real sockets, the merchant's rules (PUT /rules) decide how each option is known, the test quote is
 * priced with them, and the rate log says what was asked and where each came from. Bad delivery settings
 * are refused with the catalogue's coded error; rules from an admin page of before #15 (deliveryDefaults)
 * are still read.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QuoteSettings, TestQuoteResult } from '../../core/wire/admin-api-types.js';
import { startAppHarness, type AppHarness, type TenantClient } from '../support/app-harness.js';

describe('the sandbox prices the delivery options', () => {
  let app: AppHarness;
  let merchant: TenantClient;
  let rules: QuoteSettings;

  const cart = (kg: number, extra: Record<string, unknown> = {}) => ({
    destination: { country: 'AU', postcode: '3000', suburb: 'Melbourne', state: 'VIC' },
    lines: [{ sku: `BOX-${kg}`, quantity: 1, grams: kg * 1000, priceCents: 5000 }],
    ...extra,
  });
  const testQuote = async (body: unknown): Promise<TestQuoteResult> => {
    const response = await merchant.api('POST', '/quotes/test', body);
    expect(response.status).toBe(200);
    return response.body as TestQuoteResult;
  };
  const express = (quote: TestQuoteResult) =>
    quote.rates.find((rate) => rate.name.includes('Road Express'))?.totalCents ?? Number.NaN;
  const withOptions = (deliveryOptions: Partial<QuoteSettings['deliveryOptions']>): QuoteSettings => ({
    ...rules,
    deliveryOptions: { ...rules.deliveryOptions, ...deliveryOptions },
  });

  beforeAll(async () => {
    app = await startAppHarness({ store: 'embedded' });
    merchant = await app.signIn(`delivery-${randomBytes(3).toString('hex')}`);
    const token = await app.createSandboxToken(`delivery-${randomBytes(2).toString('hex')}`);
    await merchant.api('POST', '/connections', {
      platform: 'sandbox',
      environment: 'test',
      label: 'Sandbox',
      token,
    });
    await merchant.api('POST', '/locations', {
      name: 'Sydney DC',
      suburb: 'Sydney',
      postcode: '2000',
      state: 'NSW',
    });
    await merchant.api('PUT', '/packaging-settings/default-box', {
      type: 'carton',
      lengthCm: 40,
      widthCm: 30,
      heightCm: 20,
      tareWeightKg: 0,
    });
    rules = ((await merchant.api('GET', '/rules')).body as { rules: QuoteSettings }).rules;
  });
  afterAll(() => app?.close());

  it('prices a tail-lift for a heavy package and not for a light one, as the saved rules say', async () => {
    const saved = await merchant.api(
      'PUT',
      '/rules',
      withOptions({ tailLift: { how: 'over_weight', assume: false, overKg: 20 } }),
    );
    expect(saved.status).toBe(200);
    const light = await testQuote(cart(19));
    const heavy = await testQuote(cart(21));
    expect(light.diagnostics.delivery).toMatchObject({ tailLift: false, from: { tailLift: 'derived' } });
    expect(heavy.diagnostics.delivery).toMatchObject({ tailLift: true, from: { tailLift: 'derived' } });
    // $45 ex GST for the tail-lift, beyond what 2 kg more weighs.
    expect(express(heavy) - express(light)).toBeGreaterThan(4950);
  });

  it('shows each option at its own price: home vs business, authority to leave, hand unload', async () => {
    const asked = withOptions({
      isBusiness: { how: 'ask', assume: false },
      authorityToLeave: { how: 'ask', assume: false },
      handUnload: { how: 'ask', assume: false },
      tailLift: { how: 'assume', assume: false, overKg: 30 },
    });
    const price = async (delivery: Record<string, boolean>) =>
      express(await testQuote({ ...cart(8, { delivery }), settings: asked }));
    const home = await price({ isBusiness: false });
    expect(home - (await price({ isBusiness: true }))).toBe(385); // residential $3.50 + GST
    expect((await price({ isBusiness: false, authorityToLeave: true })) - home).toBe(165);
    expect((await price({ isBusiness: false, handUnload: true })) - home).toBe(2750);
  });

  it('uses the assumption where an asked option is not answered, and says so', async () => {
    const quote = await testQuote({
      ...cart(8),
      settings: withOptions({ handUnload: { how: 'ask', assume: true } }),
    });
    expect(quote.diagnostics.delivery).toMatchObject({ handUnload: true, from: { handUnload: 'assumed' } });
  });

  it('refuses bad delivery settings with RB_ERR_VALIDATION naming the field', async () => {
    const response = await merchant.api(
      'PUT',
      '/rules',
      withOptions({ tailLift: { how: 'over_weight', assume: false, overKg: 0 } }),
    );
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: { code: 'RB_ERR_VALIDATION' } });
    expect(JSON.stringify(response.body)).toContain('deliveryOptions.tailLift.overKg');
    const depots = await merchant.api(
      'PUT',
      '/rules',
      withOptions({ depotCollection: { offer: true, maxDepots: 9 } }),
    );
    expect(depots.status).toBe(400);
  });

  it('still reads rules sent by an admin page from before #15 (deliveryDefaults)', async () => {
    const { deliveryOptions: _, ...old } = rules;
    const response = await merchant.api('PUT', '/rules', {
      ...old,
      deliveryDefaults: { isBusiness: true, hasForklift: false, authorityToLeave: false },
    });
    expect(response.status).toBe(200);
    const saved = (response.body as { rules: QuoteSettings }).rules;
    expect(saved.deliveryOptions.isBusiness).toEqual({ how: 'assume', assume: true });
    expect('deliveryDefaults' in saved).toBe(false);
  });
});
