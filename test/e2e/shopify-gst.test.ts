/**
 * The Shopify checkout's `total_price` follows the merchant's GST display and destination rules, end to
 * end over real sockets: the fake Shopify calls the carrier-service callback for a Sydney cart, the rates
 * are GST-inclusive by default (the sandbox's total); with `gst.display` exclusive each is the sandbox's
 * price before GST, so a shop that adds GST on top charges it once; a remote-zone rule leaves Sydney alone
 * and hides every rate for Alice Springs (docs/prices-and-gst.md).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeRedis } from '../support/redis.js';
import { startAppHarness, type AppHarness } from '../support/app-harness.js';
import { rateRequest, startFakeShopify, type FakeShopify } from './fake-shopify.js';
import { shopifyAdminClient, shopifyAgainstFake } from '../support/shopify-admin-client.js';
import { freePort } from '../support/listen.js';

const redis = await probeRedis();
const SHOP = 'ratebridge-gst.myshopify.com';
const API_KEY = 'test-api-key-not-real';
const API_SECRET = 'test-api-secret-not-real';

interface ShopifyRate {
  service_code: string;
  total_price: string;
}

describe(`Shopify rates and GST (${redis.ok ? 'redis' : 'embedded'} store)`, () => {
  let fake: FakeShopify;
  let app: AppHarness;
  let appUrl: string;
  const admin = shopifyAdminClient(
    () => fake,
    SHOP,
    () => appUrl,
  );
  const callbackUrl = () => [...fake.shop(SHOP).carrierServices.values()][0]?.callbackUrl ?? '';
  const checkout = async (postcode?: string): Promise<Map<string, number>> => {
    const answer = await fake.callCarrierService(callbackUrl(), rateRequest(postcode ? { postcode } : {}), {
      shop: SHOP,
      signed: true,
    });
    expect(answer.status).toBe(200);
    const { rates } = answer.body as { rates: ShopifyRate[] };
    return new Map(rates.map((rate) => [rate.service_code, Number(rate.total_price)]));
  };
  const putRules = async (rules: Record<string, unknown>) => {
    const current = (await admin('GET', '/rules')).body as { rules: Record<string, unknown> };
    const saved = await admin('PUT', '/rules', { ...current.rules, ...rules });
    expect(saved.status).toBe(200);
  };

  beforeAll(async () => {
    fake = await startFakeShopify({ apiKey: API_KEY, apiSecret: API_SECRET });
    fake.addShop(SHOP, {
      products: [
        {
          id: 8001,
          title: 'Table',
          variants: [
            {
              id: 9001,
              title: 'Default Title',
              sku: 'TABLE-L',
              requiresShipping: true,
              weight: { unit: 'KILOGRAMS', value: 32 },
            },
          ],
        },
      ],
    });
    const port = await freePort();
    appUrl = `http://127.0.0.1:${port}`;
    app = await startAppHarness({
      store: redis.ok ? 'redis' : 'embedded',
      env: { PORT: String(port), PUBLIC_URL: appUrl },
      shopify: shopifyAgainstFake({ apiKey: API_KEY, apiSecret: API_SECRET, appUrl, fakeUrl: fake.url }),
    });
    const token = await app.createSandboxToken('shopify-gst');
    const made = [
      await admin('POST', '/connections', {
        platform: 'sandbox',
        environment: 'test',
        label: 'Sandbox',
        token,
      }),
      await admin('POST', '/locations', {
        name: 'Melbourne DC',
        suburb: 'Melbourne',
        postcode: '3000',
        state: 'VIC',
      }),
    ];
    for (const response of made) expect(response.status).toBe(201);
    const packaging = await admin('PUT', `/packaging/${encodeURIComponent('sku:TABLE-L')}`, {
      packages: [{ type: 'carton', lengthCm: 160, widthCm: 90, heightCm: 15, weightKg: 34 }],
    });
    expect(packaging.status).toBe(200);
    expect((await admin('POST', '/carrier-service')).status).toBe(200);
  });
  afterAll(async () => {
    await app?.store.deleteTenant(SHOP);
    await app?.close();
    await fake?.close();
  });

  it('sends GST-inclusive prices by default and the price before GST when the store shows prices ex GST', async () => {
    const inclusive = await checkout();
    expect(inclusive.size).toBeGreaterThan(0);
    expect([...inclusive.keys()]).not.toContain('fallback-standard');

    await putRules({ gst: { display: 'exclusive' } });
    const exclusive = await checkout();
    expect([...exclusive.keys()].sort()).toEqual([...inclusive.keys()].sort());
    for (const [code, before] of exclusive) {
      // The sandbox takes GST as 10 % of the price before it, rounded to the cent: the total is that again.
      expect(before + Math.round(before * 0.1), code).toBe(inclusive.get(code));
      expect(before).toBeLessThan(inclusive.get(code)!);
    }
  });

  it('applies destination rules: a remote-zone rule hides Alice Springs and leaves Sydney as it was', async () => {
    await putRules({ gst: { display: 'inclusive' }, postcodeRules: [] });
    const sydney = await checkout('2000');
    await putRules({
      postcodeRules: [{ match: { kind: 'zone', zone: 'remote' }, action: { kind: 'hide' } }],
    });
    expect(await checkout('2000')).toEqual(sydney);
    expect((await checkout('0870')).size).toBe(0);
  });
});
