/**
 * A checkout quote through Big Post over real sockets: the store's delivery assumptions (quote settings)
 * become BuyerIsBusiness / BuyerHasForklift / ReturnAuthorityToLeaveOptions, the buyer's address is
 * filled as Big Post's own plugin fills it, and the pickup LocalityId comes from the location's opaque
 * Big Post reference. The fake Big Post refuses any body its reference notes do not allow.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBigPostPlatform } from '../../core/platforms/bigpost/index.js';
import { createCore, type Core } from '../../core/ratebridge.js';
import { openEmbeddedStore } from '../../core/storage/embedded-store.js';
import { BIGPOST_FAKE_DELIVERY_OPTIONS, BigPostFake } from '../fakes/bigpost-fake.js';
import { prepareBigPostTenant } from '../support/bigpost-tenant.js';
import { capturingLogger } from '../support/log-capture.js';
import { tempDir } from '../support/temp-dir.js';
import { testConfig } from '../support/test-config.js';

describe('Big Post quotes carry the store delivery assumptions', () => {
  const bigpost = new BigPostFake();
  const token = `bp_${randomBytes(16).toString('hex')}`;
  const tenant = `shop-${randomBytes(3).toString('hex')}.myshopify.com`;
  let core: Core;
  let removeDir: () => Promise<void>;

  const cart = {
    destination: { country: 'AU', postcode: '3000', suburb: 'Melbourne', state: 'VIC' },
    currency: 'AUD',
    lines: [{ sku: 'CHAIR', quantity: 1, grams: 5000, priceCents: 5000, requiresShipping: true }],
  };
  const sentQuotes = () =>
    bigpost.requests
      .filter((sent) => sent.path === '/api/getquote')
      .map((sent) => sent.body as Record<string, unknown>);

  beforeAll(async () => {
    bigpost.addToken(token);
    // Home delivery estimated for a week from now: the rate must carry it as business days.
    const inAWeek = new Date(Date.now() + 7 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
    bigpost.deliveryOptions = BIGPOST_FAKE_DELIVERY_OPTIONS.map((option) => ({
      ...option,
      CarrierOptions: option.CarrierOptions.map((carrier) => ({ ...carrier, Eta: `${inAWeek}T00:00:00` })),
    }));
    const { url } = await bigpost.start();
    const { dir, remove } = await tempDir('bigpost-delivery');
    removeDir = remove;
    core = await createCore({
      config: testConfig({ DATA_DIR: dir }),
      logger: capturingLogger().logger,
      store: await openEmbeddedStore({ dataDir: dir }),
      platforms: [createBigPostPlatform({ liveBaseUrl: url, testBaseUrl: url, timeoutMs: 2000 })],
    });
    await prepareBigPostTenant(core, tenant, token);
  });

  afterAll(async () => {
    await core?.store.deleteTenant(tenant);
    await core?.close();
    await bigpost.stop();
    await removeDir?.();
  });

  it('asks for home delivery, no forklift and no authority to leave by default, and gets prices', async () => {
    const before = bigpost.requests.length;
    const outcome = await core.quotes.quote(tenant, cart, { record: false });
    // The pickup LocalityId is the location's stored Big Post reference: only the buyer's is looked up.
    expect(bigpost.requests.slice(before).map((sent) => `${sent.method} ${sent.path}`)).toEqual([
      'GET /api/suburbs?q=Melbourne',
      'POST /api/getquote',
    ]);
    expect(outcome.source).toBe('live');
    expect(outcome.rates.length).toBeGreaterThan(0);
    // Big Post's Eta (a date) arrives as business days from today: a week holds four to six.
    for (const rate of outcome.rates) {
      expect(rate.minDays).toBeGreaterThanOrEqual(4);
      expect(rate.maxDays).toBeLessThanOrEqual(6);
    }
    const [body] = sentQuotes();
    expect(body).toMatchObject({
      BuyerIsBusiness: false,
      BuyerHasForklift: false,
      ReturnAuthorityToLeaveOptions: false,
      JobType: '',
      DepotId: '',
      PickupLocation: { Address: '12 Example Street', LocalityId: 13121 },
      BuyerLocation: { Name: 'Guest User', Address: 'Melbourne VIC', LocalityId: 13001 },
    });
  });

  it('sends what the merchant assumes instead', async () => {
    const settings = await core.quoteSettings.get(tenant);
    await core.quoteSettings.put(tenant, {
      ...settings,
      deliveryOptions: {
        ...settings.deliveryOptions,
        isBusiness: { how: 'assume', assume: true },
        authorityToLeave: { how: 'assume', assume: true },
      },
    });
    const outcome = await core.quotes.quote(tenant, cart, { record: false });
    expect(outcome.source).toBe('live');
    expect(sentQuotes().at(-1)).toMatchObject({
      BuyerIsBusiness: true,
      // A 5 kg chair: nothing for a forklift to lift, so none is claimed (as Big Post's plugin sends it).
      BuyerHasForklift: false,
      ReturnAuthorityToLeaveOptions: true,
    });
    // Business delivery is priced instead of home delivery.
    expect(outcome.rates.map((rate) => rate.code).some((code) => code.includes('BUSINESS'))).toBe(true);
  });
});
