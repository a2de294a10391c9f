/**
 * GST on shipping in a real WordPress 6.8 + WooCommerce 9.9 (PHP, MariaDB) against a RateBridge started
 * here, quoting the sandbox: with the store's taxes off the buyer is charged the GST-inclusive price and no
 * tax line; with taxes on, WooCommerce itself adds GST to the price before GST with its own shipping tax
 * rate (the Store API's `taxes` on the rate), so the total is the platform's GST-inclusive price again;
 * with the zone's Tax status "None" nothing is added even with taxes on (docs/prices-and-gst.md).
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pluginHeaders } from '../woocommerce-bridge/plugin-signing.js';
import { startRecordingBridge, type RecordingBridge } from './recording-bridge.js';
import { StoreApiShopper, ratesOf, type Address, type StoreRate } from './store-api.js';
import { startSandboxStore } from '../woocommerce-bridge/sandbox-store.js';
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

interface BridgeRate {
  id: string;
  cost: string;
  cost_ex_gst?: string;
  gst?: string;
}

const cents = (decimal: string | undefined) => Math.round(Number(decimal) * 100);

/** RateBridge quoting the sandbox from Sydney, with a connector key for the plugin. */
const startRateBridge = () => startSandboxStore('tax');

describe.skipIf(!wordpress.ok)(
  'GST on shipping follows the store’s tax settings (real WordPress + WooCommerce)',
  () => {
    let site: WordPressSite;
    let bridge: Awaited<ReturnType<typeof startRateBridge>>;
    let door: RecordingBridge;

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
      await admin.saveConnection({
        bridgeUrl: door.url,
        keyId: bridge.keyId,
        keySecret: bridge.secret,
        timeout: '3',
      });
    }, 180_000);
    afterAll(async () => {
      await bridge?.app.close();
      await site?.close();
    }, 60_000);

    /** A fresh cart (so WooCommerce's own per-session rate cache cannot answer) with the chair, to Melbourne. */
    async function shippingRates(): Promise<{ rates: StoreRate[]; bridge: BridgeRate[] }> {
      const shopper = new StoreApiShopper(site.url);
      await shopper.open();
      await shopper.addItem(site.products['CHAIR-01']!, 1);
      const cart = (await shopper.updateCustomer(MELBOURNE)).body;
      const answer = await bridgeRates();
      expect(answer.length).toBeGreaterThan(0);
      expect(
        ratesOf(cart)
          .map((rate) => rate.rate_id)
          .sort(),
      ).toEqual(answer.map((rate) => `ratebridge:${rate.id}`).sort());
      return { rates: ratesOf(cart), bridge: answer };
    }

    /** What RateBridge answers to the exact body the plugin last sent, asked again directly and signed anew. */
    async function bridgeRates(): Promise<BridgeRate[]> {
      const sent = door.callsTo('/woocommerce/rates').at(-1);
      expect(sent).toBeDefined();
      const payload = JSON.parse(sent!.body) as Record<string, unknown>;
      const body = JSON.stringify({ ...payload, request_id: randomBytes(8).toString('hex') });
      const response = await bridge.app.fetch('/woocommerce/rates', {
        method: 'POST',
        headers: { ...pluginHeaders(bridge.keyId, bridge.secret, body), 'x-ratebridge-timeout-ms': '3000' },
        body,
      });
      expect(response.status).toBe(200);
      return ((await response.json()) as { rates: BridgeRate[] }).rates;
    }

    const byId = (rates: StoreRate[]) => new Map(rates.map((rate) => [rate.rate_id, rate]));

    it('taxes off: the GST-inclusive price, no tax line', async () => {
      await site.run('set-taxes', { calc: 'no', instance_id: site.instanceId });
      const { rates, bridge: answer } = await shippingRates();
      expect(answer.length).toBeGreaterThan(0);
      const shown = byId(rates);
      for (const rate of answer) {
        expect(rate.gst).toBeDefined();
        expect(shown.get(`ratebridge:${rate.id}`)).toMatchObject({
          price: String(cents(rate.cost)),
          taxes: '0',
        });
      }
    }, 90_000);

    it('taxes on: WooCommerce adds its own 10 % shipping GST to the price before GST', async () => {
      await site.run('set-taxes', { calc: 'yes', rate: '10.0000', instance_id: site.instanceId });
      const { rates, bridge: answer } = await shippingRates();
      const shown = byId(rates);
      for (const rate of answer) {
        const inStore = shown.get(`ratebridge:${rate.id}`);
        const exGst = cents(rate.cost_ex_gst);
        expect(inStore?.price).toBe(String(exGst));
        // WooCommerce's calculation, not ours: 10 % of the ex-GST cost, rounded to the cent.
        expect(Number(inStore?.taxes)).toBe(Math.round(exGst * 0.1));
        // ... which is the sandbox's own GST on the same price, so the buyer pays the platform's total.
        expect(Number(inStore?.price) + Number(inStore?.taxes)).toBe(cents(rate.cost));
      }
    }, 90_000);

    it('taxes on, the zone’s Tax status None: the GST-inclusive price with nothing added', async () => {
      await site.run('set-taxes', {
        calc: 'yes',
        rate: '10.0000',
        tax_status: 'none',
        instance_id: site.instanceId,
      });
      const { rates, bridge: answer } = await shippingRates();
      const shown = byId(rates);
      for (const rate of answer) {
        expect(shown.get(`ratebridge:${rate.id}`)).toMatchObject({
          price: String(cents(rate.cost)),
          taxes: '0',
        });
      }
    }, 90_000);

    it('leaves no warning, notice or deprecation of the plugin in debug.log', async () => {
      const lines = (await site.debugLog()).filter((entry) =>
        /ratebridge-shipping|RateBridge_|PHP Fatal error/i.test(entry),
      );
      expect(lines).toEqual([]);
    });
  },
);
