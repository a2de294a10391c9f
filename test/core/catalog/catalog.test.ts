import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCatalog, type Catalog } from '../../../core/catalog/packaging-catalog.js';
import { PACKAGING_CSV_HEADER } from '../../../core/catalog/packaging-csv.js';
import { rbError, type RateBridgeError } from '../../../core/errors.js';
import { createLocations, type Locations } from '../../../core/locations/pickup-locations.js';
import { createLogger } from '../../../core/logger.js';
import { createPlatformRegistry } from '../../../core/platforms/registry.js';
import type { Store } from '../../../core/storage/store.js';
import { openTestStore, STORE_KINDS } from './test-stores.js';

const TENANT = 'catalog-shop.myshopify.com';
const HEADER = PACKAGING_CSV_HEADER.join(',');
const logger = createLogger({ level: 'silent' });
const noConnections = {
  usableConnections: async () => [],
  get: async () => {
    throw rbError('RB_ERR_NOT_FOUND', 'That connection');
  },
  reportUnauthorized: async () => undefined,
};

async function refusal(promise: Promise<unknown>): Promise<RateBridgeError> {
  try {
    await promise;
  } catch (error) {
    return error as RateBridgeError;
  }
  throw new Error('expected a refusal');
}

const carton = { type: 'carton', lengthCm: 40, widthCm: 30, heightCm: 20, weightKg: 5 } as const;

describe.each(STORE_KINDS)('catalog (%s store)', (kind) => {
  let store: Store;
  let close: () => Promise<void>;
  let catalog: Catalog;
  let locations: Locations;
  let clock = 0;

  beforeEach(async () => {
    clock = Date.parse('2025-06-01T00:00:00Z');
    ({ store, close } = await openTestStore(kind));
    catalog = createCatalog({ store, logger, now: () => clock });
    locations = createLocations({
      store,
      tokens: noConnections,
      platforms: createPlatformRegistry([]),
      logger,
    });
  });
  afterEach(async () => {
    await store.deleteTenant(TENANT);
    await close();
  });

  describe('profiles', () => {
    it('stores a profile by key and reads it back', async () => {
      const saved = await catalog.upsertProfile(TENANT, 'sku:CHAIR-1', { packages: [carton] });
      expect(saved).toMatchObject({
        key: 'sku:CHAIR-1',
        sku: 'CHAIR-1',
        packages: [{ ...carton, quantity: 1 }],
        locationIds: [],
        consolidatable: false,
      });
      expect(await catalog.getProfile(TENANT, 'sku:CHAIR-1')).toEqual(saved);
    });

    it('refuses an invalid key, an implausible package and an unknown location, storing nothing', async () => {
      expect(
        (await refusal(catalog.upsertProfile(TENANT, 'CHAIR-1', { packages: [carton] }))).details,
      ).toEqual([{ path: 'key', message: expect.any(String) }]);
      const heavy = await refusal(
        catalog.upsertProfile(TENANT, 'sku:A', { packages: [{ ...carton, weightKg: 1200 }] }),
      );
      expect(heavy.code).toBe('RB_ERR_VALIDATION');
      expect(heavy.details).toEqual([
        { path: 'packages.0.weightKg', message: expect.stringContaining('grams') },
      ]);
      const nowhere = await refusal(
        catalog.upsertProfile(TENANT, 'sku:A', { packages: [carton], locationIds: ['loc_nowhere'] }),
      );
      expect(nowhere.details).toEqual([{ path: 'locationIds.0', message: expect.any(String) }]);
      const extra = await refusal(
        catalog.upsertProfile(TENANT, 'sku:A', { packages: [carton], colour: 'red' }),
      );
      expect(extra.status).toBe(400);
      expect((await catalog.listProfiles(TENANT, { offset: 0, limit: 10 })).total).toBe(0);
    });

    it('lists profiles sorted by key, a page at a time', async () => {
      for (const key of ['sku:C', 'variant:2', 'sku:A', 'sku:B']) {
        await catalog.upsertProfile(TENANT, key, { packages: [carton] });
      }
      const page = await catalog.listProfiles(TENANT, { offset: 1, limit: 2 });
      expect(page.total).toBe(4);
      expect(page.profiles.map((p) => p.key)).toEqual(['sku:B', 'sku:C']);
    });

    it('deletes a profile; a second delete is a 404', async () => {
      await catalog.upsertProfile(TENANT, 'variant:77', { packages: [carton] });
      await catalog.deleteProfile(TENANT, 'variant:77');
      expect((await refusal(catalog.deleteProfile(TENANT, 'variant:77'))).status).toBe(404);
      expect((await refusal(catalog.getProfile(TENANT, 'variant:77'))).status).toBe(404);
    });
  });

  describe('profilesFor', () => {
    it('prefers the variant profile, falls back to the SKU profile, and skips lines with neither', async () => {
      await catalog.upsertProfile(TENANT, 'sku:SHARED', { packages: [carton] });
      await catalog.upsertProfile(TENANT, 'variant:42', {
        packages: [{ ...carton, type: 'satchel', weightKg: 1 }],
      });
      const found = await catalog.profilesFor(TENANT, [
        { sku: 'SHARED', variantId: '42' },
        { sku: 'SHARED', variantId: '43' },
        { sku: 'UNKNOWN' },
        {},
        { variantId: '42' },
      ]);
      expect([...found.keys()]).toEqual([0, 1, 4]);
      expect(found.get(0)?.key).toBe('variant:42');
      expect(found.get(1)?.key).toBe('sku:SHARED');
      expect(found.get(4)?.key).toBe('variant:42');
    });

    it('drops locations that were deleted, so the line ships from the default', async () => {
      const { location: sydney } = await locations.create(TENANT, {
        name: 'Sydney',
        suburb: 'Sydney',
        postcode: '2000',
        state: 'NSW',
      });
      const { location: perth } = await locations.create(TENANT, {
        name: 'Perth',
        suburb: 'Perth',
        postcode: '6000',
        state: 'WA',
      });
      await catalog.upsertProfile(TENANT, 'sku:A', {
        packages: [carton],
        locationIds: [perth.id, sydney.id],
      });
      await locations.delete(TENANT, perth.id);
      expect((await catalog.profilesFor(TENANT, [{ sku: 'A' }])).get(0)?.locationIds).toEqual([sydney.id]);
    });
  });

  describe('CSV import', () => {
    it('applies nothing when any row is bad, and says which line', async () => {
      await catalog.upsertProfile(TENANT, 'sku:KEEP', { packages: [carton] });
      const text = [
        HEADER,
        'KEEP,,pallet,120,100,100,300,1,,,',
        'NEW,,carton,10,10,10,1,1,,,',
        '',
        'BAD,,carton,10,10,10,1500,1,,,',
      ].join('\n');
      const result = await catalog.importCsv(TENANT, text);
      expect(result).toEqual({
        ok: false,
        moreErrors: 0,
        errors: [{ line: 5, column: 'weight_kg', message: expect.stringContaining('weight_g') }],
      });
      expect((await catalog.getProfile(TENANT, 'sku:KEEP')).packages[0]?.type).toBe('carton');
      expect((await refusal(catalog.getProfile(TENANT, 'sku:NEW'))).status).toBe(404);
    });

    it('replaces the profiles in the file, keeps the others, and resolves locations by name', async () => {
      const { location } = await locations.create(TENANT, {
        name: 'Melbourne DC',
        suburb: 'Truganina',
        postcode: '3029',
        state: 'VIC',
      });
      await catalog.upsertProfile(TENANT, 'sku:OTHER', { packages: [carton] });
      await catalog.upsertProfile(TENANT, 'sku:A', { packages: [carton, carton], consolidatable: true });
      const text = [
        HEADER,
        'A,,satchel,30,20,5,0.5,1,melbourne dc,false,',
        ',991,bag,30,30,30,2,4,,,yes',
      ].join('\r\n');
      expect(await catalog.importCsv(TENANT, text)).toEqual({
        ok: true,
        imported: 2,
        rows: 2,
        profiles: ['sku:A', 'variant:991'],
      });
      expect(await catalog.getProfile(TENANT, 'sku:A')).toMatchObject({
        packages: [{ type: 'satchel', lengthCm: 30, widthCm: 20, heightCm: 5, weightKg: 0.5, quantity: 1 }],
        locationIds: [location.id],
        consolidatable: false,
      });
      expect((await catalog.getProfile(TENANT, 'variant:991')).packages[0]?.quantity).toBe(4);
      expect((await catalog.getProfile(TENANT, 'variant:991')).shipsAlone).toBe(true);
      expect((await catalog.getProfile(TENANT, 'sku:OTHER')).packages).toHaveLength(1);
    });

    it('imports a file written before ships_alone exactly as the same file with the column empty', async () => {
      const rows = ['A,,satchel,30,20,5,0.5,1,,true', ',991,bag,30,30,30,2,4,,'];
      const tenColumns = HEADER.replace(/,ships_alone$/, '');
      expect(tenColumns.split(',')).toHaveLength(10);
      expect(await catalog.importCsv(TENANT, [tenColumns, ...rows].join('\n'))).toMatchObject({ ok: true });
      const old = (await catalog.listProfiles(TENANT, { offset: 0, limit: 50 })).profiles;
      expect(old.map((profile) => [profile.key, profile.consolidatable, profile.shipsAlone])).toEqual([
        ['sku:A', true, undefined],
        ['variant:991', false, undefined],
      ]);
      clock += 60_000;
      const withColumn = [HEADER, ...rows.map((row) => `${row},`)].join('\n');
      expect(await catalog.importCsv(TENANT, withColumn)).toMatchObject({ ok: true });
      const now = (await catalog.listProfiles(TENANT, { offset: 0, limit: 50 })).profiles;
      const withoutTime = (profiles: typeof old) => profiles.map(({ updatedAt: _at, ...rest }) => rest);
      expect(withoutTime(now)).toEqual(withoutTime(old));
    });

    it('round-trips: export, then import of the export, changes nothing', async () => {
      const { location } = await locations.create(TENANT, {
        name: 'Sydney, Alexandria',
        suburb: 'Alexandria',
        postcode: '2015',
        state: 'NSW',
      });
      await catalog.upsertProfile(TENANT, 'sku:DESK "OAK", large', {
        packages: [
          carton,
          { type: 'tube', lengthCm: 120.5, widthCm: 10, heightCm: 10, weightKg: 0.028349523125, quantity: 2 },
        ],
        locationIds: [location.id],
        consolidatable: true,
        shipsAlone: true,
      });
      await catalog.upsertProfile(TENANT, 'variant:gid://shopify/ProductVariant/1', {
        packages: [],
        locationIds: [location.id],
      });
      const before = (await catalog.listProfiles(TENANT, { offset: 0, limit: 50 })).profiles;
      expect(before.map((profile) => profile.shipsAlone)).toContain(true);
      const exported = await catalog.exportCsv(TENANT);
      clock += 60_000;
      expect(await catalog.importCsv(TENANT, exported)).toMatchObject({ ok: true, imported: 2 });
      const after = (await catalog.listProfiles(TENANT, { offset: 0, limit: 50 })).profiles;
      const withoutTime = (profiles: typeof before) => profiles.map(({ updatedAt: _at, ...rest }) => rest);
      expect(withoutTime(after)).toEqual(withoutTime(before));
      expect(await catalog.exportCsv(TENANT)).toBe(exported);
    });
  });

  describe('default box', () => {
    it('is absent until set, then read back; a silly box is refused', async () => {
      expect(await catalog.getDefaultBox(TENANT)).toBeUndefined();
      const box = { type: 'carton', lengthCm: 30, widthCm: 20, heightCm: 15, tareWeightKg: 0.3 } as const;
      expect(await catalog.setDefaultBox(TENANT, box)).toEqual(box);
      expect(await catalog.getDefaultBox(TENANT)).toEqual(box);
      const bad = await refusal(catalog.setDefaultBox(TENANT, { ...box, lengthCm: 3000 }));
      expect(bad.details).toEqual([{ path: 'lengthCm', message: expect.stringContaining('millimetres') }]);
      expect(await catalog.getDefaultBox(TENANT)).toEqual(box);
    });
  });

  describe('missing-dimensions report', () => {
    it('lists known products without packages, those seen at checkout first, with what checkout does', async () => {
      await catalog.recordProducts(TENANT, [
        { sku: 'HAS-PROFILE', variantId: 1, title: 'Chair', grams: 5000 },
        { sku: 'BY-SKU', variantId: '2', title: 'Desk', grams: 20000 },
        { sku: 'EMPTY-PROFILE', title: 'Lamp', grams: 800 },
        { sku: 'NOTHING', title: 'Rug', grams: 0 },
        { title: 'No identity' },
      ]);
      await catalog.upsertProfile(TENANT, 'variant:1', { packages: [carton] });
      await catalog.upsertProfile(TENANT, 'sku:BY-SKU', { packages: [carton] });
      await catalog.upsertProfile(TENANT, 'sku:EMPTY-PROFILE', { packages: [] });
      clock += 1000;
      await catalog.recordSeenAtCheckout(TENANT, { sku: 'CHECKOUT-ONLY', grams: 1500 });

      const report = await catalog.missingDimensionsReport(TENANT);
      expect(report.items.map((item) => [item.key, item.reason])).toEqual([
        ['sku:CHECKOUT-ONLY', 'no_profile'],
        ['sku:EMPTY-PROFILE', 'no_packages'],
        ['sku:NOTHING', 'no_profile'],
      ]);
      expect(report.items[0]).toMatchObject({ grams: 1500, lastSeenAtCheckout: '2025-06-01T00:00:01.000Z' });
      expect(report.items[0]?.message).toContain('no default box');
      expect(report.items[2]?.message).toContain('no weight');

      await catalog.setDefaultBox(TENANT, {
        type: 'carton',
        lengthCm: 30,
        widthCm: 20,
        heightCm: 15,
        tareWeightKg: 0.3,
      });
      const after = await catalog.missingDimensionsReport(TENANT);
      expect(after.items[0]?.message).toContain('1.5 kg (the shop weight) in your default carton');
    });

    it("records a checkout sighting once per interval, and keeps the product sync's facts", async () => {
      await catalog.recordProducts(TENANT, [{ sku: 'A', title: 'Synced title', grams: 100 }]);
      await catalog.recordSeenAtCheckout(TENANT, { sku: 'A', grams: 999 });
      const first = await store.getDoc({ tenant: TENANT, kind: 'products', id: 'sku:A' });
      clock += 5_000;
      await catalog.recordSeenAtCheckout(TENANT, { sku: 'A', grams: 999 });
      expect(await store.getDoc({ tenant: TENANT, kind: 'products', id: 'sku:A' })).toEqual(first);
      expect(first).toMatchObject({
        title: 'Synced title',
        grams: 100,
        lastSeenAtCheckout: expect.any(String),
      });
    });
  });
});
