/**
 * The packing memo (core/quoting/packing/packing-memo.ts): a cart packed once is not packed again while
 * the tenant's boxes stay the same, counted by the calls to the real packer (packGroup, wrapped); an
 * edited box, another cart or another tenant is packed afresh; the memo is bounded in entries and in size.
 * And through the engine against the fake MachShip: a checkout that repeats a cart (its platform answer a
 * cache hit) does not pack it again.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMachShipPlatform } from '../../../core/platforms/machship/index.js';
import { packLines } from '../../../core/quoting/build-packages.js';
import type {
  Box,
  PackagingProfile,
  PackingSetup,
  PickupLocation,
} from '../../../core/quoting/packaging-types.js';
import { packGroup } from '../../../core/quoting/packing/pack-group.js';
import { createPackingMemo, type PackingMemoOptions } from '../../../core/quoting/packing/packing-memo.js';
import type { QuoteLine } from '../../../core/quoting/quote-request.js';
import { createCore, type Core } from '../../../core/ratebridge.js';
import { openEmbeddedStore } from '../../../core/storage/embedded-store.js';
import { MachShipFake } from '../../fakes/machship-fake.js';
import { capturingLogger } from '../../support/log-capture.js';
import { tempDir } from '../../support/temp-dir.js';
import { testConfig } from '../../support/test-config.js';

const WAREHOUSE = {
  id: 'loc_1',
  isDefault: true,
  name: 'Richmond',
  suburb: 'Richmond',
  postcode: '3121',
  state: 'VIC',
} as unknown as PickupLocation;

const CARTON: Box = {
  id: 'box_carton01',
  name: 'Carton',
  kind: 'carton',
  innerCm: { lengthCm: 40, widthCm: 30, heightCm: 20 },
  wallCm: 0.5,
  tareWeightKg: 0.4,
  maxWeightKg: 20,
  bigPostMhp: false,
  updatedAt: '2026-12-04T00:00:00.000Z',
};
const SETUP: PackingSetup = { boxes: [CARTON], settings: { maxPackedItems: 100 } };

const profiles = new Map<number, PackagingProfile>([
  [
    0,
    {
      packages: [{ type: 'carton', lengthCm: 20, widthCm: 15, heightCm: 3, weightKg: 0.5, quantity: 1 }],
      locationIds: [],
      consolidatable: false,
    },
  ],
]);
const books = (quantity: number): QuoteLine[] => [
  { sku: 'BOOK', quantity, priceCents: 2000, requiresShipping: true },
];

/** A memo over the real packer, counting its calls. */
function countingMemo(options: Omit<PackingMemoOptions, 'pack'> = {}) {
  const calls = { count: 0 };
  const memo = createPackingMemo({
    ...options,
    pack: (units, setup) => {
      calls.count += 1;
      return packGroup(units, setup);
    },
  });
  const pack = (tenant: string, lines: QuoteLine[], setup = SETUP) => {
    const packing = packLines(lines, profiles, undefined, [WAREHOUSE], setup, (u, s) =>
      memo.pack(tenant, u, s),
    );
    if (!packing.ok) throw new Error(packing.reason);
    return packing.groups;
  };
  return { calls, pack };
}

describe('the packing memo', () => {
  it('packs a cart once while the boxes stay the same, and gives the same packages', () => {
    const { calls, pack } = countingMemo();
    const first = pack('shop-a', books(6));
    const again = pack('shop-a', books(6));
    expect(calls.count).toBe(1);
    expect(again).toEqual(first);
    expect(first[0]?.packing.method).toBe('boxes');
    // The same as packing without a memo.
    const direct = packLines(books(6), profiles, undefined, [WAREHOUSE], SETUP);
    expect(direct.ok && direct.groups).toEqual(first);
  });

  it('packs afresh for an edited box, other settings, another cart or another tenant', () => {
    const { calls, pack } = countingMemo();
    pack('shop-a', books(6));
    const edited = {
      ...SETUP,
      boxes: [{ ...CARTON, maxWeightKg: 2, updatedAt: '2026-12-05T00:00:00.000Z' }],
    };
    const heavier = pack('shop-a', books(6), edited);
    expect(calls.count).toBe(2);
    // The edit changed the answer: a 2 kg box takes three books, not six.
    expect(heavier[0]?.packing.boxes.length).toBe(2);
    pack('shop-a', books(6), { ...SETUP, settings: { maxPackedItems: 50 } });
    pack('shop-a', books(7));
    pack('shop-b', books(6));
    expect(calls.count).toBe(5);
    // Every one of them is remembered.
    pack('shop-a', books(6), edited);
    pack('shop-b', books(6));
    expect(calls.count).toBe(5);
  });

  it('is bounded in entries (least recently used goes) and in size', () => {
    const few = countingMemo({ maxEntries: 2 });
    few.pack('shop-a', books(1));
    few.pack('shop-a', books(2));
    few.pack('shop-a', books(3));
    expect(few.calls.count).toBe(3);
    few.pack('shop-a', books(3));
    expect(few.calls.count).toBe(3);
    few.pack('shop-a', books(1));
    expect(few.calls.count).toBe(4);

    // A result bigger than the whole memo is not kept at all.
    const tiny = countingMemo({ maxSize: 64 });
    tiny.pack('shop-a', books(6));
    tiny.pack('shop-a', books(6));
    expect(tiny.calls.count).toBe(2);
  });
});

describe('the engine packs a repeated cart once', () => {
  const machship = new MachShipFake();
  const tenant = `shop-${randomBytes(3).toString('hex')}.myshopify.com`;
  const calls = { count: 0 };
  let core: Core;
  let removeDir: () => Promise<void>;

  beforeAll(async () => {
    const token = `ms_${randomBytes(12).toString('hex')}`;
    machship.addToken(token);
    const ms = await machship.start();
    const { dir, remove } = await tempDir('packing-memo');
    removeDir = remove;
    core = await createCore({
      config: testConfig({ DATA_DIR: dir }),
      logger: capturingLogger().logger,
      store: await openEmbeddedStore({ dataDir: dir }),
      platforms: [createMachShipPlatform({ baseUrl: `${ms.url}/apiv2/`, timeoutMs: 2000 })],
      quoting: {
        packingMemo: createPackingMemo({
          pack: (units, setup) => {
            calls.count += 1;
            return packGroup(units, setup);
          },
        }),
      },
    });
    await core.tokens.connect(tenant, { platform: 'machship', environment: 'live', label: 'MS', token });
    await core.locations.create(tenant, {
      name: 'Richmond',
      addressLine1: '1 A St',
      suburb: 'Richmond',
      postcode: '3121',
      state: 'VIC',
    });
    const { id: _id, updatedAt: _at, ...carton } = CARTON;
    await core.catalog.createBox(tenant, carton);
    await core.catalog.upsertProfile(tenant, 'sku:BOOK', {
      packages: [{ type: 'carton', lengthCm: 20, widthCm: 15, heightCm: 3, weightKg: 0.5 }],
    });
  });
  afterAll(async () => {
    await core?.store.deleteTenant(tenant);
    await core?.close();
    await machship.stop();
    await removeDir?.();
  });

  it('answers the second checkout from the caches without running the packer', async () => {
    const checkout = () =>
      core.quotes.quote(
        tenant,
        {
          destination: { country: 'AU', postcode: '2000', suburb: 'Sydney', state: 'NSW' },
          currency: 'AUD',
          lines: books(6),
        },
        { record: false },
      );
    const first = await checkout();
    expect(first.source).toBe('live');
    expect(first.packing?.[0]?.method).toBe('boxes');
    expect(calls.count).toBe(1);
    const second = await checkout();
    expect(second.log.upstream.every((call) => call.cache === 'hit')).toBe(true);
    expect(second.rates).toEqual(first.rates);
    expect(calls.count).toBe(1);
  });
});
