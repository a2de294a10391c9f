/**
 * The RateBridge plugin inside a real WordPress 6.8 + WooCommerce 9.9 (PHP 8.2, MariaDB), against a RateBridge
 * started here: the merchant saves the connection through the real settings form; a shopper fills a cart through
 * the Store API (what the Cart and Checkout blocks call) and the classic cart page, and sees the live rates a
 * direct signed call gets; a RateBridge that never answers costs one timeout, once, and then the zone's
 * fallback at once; a hanging freight platform shows the zone's fallback too, one wait per cart change; an order
 * placed through the Store API keeps the RateBridge rate, with HPOS on and off. WP_DEBUG is on and the suite
 * fails on any warning, notice or deprecation that mentions the plugin.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pluginHeaders } from '../woocommerce-bridge/plugin-signing.js';
import type { WooTestApp } from '../woocommerce-bridge/woocommerce-test-app.js';
import { decodeEntities } from './browser-session.js';
import { ClassicCartShopper } from './classic-cart.js';
import { startRecordingBridge, type RecordingBridge } from './recording-bridge.js';
import { startSilentBridge, type SilentBridge } from './silent-bridge.js';
import { StoreApiShopper, ratesOf, type Address, type StoreRate } from './store-api.js';
import { startSandboxStore } from '../woocommerce-bridge/sandbox-store.js';
import { probeWordPress } from './wordpress-probe.js';
import { startWordPressSite, type WordPressSite } from './wordpress-site.js';
import { WpAdmin, notices } from './wp-admin.js';

const wordpress = await probeWordPress();

const ZONE_FALLBACK = { label: 'Standard freight', cost: '19.95', price: '1995' };
const PRODUCTS = [
  {
    name: 'Dining chair',
    sku: 'CHAIR-01',
    price: '120.00',
    weight: '7.5',
    length: '60',
    width: '55',
    height: '90',
  },
  {
    name: 'Desk lamp',
    sku: 'LAMP-02',
    price: '45.00',
    weight: '1.2',
    length: '30',
    width: '30',
    height: '50',
  },
];
const MELBOURNE: Address = {
  first_name: 'Sam',
  last_name: 'Shopper',
  address_1: '1 Collins St',
  city: 'Melbourne',
  state: 'VIC',
  postcode: '3000',
  country: 'AU',
};
const BRISBANE: Address = {
  ...MELBOURNE,
  address_1: '1 Queen St',
  city: 'Brisbane',
  state: 'QLD',
  postcode: '4000',
};
const TIMEOUT_SECONDS = 3;
const NOT_CONNECTED = 'Connect this store in RateBridge first';
const SAVED = 'Your settings have been saved.';

interface BridgeRate {
  id: string;
  label: string;
  cost: string;
  delivery_time: string;
  meta_data: Record<string, string | number>;
}

/** RateBridge with a sandbox freight platform, a pickup location and a connector key for the plugin. */
const startRateBridge = () => startSandboxStore('wordpress');

/** The rates RateBridge gives for the exact body the plugin sent, asked again directly and signed anew. */
async function directRates(
  app: WooTestApp,
  keyId: string,
  secret: string,
  pluginBody: string,
): Promise<BridgeRate[]> {
  const payload = JSON.parse(pluginBody) as Record<string, unknown>;
  const body = JSON.stringify({ ...payload, request_id: randomBytes(8).toString('hex') });
  const response = await app.fetch('/woocommerce/rates', {
    method: 'POST',
    headers: { ...pluginHeaders(keyId, secret, body), 'x-ratebridge-timeout-ms': '3000' },
    body,
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { rates: BridgeRate[] }).rates;
}

/** A bridge rate as the Store API shows it (WooCommerce prefixes the method's rate ids; prices in cents). */
function asStoreRate(rate: BridgeRate): Pick<StoreRate, 'rate_id' | 'name' | 'price' | 'delivery_time'> {
  return {
    rate_id: `ratebridge:${rate.id}`,
    name: rate.label,
    price: rate.cost.replace('.', ''),
    delivery_time: rate.delivery_time,
  };
}

/** What the Cart and Checkout blocks render of a rate: name, price and (beside it) the delivery time. */
const shown = (rates: StoreRate[]) =>
  rates.map(({ rate_id, name, price, delivery_time }) => ({ rate_id, name, price, delivery_time }));
const zoneFallback = [
  {
    rate_id: 'ratebridge:fallback',
    name: ZONE_FALLBACK.label,
    price: ZONE_FALLBACK.price,
    delivery_time: '',
  },
];

/**
 * Entries of debug.log the plugin caused: its folder, text domain or classes are named (a warning in its
 * code gives its file; a doing-it-wrong notice names its domain), and any fatal error at all.
 */
async function pluginDebugLines(site: WordPressSite): Promise<string[]> {
  return (await site.debugLog()).filter((entry) =>
    /ratebridge-shipping|RateBridge_|PHP Fatal error/i.test(entry),
  );
}

// WooCommerce keeps orders in its own tables (HPOS) or in wp_posts: the whole story runs in both.
const STORAGE_MODES = [
  { hpos: true, name: 'HPOS on', dataStore: /\\OrdersTableDataStore$/ },
  { hpos: false, name: 'HPOS off', dataStore: /^WC_Order_Data_Store_CPT$/ },
];

for (const mode of STORAGE_MODES) {
  describe.skipIf(!wordpress.ok)(`the plugin in a real WordPress + WooCommerce (${mode.name})`, () => {
    let site: WordPressSite;
    let bridge: Awaited<ReturnType<typeof startRateBridge>>;
    let door: RecordingBridge;
    let silent: SilentBridge;
    let admin: WpAdmin;
    const rateCalls = () => door.callsTo('/woocommerce/rates');

    beforeAll(async () => {
      [site, bridge] = await Promise.all([
        startWordPressSite({
          hpos: mode.hpos,
          fallbackLabel: ZONE_FALLBACK.label,
          fallbackCost: ZONE_FALLBACK.cost,
          products: PRODUCTS,
        }),
        startRateBridge(),
      ]);
      door = await startRecordingBridge({ target: bridge.app.url });
      silent = await startSilentBridge();
      admin = await WpAdmin.signIn(site);
    }, 180_000);
    afterAll(async () => {
      await silent?.close();
      await door?.close();
      await bridge?.app.close();
      await site?.close();
    }, 60_000);

    it('saves the connection through the settings form and says what RateBridge answered, beside "saved"', async () => {
      const saved = await admin.saveConnection({
        bridgeUrl: door.url,
        keyId: bridge.keyId,
        keySecret: bridge.secret,
        timeout: String(TIMEOUT_SECONDS),
      });

      expect(saved.notices).toContain(SAVED);
      // The store is not connected in RateBridge yet, so the webhook offer was refused: its reason is shown.
      expect(saved.notices.some((notice) => notice.includes(NOT_CONNECTED))).toBe(true);
      expect(saved.page.text).not.toContain(bridge.secret);
      expect(door.callsTo('/woocommerce/webhook-setup')).toHaveLength(1);
      const state = await site.state();
      expect(state.settings).toMatchObject({
        bridge_url: door.url,
        key_id: bridge.keyId,
        key_secret: '',
        timeout: '3',
      });
      expect(state.has_secret).toBe(true);
    }, 60_000);

    it('shows live rates in the block cart once there is a postcode, asking RateBridge once per cart change', async () => {
      const shopper = new StoreApiShopper(site.url);
      await shopper.open();

      // Before any address there is no postcode to quote: the zone's fallback, and RateBridge is not asked.
      const added = await shopper.addItem(site.products['CHAIR-01']!, 2);
      expect(shown(ratesOf(added.body))).toEqual(zoneFallback);
      expect(rateCalls()).toHaveLength(0);

      const addressed = await shopper.updateCustomer(MELBOURNE);
      expect(rateCalls()).toHaveLength(1);
      const sent = JSON.parse(rateCalls()[0]!.body) as {
        package: {
          destination: { postcode: string };
          contents: { sku: string; quantity: number; weight: string }[];
        };
      };
      expect(sent.package.destination.postcode).toBe('3000');
      expect(sent.package.contents).toEqual([
        expect.objectContaining({ sku: 'CHAIR-01', quantity: 2, weight: '7.5' }),
      ]);
      const live = await directRates(bridge.app, bridge.keyId, bridge.secret, rateCalls()[0]!.body);
      expect(live.length).toBeGreaterThan(0);
      for (const rate of live) {
        expect(rate.meta_data.ratebridge_source).toBe('live');
        // The delivery dates (docs/delivery-dates.md), which the blocks show beside the price.
        expect(rate.delivery_time).toMatch(/^Arrives (Mon|Tue|Wed|Thu|Fri) \d{1,2} [A-Z][a-z]{2}/);
      }
      expect(shown(ratesOf(addressed.body))).toEqual(live.map(asStoreRate));

      const more = await shopper.addItem(site.products['LAMP-02']!, 1);
      expect(rateCalls()).toHaveLength(2);
      const both = await directRates(bridge.app, bridge.keyId, bridge.secret, rateCalls()[1]!.body);
      expect(shown(ratesOf(more.body))).toEqual(both.map(asStoreRate));

      // Reading the cart again changes nothing: the plugin's cache answers.
      await shopper.cart();
      expect(rateCalls()).toHaveLength(2);
    }, 60_000);

    it('shows the same live rates on the classic cart page', async () => {
      const shopper = new ClassicCartShopper(site.url);
      await shopper.addToCart(site.products['CHAIR-01']!, 2);
      const before = rateCalls().length;
      const rates = await shopper.calculateShipping({
        country: 'AU',
        state: 'VIC',
        city: 'Melbourne',
        postcode: '3000',
      });

      // The calculator's address (no street) is another request than the block cart's: asked once.
      const asked = rateCalls().slice(before);
      expect(asked).toHaveLength(1);
      const sent = JSON.parse(asked[0]!.body) as { package: { destination: Record<string, string> } };
      expect(sent.package.destination).toMatchObject({ city: 'Melbourne', postcode: '3000', address_1: '' });
      const live = await directRates(bridge.app, bridge.keyId, bridge.secret, asked[0]!.body);
      expect(rates).toEqual(
        live.map((rate) => ({
          rateId: `ratebridge:${rate.id}`,
          label: rate.label,
          amount: rate.cost,
          // Printed under the rate by the plugin's woocommerce_after_shipping_rate hook.
          deliveryTime: rate.delivery_time,
        })),
      );
      expect(rates.every((rate) => rate.deliveryTime.startsWith('Arrives '))).toBe(true);
    }, 60_000);

    it('"Open RateBridge" on the settings page signs the merchant in to RateBridge once', async () => {
      const page = await admin.settingsPage();
      const href = /<a class="button" href="([^"]*admin-post\.php\?action=ratebridge_open_admin[^"]*)"/.exec(
        page.text,
      )?.[1];
      expect(href).toBeDefined();
      const before = door.callsTo('/woocommerce/admin-link').length;

      const opened = await admin.session.request(decodeEntities(href!));
      expect(opened.status).toBe(302);
      expect(door.callsTo('/woocommerce/admin-link')).toHaveLength(before + 1);
      const link = opened.headers.get('location') ?? '';
      expect(link.startsWith(`${bridge.app.url}/admin/login/`)).toBe(true);
      const signedIn = await bridge.app.followLoginLink(link, bridge.merchant.tenant);
      const keys = (await signedIn.api('GET', '/connector-keys')).body as { keys: { id: string }[] };
      expect(keys.keys.map((key) => key.id)).toContain(bridge.keyId);
      // WordPress's store managers own the store's RateBridge, and what they do is recorded as from WordPress.
      const session = (await signedIn.api('GET', '/session')).body as { role: string; frontEnd: string };
      expect(session).toMatchObject({ actor: 'woocommerce-admin', role: 'owner', frontEnd: 'woocommerce' });
      // The link is spent: a second use signs nobody in.
      const reused = await bridge.app.fetch(new URL(link).pathname, {
        method: 'POST',
        headers: { origin: new URL(bridge.app.url).origin },
      });
      expect(reused.status).toBe(401);

      // Without the nonce WordPress refuses before anything reaches RateBridge.
      const forged = await admin.session.request('/wp-admin/admin-post.php?action=ratebridge_open_admin');
      expect(forged.status).toBe(403);
      expect(door.callsTo('/woocommerce/admin-link')).toHaveLength(before + 1);
    }, 60_000);

    it('explains a wrong connector secret: on saving, in wp-admin, and checkout shows the zone fallback', async () => {
      const wrong = await admin.saveConnection({
        bridgeUrl: door.url,
        keyId: bridge.keyId,
        keySecret: 'rbs_wrong-secret-not-real-0000',
        timeout: String(TIMEOUT_SECONDS),
      });
      expect(wrong.notices).toContain(SAVED);
      expect(wrong.notices.some((notice) => notice.includes('RateBridge refused the connector key'))).toBe(
        true,
      );

      const shopper = new StoreApiShopper(site.url);
      await shopper.open();
      await shopper.updateCustomer(MELBOURNE);
      const refused = await shopper.addItem(site.products['LAMP-02']!, 2);
      expect(shown(ratesOf(refused.body))).toEqual(zoneFallback);
      const dashboard = await admin.session.request('/wp-admin/');
      expect(notices(dashboard.text).some((notice) => notice.includes('connector key refused'))).toBe(true);

      // The right secret again: live rates at the next cart change, and the warning goes.
      const fixed = await admin.saveConnection({
        bridgeUrl: door.url,
        keyId: bridge.keyId,
        keySecret: bridge.secret,
        timeout: String(TIMEOUT_SECONDS),
      });
      expect(fixed.notices).toContain(SAVED);
      const live = await shopper.updateItem(refused.body.items[0]!.key, 3);
      expect(ratesOf(live.body).length).toBeGreaterThan(0);
      for (const rate of ratesOf(live.body)) {
        expect(rate.meta_data).toContainEqual({ key: 'ratebridge_source', value: 'live' });
      }
      const later = await admin.session.request('/wp-admin/');
      expect(notices(later.text).some((notice) => notice.includes('connector key refused'))).toBe(false);
    }, 60_000);

    it('with a RateBridge that never answers, waits the timeout once and then answers the zone fallback at once', async () => {
      const saved = await admin.saveConnection({
        bridgeUrl: silent.url,
        keyId: bridge.keyId,
        keySecret: '',
        timeout: String(TIMEOUT_SECONDS),
      });
      expect(saved.notices).toContain(SAVED);
      expect(
        saved.notices.some((notice) => notice.includes(`RateBridge did not answer at ${silent.url}`)),
      ).toBe(true);
      const afterSave = silent.connections();

      const shopper = new StoreApiShopper(site.url);
      // The shopper's first request asks for the checkout's delivery questions (class-ratebridge-checkout-
      // questions.php): that is the one wait, and it opens the breaker the rates then find open.
      const opened = await shopper.open();
      const addressed = await shopper.updateCustomer(MELBOURNE);
      // The same cart and address as the live quote above: a cache that ignored the URL would answer live here.
      const first = await shopper.addItem(site.products['CHAIR-01']!, 2);
      expect(shown(ratesOf(first.body))).toEqual(zoneFallback);
      expect(silent.connections() - afterSave).toBe(1);
      // cURL gives up at the timeout; twice would be two timeouts.
      const waited = opened.ms + addressed.ms + first.ms;
      expect(waited).toBeGreaterThanOrEqual(TIMEOUT_SECONDS * 1000);
      expect(waited).toBeLessThan(TIMEOUT_SECONDS * 2000);
      expect(first.ms).toBeLessThan(TIMEOUT_SECONDS * 1000);

      const next = await shopper.updateItem(first.body.items[0]!.key, 3);
      expect(shown(ratesOf(next.body))).toEqual(zoneFallback);
      expect(silent.connections() - afterSave).toBe(1);
      expect(next.ms).toBeLessThan(TIMEOUT_SECONDS * 1000);

      // Every other shopper in the next minute too: the plugin remembers that RateBridge is down.
      const other = new StoreApiShopper(site.url);
      await other.open();
      await other.updateCustomer(BRISBANE);
      const theirs = await other.addItem(site.products['LAMP-02']!, 1);
      expect(shown(ratesOf(theirs.body))).toEqual(zoneFallback);
      expect(silent.connections() - afterSave).toBe(1);
      expect(theirs.ms).toBeLessThan(TIMEOUT_SECONDS * 1000);
    }, 60_000);

    it("with a hanging freight platform, shows the zone's fallback (not RateBridge's), one wait per cart change", async () => {
      const saved = await admin.saveConnection({
        bridgeUrl: door.url,
        keyId: bridge.keyId,
        keySecret: '',
        timeout: String(TIMEOUT_SECONDS),
      });
      expect(saved.notices).toContain(SAVED);
      const behaviour = (hang: boolean) =>
        fetch(`${bridge.app.sandbox.url}/behaviour`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(hang ? { hang: true } : {}),
        });
      expect((await behaviour(true)).status).toBe(200);
      try {
        const shopper = new StoreApiShopper(site.url);
        await shopper.open();
        await shopper.updateCustomer(BRISBANE);
        const before = rateCalls().length;
        const first = await shopper.addItem(site.products['LAMP-02']!, 1);
        expect(shown(ratesOf(first.body))).toEqual(zoneFallback);
        expect(rateCalls().length - before).toBe(1);
        expect(first.ms).toBeLessThan(TIMEOUT_SECONDS * 2000);

        const again = await shopper.cart();
        expect(shown(ratesOf(again.body))).toEqual(zoneFallback);
        expect(rateCalls().length - before).toBe(1);
        expect(again.ms).toBeLessThan(TIMEOUT_SECONDS * 1000);
      } finally {
        await behaviour(false);
      }
    }, 60_000);

    it(`places an order through the Store API that keeps the live RateBridge rate (${mode.name})`, async () => {
      const order = await placeOrder(site);
      expect(order.stored_in).toMatch(mode.dataStore);
    }, 60_000);

    it('wrote no PHP warning, notice or deprecation from the plugin to debug.log', async () => {
      expect(await pluginDebugLines(site)).toEqual([]);
    });
  });
}

interface OrderView {
  shipping_total: string;
  stored_in: string;
  shipping: {
    method_id: string;
    instance_id: number;
    name: string;
    total: string;
    meta: Record<string, string>;
  }[];
}

/** Fills a cart, chooses the dearest live rate (not the default) and checks out with cash on delivery. */
async function placeOrder(site: WordPressSite): Promise<OrderView> {
  const shopper = new StoreApiShopper(site.url);
  await shopper.open();
  await shopper.addItem(site.products['CHAIR-01']!, 1);
  const addressed = await shopper.updateCustomer(MELBOURNE);
  const live = ratesOf(addressed.body).filter((rate) => rate.rate_id !== 'ratebridge:fallback');
  expect(live.length).toBeGreaterThan(0);
  const chosen = [...live].sort((a, b) => Number(b.price) - Number(a.price))[0]!;
  const selected = await shopper.selectRate(chosen.rate_id);
  expect(ratesOf(selected.body).find((rate) => rate.selected)?.rate_id).toBe(chosen.rate_id);

  const placed = await shopper.checkout(MELBOURNE);
  expect(placed.body.order_id).toBeGreaterThan(0);
  const order = await site.run<OrderView>('order', { id: placed.body.order_id });
  expect(order.shipping).toEqual([
    expect.objectContaining({
      method_id: 'ratebridge',
      instance_id: site.instanceId,
      name: chosen.name,
      total: (Number(chosen.price) / 100).toFixed(2),
      meta: expect.objectContaining({ ratebridge_source: 'live' }),
    }),
  ]);
  return order;
}
