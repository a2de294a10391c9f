/**
 * A WooCommerce shopper's delivery answers change the price they are quoted (#15), end to end over real
 * sockets: the plugin's signed rates request carries `delivery` (is_business, tail_lift, …), the bridge
 * forwards only the answers to questions the merchant asks (checkout-questions.ts `onlyAsked`), core
 * resolves them with the merchant's `deliveryOptions` (resolve-delivery-options.ts) and the sandbox prices
 * them (core/platforms/sandbox/pricing.ts). Prices move by exactly the sandbox's surcharges; an answer the
 * merchant did not ask for moves nothing; a blank answer takes the merchant's pre-filled one; different
 * answers never share a cache entry; and the rate log says what each option was and where it came from.
 *
 * An unasked answer is dropped twice, by the bridge (`onlyAsked`) and again by core (it reads an answer only
 * for an asked option): this file shows the outcome, so it fails only when both let one through. Each layer
 * alone is pinned by its unit tests (test/woocommerce-bridge/checkout-questions.test.ts,
 * test/core/quoting/resolve-delivery-options.test.ts).
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_QUOTE_SETTINGS } from '../../core/index.js';
import {
  GST_RATE,
  RESIDENTIAL_SURCHARGE,
  TAIL_LIFT_SURCHARGE,
} from '../../core/platforms/sandbox/pricing.js';
import type { QuoteSettings, RateLogEntry, RateLogPage } from '../../core/wire/admin-api-types.js';
import type { WooRate } from '../../woocommerce-bridge/rates-response.js';
import { pluginHeaders } from '../woocommerce-bridge/plugin-signing.js';
import { startSandboxStore } from '../woocommerce-bridge/sandbox-store.js';
import type { AdminClient, WooTestApp } from '../woocommerce-bridge/woocommerce-test-app.js';

type Answers = Partial<Record<'is_business' | 'tail_lift' | 'authority_to_leave' | 'hand_unload', string>>;
type DeliveryOptions = QuoteSettings['deliveryOptions'];

/** A surcharge of the sandbox (dollars ex GST) as it moves a GST-inclusive price, in cents. */
const withGst = (dollars: number) => {
  const exGst = Math.round(dollars * 100);
  return exGst + Math.round(exGst * GST_RATE);
};
const cents = (decimal: string | undefined) => Math.round(Number(decimal) * 100);

/** The merchant asks isBusiness (pre-filled "no") and tailLift (pre-filled "yes"); the rest is assumed. */
const ASKING: Partial<DeliveryOptions> = {
  isBusiness: { how: 'ask', assume: false },
  tailLift: { how: 'ask', assume: true, overKg: 30 },
  authorityToLeave: { how: 'assume', assume: true },
  handUnload: { how: 'assume', assume: false },
};

describe("a WooCommerce shopper's delivery answers change the price", () => {
  let app: WooTestApp;
  let merchant: AdminClient;
  let keyId: string;
  let secret: string;
  let rules: QuoteSettings;

  /** A plugin cart of one 8 kg carton to Melbourne (from Sydney), as calculate_shipping sends it. */
  const cart = (delivery: Answers | undefined, options: { company?: string; kg?: number } = {}) => ({
    currency: 'AUD',
    units: { weight: 'kg', dimension: 'cm' },
    package: {
      destination: {
        country: 'AU',
        state: 'VIC',
        postcode: '3000',
        city: 'Melbourne',
        address_1: '1 Collins St',
        ...(options.company === undefined ? {} : { company: options.company }),
      },
      contents: [
        {
          product_id: 11,
          sku: 'CRATE',
          quantity: '1',
          line_total: '120.00',
          weight: String(options.kg ?? 8),
          length: '40',
          width: '30',
          height: '20',
        },
      ],
    },
    ...(delivery === undefined ? {} : { delivery }),
  });

  /** The Road Express rate the plugin is given for the cart: cost (GST-inclusive) and ex GST, in cents. */
  const quote = async (body: object) => {
    // As the plugin does, a random request_id keeps two identical carts in one second from looking replayed.
    const text = JSON.stringify({ ...body, request_id: randomBytes(8).toString('hex') });
    const response = await app.fetch('/woocommerce/rates', {
      method: 'POST',
      headers: pluginHeaders(keyId, secret, text),
      body: text,
    });
    expect(response.status).toBe(200);
    const { rates } = (await response.json()) as { rates: WooRate[] };
    const express = rates.find((rate) => rate.label.includes('Road Express'));
    expect(express?.meta_data.ratebridge_source).toBe('live');
    return { cost: cents(express?.cost), exGst: cents(express?.cost_ex_gst) };
  };
  const price = async (body: object) => (await quote(body)).cost;

  const saveOptions = async (deliveryOptions: Partial<DeliveryOptions>) => {
    const saved = await merchant.api('PUT', '/rules', {
      ...rules,
      deliveryOptions: { ...rules.deliveryOptions, ...deliveryOptions },
    });
    expect(saved.status).toBe(200);
  };
  /** The newest `count` rate-log entries, oldest first. */
  const lastLogged = async (count: number): Promise<RateLogEntry[]> => {
    const page = (await merchant.api('GET', `/rate-log?limit=${count}`)).body as RateLogPage;
    return page.entries.slice(0, count).reverse();
  };

  beforeAll(async () => {
    ({ app, merchant, keyId, secret } = await startSandboxStore('delivery'));
    rules = ((await merchant.api('GET', '/rules')).body as { rules: QuoteSettings }).rules;
    await saveOptions(ASKING);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('prices a business address lower by the residential surcharge and a tail-lift higher by its own', async () => {
    expect(RESIDENTIAL_SURCHARGE).toBeGreaterThan(0);
    expect(TAIL_LIFT_SURCHARGE).toBeGreaterThan(0);
    const home = await quote(cart({ is_business: 'no', tail_lift: 'no' }));
    const business = await quote(cart({ is_business: 'yes', tail_lift: 'no' }));
    const tailLift = await quote(cart({ is_business: 'no', tail_lift: 'yes' }));

    expect(home.exGst - business.exGst).toBe(Math.round(RESIDENTIAL_SURCHARGE * 100));
    expect(home.cost - business.cost).toBe(withGst(RESIDENTIAL_SURCHARGE));
    expect(tailLift.exGst - home.exGst).toBe(Math.round(TAIL_LIFT_SURCHARGE * 100));
    expect(tailLift.cost - home.cost).toBe(withGst(TAIL_LIFT_SURCHARGE));

    const [, , logged] = await lastLogged(3);
    expect(logged?.delivery).toMatchObject({
      isBusiness: false,
      tailLift: true,
      from: { isBusiness: 'asked', tailLift: 'asked' },
    });
  });

  it('changes nothing for an answer to a question the merchant does not ask: the assumption wins', async () => {
    const asked = { is_business: 'no', tail_lift: 'no' };
    const plain = await price(cart(asked));
    // The merchant assumes authority to leave and no hand unload: a buyer cannot turn either around.
    expect(await price(cart({ ...asked, authority_to_leave: 'no', hand_unload: 'yes' }))).toBe(plain);
    const [logged] = await lastLogged(1);
    expect(logged?.delivery).toEqual({
      isBusiness: false,
      tailLift: false,
      authorityToLeave: true,
      handUnload: false,
      from: { isBusiness: 'asked', tailLift: 'asked', authorityToLeave: 'assumed', handUnload: 'assumed' },
    });
  });

  it("prices an asked but blank answer with the merchant's pre-filled one", async () => {
    const answered = await price(cart({ is_business: 'no', tail_lift: 'yes' }));
    // tail_lift is pre-filled "yes", is_business "no": blank answers (or none) take them.
    expect(await price(cart({ is_business: '', tail_lift: '' }))).toBe(answered);
    expect(await price(cart(undefined))).toBe(answered);
    const noTailLift = await price(cart({ is_business: 'no', tail_lift: 'no' }));
    expect(answered - noTailLift).toBe(withGst(TAIL_LIFT_SURCHARGE));
    const [blank, absent] = await lastLogged(3);
    for (const entry of [blank, absent]) {
      expect(entry?.delivery).toMatchObject({
        isBusiness: false,
        tailLift: true,
        from: { isBusiness: 'assumed', tailLift: 'assumed' },
      });
    }
  });

  it('never serves one answer from the cache entry of another: "no", "yes", "no" alternate', async () => {
    // A cart of its own (9 kg), so no earlier test has cached it.
    const asked = (isBusiness: string) => cart({ is_business: isBusiness, tail_lift: 'no' }, { kg: 9 });
    const prices = [await price(asked('no')), await price(asked('yes')), await price(asked('no'))];
    const residential = withGst(RESIDENTIAL_SURCHARGE);
    expect(prices).toEqual([prices[0], (prices[0] ?? 0) - residential, prices[0]]);

    const logged = await lastLogged(3);
    expect(logged.map((entry) => entry.delivery?.isBusiness)).toEqual([false, true, false]);
    for (const entry of logged) {
      expect(entry.delivery?.from).toEqual({
        isBusiness: 'asked',
        tailLift: 'asked',
        authorityToLeave: 'assumed',
        handUnload: 'assumed',
      });
    }
    // The second "no" is the first one's cache entry; "yes" had to ask the platform itself.
    expect(logged.map((entry) => entry.upstream.map((call) => call.cache))).toEqual([
      ['miss'],
      ['miss'],
      ['hit'],
    ]);
  });

  it('prices a shipping company as a business when business is derived from company_name (the default)', async () => {
    const byDefault = DEFAULT_QUOTE_SETTINGS.deliveryOptions.isBusiness;
    expect(byDefault.how).toBe('company_name');
    await saveOptions({ isBusiness: byDefault });
    const home = await price(cart({ tail_lift: 'no' }));
    const company = await price(cart({ tail_lift: 'no' }, { company: 'Acme Pty Ltd' }));
    expect(home - company).toBe(withGst(RESIDENTIAL_SURCHARGE));
    // Not asked any more: a stale "no" from the checkout does not make the company a home.
    expect(await price(cart({ is_business: 'no', tail_lift: 'no' }, { company: 'Acme Pty Ltd' }))).toBe(
      company,
    );
    const [homeLogged, companyLogged] = await lastLogged(3);
    expect(homeLogged?.delivery).toMatchObject({ isBusiness: false, from: { isBusiness: 'derived' } });
    expect(companyLogged?.delivery).toMatchObject({ isBusiness: true, from: { isBusiness: 'derived' } });
  });
});
