/**
 * The delivery questions inside a real WordPress 6.8 + WooCommerce 9.9 (#15): the merchant chooses in
 * RateBridge to ask "business address?" and "authority to leave?" (pre-filled yes); the block checkout shows
 * them as additional checkout fields and the classic checkout as checkboxes that refresh the totals; the
 * shopper's answers (and the address's company) reach RateBridge in the rates request as `delivery`, seen by
 * a recording proxy in front of it; a changed answer is a new request, never a cached rate of the other. In
 * Chromium, the block checkout renders the boxes and ticking one re-quotes by itself (its own address push).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QuoteSettings } from '../../core/wire/admin-api-types.js';
import { chromiumSkipReason, launchChromium } from '../browser/browser-support.js';
import { BrowserSession } from './browser-session.js';
import { ClassicCheckoutShopper, type ClassicAddress } from './classic-checkout.js';
import { startRecordingBridge, type RecordingBridge } from './recording-bridge.js';
import { StoreApiShopper, ratesOf, type Address } from './store-api.js';
import { startSandboxStore, type SandboxStore } from '../woocommerce-bridge/sandbox-store.js';
import { probeWordPress } from './wordpress-probe.js';
import { startWordPressSite, type WordPressSite } from './wordpress-site.js';
import { WpAdmin } from './wp-admin.js';

const wordpress = await probeWordPress();

const CHAIR = {
  name: 'Dining chair',
  sku: 'CHAIR-01',
  price: '120.00',
  weight: '7.5',
  length: '60',
  width: '55',
  height: '90',
};
const MELBOURNE: Address = {
  first_name: 'Sam',
  last_name: 'Shopper',
  address_1: '1 Collins St',
  city: 'Melbourne',
  state: 'VIC',
  postcode: '3000',
  country: 'AU',
};
const BRISBANE: ClassicAddress = {
  country: 'AU',
  state: 'QLD',
  city: 'Brisbane',
  postcode: '4000',
  address_1: '1 Queen St',
};
const BUSINESS = 'ratebridge/is-business';
const LEAVE = 'ratebridge/authority-to-leave';

interface SentRates {
  delivery?: Record<string, string>;
  package: { destination: Record<string, string> };
}

/** RateBridge with a sandbox platform, a pickup location, a connector key, and the two questions asked. */
async function startRateBridge(): Promise<SandboxStore> {
  const started = await startSandboxStore('questions');
  const { merchant } = started;
  const { rules } = (await merchant.api('GET', '/rules')).body as { rules: QuoteSettings };
  const saved = await merchant.api('PUT', '/rules', {
    ...rules,
    deliveryOptions: {
      ...rules.deliveryOptions,
      isBusiness: { how: 'ask', assume: false },
      authorityToLeave: { how: 'ask', assume: true },
    },
  });
  expect(saved.status).toBe(200);
  return started;
}

/** The block checkout's settings (wcSettings), as the page prints them for its scripts. */
function blockCheckoutSettings(html: string): { defaultFields?: Record<string, { label?: string }> } {
  const encoded =
    /var wcSettings = (?:wcSettings \|\| )?JSON\.parse\( decodeURIComponent\( '([^']*)' \) \);/.exec(
      html,
    )?.[1];
  if (encoded === undefined)
    throw new Error('the checkout page printed no wcSettings (is it the block checkout?)');
  return JSON.parse(decodeURIComponent(encoded)) as { defaultFields?: Record<string, { label?: string }> };
}

describe.skipIf(!wordpress.ok)('delivery questions at a real WooCommerce checkout', () => {
  let site: WordPressSite;
  let bridge: Awaited<ReturnType<typeof startRateBridge>>;
  let door: RecordingBridge;
  let classicPath: string;
  const rateCalls = () => door.callsTo('/woocommerce/rates');
  const lastSent = () => JSON.parse(rateCalls().at(-1)!.body) as SentRates;

  beforeAll(async () => {
    [site, bridge] = await Promise.all([
      startWordPressSite({
        hpos: true,
        fallbackLabel: 'Standard freight',
        fallbackCost: '19.95',
        products: [CHAIR],
      }),
      startRateBridge(),
    ]);
    door = await startRecordingBridge({ target: bridge.app.url });
    const admin = await WpAdmin.signIn(site);
    const saved = await admin.saveConnection({
      bridgeUrl: door.url,
      keyId: bridge.keyId,
      keySecret: bridge.secret,
      timeout: '3',
    });
    expect(saved.notices).toContain('Your settings have been saved.');
    classicPath = (await site.run<{ path: string }>('classic-checkout-page')).path;
  }, 180_000);
  afterAll(async () => {
    await door?.close();
    await bridge?.app.close();
    await site?.close();
  }, 60_000);

  it('the block checkout shows the questions as additional checkout fields, asked of RateBridge once', async () => {
    const browser = new BrowserSession(site.url);
    await browser.request(`/?add-to-cart=${site.products['CHAIR-01']!}&quantity=1`);
    const page = await browser.request('/checkout/');
    const text = page.text;
    const fields = blockCheckoutSettings(text).defaultFields ?? {};
    expect(fields[BUSINESS]).toMatchObject({
      label: 'This is a business address',
      type: 'checkbox',
      location: 'address',
    });
    expect(fields[LEAVE]).toMatchObject({ type: 'checkbox', location: 'address' });
    expect(fields).not.toHaveProperty('ratebridge/tail-lift');

    // The Store API's address carries them, pre-filled with the merchant's assumption.
    const shopper = new StoreApiShopper(site.url);
    const cart = await shopper.open();
    const address = (cart.body as unknown as { shipping_address: Record<string, unknown> }).shipping_address;
    expect(address).toMatchObject({ [BUSINESS]: false, [LEAVE]: true });
    // Both requests were answered from the plugin's cache of the questions.
    expect(door.callsTo('/woocommerce/checkout-questions')).toHaveLength(1);
  }, 60_000);

  it("a block checkout's answers and company reach RateBridge, and a changed answer asks again", async () => {
    const shopper = new StoreApiShopper(site.url);
    await shopper.open();
    await shopper.addItem(site.products['CHAIR-01']!, 1);
    const business = { ...MELBOURNE, company: 'Acme Pty Ltd', [BUSINESS]: true, [LEAVE]: false };
    const answered = await shopper.updateCustomer(business);
    expect(lastSent().delivery).toEqual({ is_business: 'yes', authority_to_leave: 'no' });
    expect(lastSent().package.destination).toMatchObject({ postcode: '3000', company: 'Acme Pty Ltd' });
    expect(ratesOf(answered.body).length).toBeGreaterThan(0);
    for (const rate of ratesOf(answered.body)) {
      expect(rate.meta_data).toContainEqual({ key: 'ratebridge_source', value: 'live' });
    }

    const before = rateCalls().length;
    await shopper.updateCustomer({ ...business, [BUSINESS]: false });
    expect(rateCalls()).toHaveLength(before + 1);
    expect(lastSent().delivery).toEqual({ is_business: 'no', authority_to_leave: 'no' });

    // Reading the cart again is the same package: WooCommerce's own cache answers.
    await shopper.cart();
    expect(rateCalls()).toHaveLength(before + 1);
  }, 60_000);

  it('a classic checkout asks with checkboxes that refresh the totals, and sends what the shopper ticks', async () => {
    const shopper = new ClassicCheckoutShopper(site.url);
    await shopper.addToCart(site.products['CHAIR-01']!, 2);
    const html = await shopper.open(classicPath);
    expect(html).toMatch(
      /<p class="form-row[^"]*\bupdate_totals_on_change\b[^"]*" id="ratebridge_is_business_field"/,
    );
    // Pre-filled with the merchant's assumptions: business not ticked, authority to leave ticked; each box
    // with a hidden "0" twin, so an unticked box is an answer too.
    expect(html).toMatch(
      /<input type="hidden" name="ratebridge_is_business" value="0" \/><input type="checkbox" name="ratebridge_is_business" id="ratebridge_is_business" value="1" class="input-checkbox "\s*\/>/,
    );
    expect(html).toMatch(
      /<input type="hidden" name="ratebridge_authority_to_leave" value="0" \/><input type="checkbox" name="ratebridge_authority_to_leave"[^>]*value="1"[^>]*checked='checked'/,
    );

    // The form as checkout.js serialises it: each box's hidden "0" twin, then the box when ticked.
    const ticked: [string, string][] = [
      ['billing_company', 'Harbour Freight Co'],
      ['ratebridge_is_business', '0'],
      ['ratebridge_is_business', '1'],
      ['ratebridge_authority_to_leave', '0'],
    ];
    const before = rateCalls().length;
    const rates = await shopper.updateOrderReview(BRISBANE, ticked);
    expect(rateCalls()).toHaveLength(before + 1);
    expect(lastSent().delivery).toEqual({ is_business: 'yes', authority_to_leave: 'no' });
    expect(lastSent().package.destination).toMatchObject({ postcode: '4000', company: 'Harbour Freight Co' });
    expect(rates.length).toBeGreaterThan(0);
    expect(rates.map((rate) => rate.rateId)).not.toContain('ratebridge:fallback');

    const unticked = ticked.filter(([, value], index) => !(index === 2 && value === '1'));
    await shopper.updateOrderReview(BRISBANE, unticked);
    expect(rateCalls()).toHaveLength(before + 2);
    expect(lastSent().delivery).toEqual({ is_business: 'no', authority_to_leave: 'no' });

    // Placing the order keeps the answers on it, where the block checkout keeps its own.
    const orderId = await shopper.placeOrder(BRISBANE, ticked, rates[0]!.rateId);
    const order = await site.run<{ ratebridge_fields: Record<string, string> }>('order', { id: orderId });
    expect(order.ratebridge_fields).toEqual({
      [`_wc_shipping/${BUSINESS}`]: '1',
      [`_wc_shipping/${LEAVE}`]: '0',
    });
  }, 60_000);

  it.skipIf(chromiumSkipReason() !== undefined)(
    'in Chromium, the block checkout shows the boxes pre-filled, and ticking one re-quotes with the answer',
    async () => {
      const browser = await launchChromium();
      try {
        const page = await browser.newPage();
        await page.goto(`${site.url}/?add-to-cart=${site.products['CHAIR-01']!}&quantity=3`);
        await page.goto(`${site.url}/checkout/`);
        await page.waitForSelector('.wc-block-checkout', { timeout: 60_000 });
        // The fields WooCommerce rendered for them, pre-filled: business unticked, authority to leave ticked.
        const business = page.locator('#shipping-ratebridge-is-business');
        expect(await business.isChecked()).toBe(false);
        expect(await page.locator('#shipping-ratebridge-authority-to-leave').isChecked()).toBe(true);

        const asked = rateCalls().length;
        await page.fill('#email', 'shopper@example.test');
        await page.fill('#shipping-first_name', 'Sam');
        await page.fill('#shipping-last_name', 'Shopper');
        await page.fill('#shipping-address_1', '5 Smith St');
        await page.fill('#shipping-city', 'Fitzroy');
        await page.selectOption('#shipping-state', 'VIC');
        await page.fill('#shipping-postcode', '3065');
        // The block checkout pushes the address (with its additional fields) on its own, after a pause.
        await expect
          .poll(
            () =>
              rateCalls()
                .slice(asked)
                .map((call) => (JSON.parse(call.body) as SentRates).delivery),
            {
              timeout: 20_000,
            },
          )
          .toContainEqual({ is_business: 'no', authority_to_leave: 'yes' });
        await page.waitForSelector('input[id^="radio-control-0-ratebridge:"]:not([id$=":fallback"])', {
          timeout: 20_000,
        });

        const before = rateCalls().length;
        await business.check();
        await expect
          .poll(
            () =>
              rateCalls()
                .slice(before)
                .map((call) => (JSON.parse(call.body) as SentRates).delivery),
            {
              timeout: 20_000,
            },
          )
          .toContainEqual({ is_business: 'yes', authority_to_leave: 'yes' });
      } finally {
        await browser.close();
      }
    },
    120_000,
  );

  it('wrote no PHP warning, notice or deprecation from the plugin to debug.log', async () => {
    const lines = (await site.debugLog()).filter((entry) =>
      /ratebridge-shipping|RateBridge_|PHP Fatal error/i.test(entry),
    );
    expect(lines).toEqual([]);
  });
});
