/**
 * A location's despatch settings (#15): defaults for a new location and for every location stored before
 * them (read without loss), replaced whole by an update, and refused with coded, pointed errors.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RateBridgeError } from '../../../core/errors.js';
import { locationsDocRef } from '../../../core/locations/location-record.js';
import { createLocations, type Locations } from '../../../core/locations/pickup-locations.js';
import { createLogger } from '../../../core/logger.js';
import { createPlatformRegistry } from '../../../core/platforms/registry.js';
import type { Store } from '../../../core/storage/store.js';
import { openTestStore, STORE_KINDS } from '../catalog/test-stores.js';

const TENANT = 'despatch-shop.myshopify.com';
const SYDNEY = { suburb: 'Sydney', postcode: '2000', state: 'NSW' };
const DEFAULTS = {
  handlingDays: 0,
  cutoff: '14:00',
  weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'],
  closedDates: [],
};

async function refusal(promise: Promise<unknown>): Promise<RateBridgeError> {
  try {
    await promise;
  } catch (error) {
    return error as RateBridgeError;
  }
  throw new Error('expected a refusal');
}

describe.each(STORE_KINDS)('despatch settings (%s store)', (kind) => {
  let store: Store;
  let close: () => Promise<void>;
  let locations: Locations;

  beforeEach(async () => {
    ({ store, close } = await openTestStore(kind));
    locations = createLocations({
      store,
      tokens: { usableConnections: async () => [], reportUnauthorized: async () => undefined },
      platforms: createPlatformRegistry([]),
      logger: createLogger({ level: 'silent' }),
      platformTimeoutMs: 200,
    } as unknown as Parameters<typeof createLocations>[0]);
  });
  afterEach(async () => {
    await store.deleteTenant(TENANT);
    await close();
  });

  it('are the defaults for a new location and are replaced whole by an update', async () => {
    const { location } = await locations.create(TENANT, { name: 'Sydney DC', ...SYDNEY });
    expect(location.despatch).toEqual(DEFAULTS);
    const despatch = {
      handlingDays: 2,
      cutoff: '11:30',
      weekdays: ['mon', 'wed', 'fri'] as const,
      closedDates: [{ from: '2026-12-24', to: '2027-01-04', note: 'Christmas shutdown' }],
    };
    const updated = await locations.update(TENANT, location.id, { despatch });
    expect(updated.location.despatch).toEqual(despatch);
    // Another field's update leaves them alone.
    await locations.update(TENANT, location.id, { name: 'Sydney warehouse' });
    expect((await locations.get(TENANT, location.id)).despatch).toEqual(despatch);
    const [pickup] = await locations.pickupLocations(TENANT);
    expect(pickup?.despatch).toEqual(despatch);
  });

  it('are read as the defaults for a location stored before them, nothing else lost', async () => {
    await store.putDoc(locationsDocRef(TENANT), {
      locations: [
        {
          id: 'loc_legacy',
          name: 'Old DC',
          suburb: 'Sydney',
          postcode: '2000',
          state: 'NSW',
          isDefault: true,
          machshipCompanyLocationId: 7101,
          createdAt: '2025-01-01T00:00:00.000Z',
          updatedAt: '2025-01-01T00:00:00.000Z',
        },
      ],
    });
    const legacy = await locations.get(TENANT, 'loc_legacy');
    expect(legacy).toMatchObject({ name: 'Old DC', platformRefs: { machship: '7101' }, despatch: DEFAULTS });
    // The first write stores them, with the rest as it was.
    await locations.update(TENANT, 'loc_legacy', { despatch: { ...DEFAULTS, handlingDays: 1 } });
    const raw = (await store.getDoc(locationsDocRef(TENANT))) as { locations: Record<string, unknown>[] };
    expect(raw.locations[0]).toMatchObject({
      id: 'loc_legacy',
      platformRefs: { machship: '7101' },
      despatch: { handlingDays: 1, cutoff: '14:00' },
    });
  });

  it('refuses a bad cut-off, day, range or handling time with a coded error at the field', async () => {
    const { location } = await locations.create(TENANT, { name: 'Sydney DC', ...SYDNEY });
    const cases: [unknown, string][] = [
      [{ ...DEFAULTS, cutoff: '2pm' }, 'despatch.cutoff'],
      [{ ...DEFAULTS, cutoff: '24:00' }, 'despatch.cutoff'],
      [{ ...DEFAULTS, weekdays: [] }, 'despatch.weekdays'],
      [{ ...DEFAULTS, weekdays: ['mon', 'funday'] }, 'despatch.weekdays.1'],
      [{ ...DEFAULTS, weekdays: ['mon', 'mon'] }, 'despatch.weekdays'],
      [{ ...DEFAULTS, handlingDays: 31 }, 'despatch.handlingDays'],
      [{ ...DEFAULTS, closedDates: [{ from: '2026-12-24', to: '2026-12-01' }] }, 'despatch.closedDates.0.to'],
      [
        { ...DEFAULTS, closedDates: [{ from: '2026-02-30', to: '2026-03-01' }] },
        'despatch.closedDates.0.from',
      ],
      [{ ...DEFAULTS, closedDates: [{ from: '2026-01-01', to: '2028-01-01' }] }, 'despatch.closedDates.0.to'],
      [{ handlingDays: 1 }, 'despatch.cutoff'],
    ];
    for (const [despatch, path] of cases) {
      const refused = await refusal(locations.update(TENANT, location.id, { despatch }));
      expect(refused.code, path).toBe('RB_ERR_VALIDATION');
      expect(refused.status, path).toBe(400);
      expect(
        refused.details?.map((detail) => detail.path),
        path,
      ).toContain(path);
    }
    // What the form sends for a handling time that is not a whole number (NaN goes out as null).
    const typed = await refusal(
      locations.update(TENANT, location.id, { despatch: { ...DEFAULTS, handlingDays: null } }),
    );
    expect(typed.details).toContainEqual({
      path: 'despatch.handlingDays',
      message: 'Give the handling days as a whole number from 0 to 30.',
    });
    expect((await locations.get(TENANT, location.id)).despatch).toEqual(DEFAULTS);
  });
});
