/**
 * #15, point 7 (the delivery options half): a held-out sample of carts (home or business, light or heavy,
 * with and without authority to leave, hand unload and a chosen depot) quoted end to end through the
 * engine against the fake MachShip and Big Post on real sockets, asserting the exact fields each platform
 * receives as the references describe them: MachShip's `RouteRequestV2.questionIds` (the company's own
 * question ids, read from getConsignmentCreationSettings), Big Post's BuyerIsBusiness, BuyerHasForklift,
 * ReturnAuthorityToLeaveOptions, JobType and DepotId. Both fakes refuse what their platform refuses, so a
 * wrong field fails the quote rather than passing quietly.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBigPostPlatform } from '../../core/platforms/bigpost/index.js';
import { createMachShipPlatform } from '../../core/platforms/machship/index.js';
import { DEFAULT_QUOTE_SETTINGS, type QuoteSettings } from '../../core/quoting/quote-settings.js';
import { createCore, type Core } from '../../core/ratebridge.js';
import { openEmbeddedStore } from '../../core/storage/embedded-store.js';
import type { DeliveryAnswers } from '../../core/wire/admin-api-types.js';
import { BigPostFake } from '../fakes/bigpost-fake.js';
import { MachShipFake } from '../fakes/machship-fake.js';
import { prepareBigPostTenant } from '../support/bigpost-tenant.js';
import { capturingLogger } from '../support/log-capture.js';
import { tempDir } from '../support/temp-dir.js';
import { testConfig } from '../support/test-config.js';

const options = DEFAULT_QUOTE_SETTINGS.deliveryOptions;
/** The defaults: business from the company name, a tail-lift over 30 kg, no ATL, no hand unload. */
const derived: QuoteSettings = { ...DEFAULT_QUOTE_SETTINGS, maxRates: 20 };
/** A WooCommerce store that asks all four (unanswered: no). */
const asked: QuoteSettings = {
  ...derived,
  deliveryOptions: {
    ...options,
    isBusiness: { how: 'ask', assume: false },
    tailLift: { how: 'ask', assume: false, overKg: 30 },
    authorityToLeave: { how: 'ask', assume: false },
    handUnload: { how: 'ask', assume: false },
  },
};
const withDepots: QuoteSettings = {
  ...derived,
  deliveryOptions: { ...options, depotCollection: { offer: true, maxDepots: 2 } },
};

interface Sample {
  readonly name: string;
  readonly settings: QuoteSettings;
  readonly kg: number;
  readonly company?: string;
  readonly answers?: DeliveryAnswers;
  /** MachShip questionIds (absent: none answered true); the fake's ids: 1043 residential, 1051 tail-lift, 1057 ATL, 1062 hand unload. */
  readonly questionIds: readonly number[] | undefined;
  readonly bigpost: Record<string, unknown>;
}

const HOME = {
  BuyerIsBusiness: false,
  BuyerHasForklift: false,
  ReturnAuthorityToLeaveOptions: false,
  JobType: '',
  DepotId: '',
};

const SAMPLE: readonly Sample[] = [
  { name: 'home, light', settings: derived, kg: 5, questionIds: [1043], bigpost: HOME },
  {
    name: 'business by company name, light',
    settings: derived,
    kg: 5,
    company: 'Acme Pty Ltd',
    questionIds: undefined,
    bigpost: { ...HOME, BuyerIsBusiness: true },
  },
  {
    name: 'home, heavy: a tail-lift derived',
    settings: derived,
    kg: 45,
    questionIds: [1043, 1051],
    bigpost: HOME,
  },
  {
    name: 'business (asked), heavy, no tail-lift needed: a forklift on site',
    settings: asked,
    kg: 45,
    answers: { isBusiness: true, tailLift: false },
    questionIds: undefined,
    bigpost: { ...HOME, BuyerIsBusiness: true, BuyerHasForklift: true },
  },
  {
    name: 'home (asked), light, authority to leave',
    settings: asked,
    kg: 5,
    answers: { isBusiness: false, authorityToLeave: true },
    questionIds: [1043, 1057],
    bigpost: { ...HOME, ReturnAuthorityToLeaveOptions: true },
  },
  {
    name: 'home (asked), heavy, authority to leave: Big Post quotes ATL only to 40 kg; a home has no forklift',
    settings: asked,
    kg: 45,
    answers: { authorityToLeave: true },
    questionIds: [1043, 1057],
    bigpost: HOME,
  },
  {
    name: 'business (asked), heavy, hand unload',
    settings: asked,
    kg: 45,
    answers: { isBusiness: true, handUnload: true },
    questionIds: [1062],
    bigpost: { ...HOME, BuyerIsBusiness: true },
  },
  {
    name: 'home, light, collecting from a depot it chose',
    settings: withDepots,
    kg: 5,
    answers: { depot: 'bigpost:503' },
    questionIds: [1043],
    bigpost: { ...HOME, DepotId: 503 },
  },
];

describe('delivery options on the wire to MachShip and Big Post', () => {
  const machship = new MachShipFake();
  const bigpost = new BigPostFake();
  const tenant = `shop-${randomBytes(3).toString('hex')}.myshopify.com`;
  let core: Core;
  let removeDir: () => Promise<void>;

  beforeAll(async () => {
    const tokens = {
      machship: `ms_${randomBytes(12).toString('hex')}`,
      bigpost: `bp_${randomBytes(12).toString('hex')}`,
    };
    machship.addToken(tokens.machship);
    bigpost.addToken(tokens.bigpost);
    const [ms, bp] = await Promise.all([machship.start(), bigpost.start()]);
    const { dir, remove } = await tempDir('delivery-wire');
    removeDir = remove;
    core = await createCore({
      config: testConfig({ DATA_DIR: dir }),
      logger: capturingLogger().logger,
      store: await openEmbeddedStore({ dataDir: dir }),
      platforms: [
        createMachShipPlatform({ baseUrl: `${ms.url}/apiv2/`, timeoutMs: 2000 }),
        createBigPostPlatform({ liveBaseUrl: bp.url, testBaseUrl: bp.url, timeoutMs: 2000 }),
      ],
    });
    await prepareBigPostTenant(core, tenant, tokens.bigpost);
    await core.tokens.connect(tenant, {
      platform: 'machship',
      environment: 'live',
      label: 'MachShip',
      token: tokens.machship,
    });
  });

  afterAll(async () => {
    await core?.store.deleteTenant(tenant);
    await core?.close();
    await Promise.all([machship.stop(), bigpost.stop()]);
    await removeDir?.();
  });

  const quote = (sample: Sample) =>
    core.quotes.quote(
      tenant,
      {
        destination: {
          country: 'AU',
          postcode: '2000',
          suburb: 'Sydney',
          state: 'NSW',
          ...(sample.company ? { company: sample.company } : {}),
        },
        currency: 'AUD',
        lines: [
          {
            sku: `ITEM-${sample.kg}`,
            quantity: 1,
            grams: sample.kg * 1000,
            priceCents: 9900,
            requiresShipping: true,
          },
        ],
        ...(sample.answers ? { delivery: sample.answers } : {}),
      },
      { settings: sample.settings, record: false },
    );

  it.each(SAMPLE)('$name', async (sample) => {
    const sent = { machship: machship.requests.length, bigpost: bigpost.requests.length };
    const outcome = await quote(sample);
    expect(outcome.source).toBe('live');
    const routes = machship.requests
      .slice(sent.machship)
      .filter((r) => r.path === '/apiv2/routes/returnroutes');
    expect(routes).toHaveLength(1);
    expect((routes[0]?.body as { questionIds?: number[] }).questionIds).toEqual(sample.questionIds);
    const quotes = bigpost.requests.slice(sent.bigpost).filter((r) => r.path === '/api/getquote');
    const main = quotes.find((r) => (r.body as { JobType: unknown }).JobType === '');
    expect(main?.body).toMatchObject(sample.bigpost);
    // The rate log says what every platform was asked with.
    expect(outcome.log.delivery).toMatchObject({
      isBusiness: sample.bigpost['BuyerIsBusiness'],
      ...(sample.answers?.depot ? { depot: sample.answers.depot } : {}),
    });
  });

  it('offers the depots as rates of their own, each priced with JobType 1 and its DepotId', async () => {
    const sample = SAMPLE.at(-1) as Sample;
    const before = bigpost.requests.length;
    const outcome = await quote({ ...sample, kg: 6 });
    const depotCalls = bigpost.requests
      .slice(before)
      .filter((r) => r.path === '/api/getquote' && (r.body as { JobType: unknown }).JobType === 1)
      .map((r) => (r.body as { DepotId: number }).DepotId)
      .sort();
    expect(depotCalls).toEqual([501, 502, 503]);
    expect(
      outcome.rates.filter((rate) => rate.code.startsWith('depot:')).map((rate) => [rate.code, rate.name]),
    ).toEqual(
      expect.arrayContaining([
        ['depot:bigpost:501', 'Collect from Big Post Alexandria, Alexandria'],
        ['depot:bigpost:502', 'Collect from Big Post Ingleburn, Ingleburn'],
        ['depot:bigpost:503', 'Collect from Big Post Penrith, Penrith'],
      ]),
    );
    // The nearest two (maxDepots) and the one the buyer chose, after every delivered rate.
    const firstDepot = outcome.rates.findIndex((rate) => rate.code.startsWith('depot:'));
    expect(outcome.rates.slice(firstDepot).every((rate) => rate.code.startsWith('depot:'))).toBe(true);
  });

  it('keeps depot rates as their own rates when the strategy combines the rest into one', async () => {
    const sample = SAMPLE.at(-1) as Sample;
    const outcome = await quote({ ...sample, kg: 4, settings: { ...withDepots, strategy: 'cheapest' } });
    const codes = outcome.rates.map((rate) => rate.code);
    expect(codes.filter((code) => !code.startsWith('depot:'))).toEqual(['cheapest']);
    expect(codes.filter((code) => code.startsWith('depot:')).sort()).toEqual([
      'depot:bigpost:501',
      'depot:bigpost:502',
      'depot:bigpost:503',
    ]);
  });

  it('never serves a business price to a home buyer: same cart, both asked, different prices', async () => {
    const home = await quote({ ...SAMPLE[0]!, kg: 7 });
    const business = await quote({ ...SAMPLE[1]!, kg: 7 });
    const price = (outcome: typeof home, code: string) =>
      outcome.rates.find((rate) => rate.code === code)?.totalCents;
    // MachShip's residential surcharge ($12.50 in the fake), priced only for the home buyer.
    expect(price(home, 'machship:12:77')! - price(business, 'machship:12:77')!).toBe(1250);
    expect(home.log.delivery?.from.isBusiness).toBe('derived');
  });

  it('derives the tail-lift per consignment: the heavy warehouse gets one, the light one does not', async () => {
    // Its own tenant on MachShip: two warehouses, a 45 kg crate leaving Sydney, a 2 kg parcel Richmond.
    const shop = `shop-${randomBytes(3).toString('hex')}.myshopify.com`;
    const token = `ms_${randomBytes(12).toString('hex')}`;
    machship.addToken(token);
    await core.tokens.connect(shop, { platform: 'machship', environment: 'live', label: 'MS', token });
    const richmond = { name: 'Richmond', addressLine1: '1 A St', suburb: 'Richmond', postcode: '3121' };
    await core.locations.create(shop, { ...richmond, state: 'VIC' });
    await core.locations.create(shop, {
      ...richmond,
      name: 'Sydney',
      suburb: 'Sydney',
      postcode: '2000',
      state: 'NSW',
    });
    const idOf = async (name: string) =>
      (await core.locations.list(shop)).find((l) => l.name === name)?.id as string;
    const [sydneyId, richmondId] = [await idOf('Sydney'), await idOf('Richmond')];
    const carton = (weightKg: number, locationIds: string[]) => ({
      packages: [{ type: 'carton', lengthCm: 40, widthCm: 40, heightCm: 40, weightKg }],
      locationIds,
    });
    await core.catalog.upsertProfile(shop, 'sku:CRATE', carton(45, [sydneyId]));
    await core.catalog.upsertProfile(shop, 'sku:PARCEL', carton(2, [richmondId]));
    const sent = machship.requests.length;
    const line = (sku: string) => ({ sku, quantity: 1, priceCents: 9900, requiresShipping: true });
    const outcome = await core.quotes.quote(
      shop,
      {
        destination: { country: 'AU', postcode: '2000', suburb: 'Sydney', state: 'NSW' },
        currency: 'AUD',
        lines: [line('CRATE'), line('PARCEL')],
      },
      { settings: derived, record: false },
    );
    expect(outcome.source).toBe('live');
    const routes = machship.requests
      .slice(sent)
      .filter((r) => r.path === '/apiv2/routes/returnroutes')
      .map((r) => r.body as { fromLocation: { postcode: string }; questionIds?: number[] });
    const questions = (postcode: string) =>
      routes.find((r) => r.fromLocation.postcode === postcode)?.questionIds;
    expect(questions('2000')).toEqual([1043, 1051]);
    expect(questions('3121')).toEqual([1043]);
    // The rate log: each group's own options where they differ; the quote's say a tail-lift was asked.
    const byLocation = new Map(outcome.log.groups.map((g) => [g.locationId, g.delivery?.tailLift]));
    expect(byLocation).toEqual(
      new Map([
        [sydneyId, true],
        [richmondId, false],
      ]),
    );
    expect(outcome.log.delivery).toMatchObject({ tailLift: true, from: { tailLift: 'derived' } });
    await core.store.deleteTenant(shop);
  });
});
