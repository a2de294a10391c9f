/**
 * Locations keep each platform's reference as an opaque string (freight-platform.ts `pickupRef`): a
 * warehouse link the merchant sets or clears, a suburb id the platform looks up, and the two
 * platform-specific fields of older stored documents read into them.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RateBridgeError } from '../../../core/errors.js';
import { parseTenantLocations } from '../../../core/locations/location-record.js';
import { createLocations } from '../../../core/locations/pickup-locations.js';
import { pickupPointFor } from '../../../core/locations/pickup-point.js';
import { createLogger } from '../../../core/logger.js';
import type { FreightPlatform, PlatformName } from '../../../core/platforms/freight-platform.js';
import { createPlatformRegistry } from '../../../core/platforms/registry.js';
import type { Store } from '../../../core/storage/store.js';
import type { UsableConnection } from '../../../core/tokens/token-lifecycle.js';
import { openTestStore } from '../catalog/test-stores.js';

const TENANT = 'refs-shop.myshopify.com';
const RICHMOND = { suburb: 'Richmond', postcode: '3121', state: 'VIC' };

function platform(name: PlatformName, pickupRef: FreightPlatform['pickupRef']): FreightPlatform {
  return {
    name,
    displayName: { machship: 'MachShip', bigpost: 'Big Post', sandbox: 'Sandbox' }[name],
    environments: ['live', 'test'],
    hasWarehouses: pickupRef.kind !== 'locality',
    limits: { perMinute: 60, perDay: 2000 },
    pickupRef,
    verifyToken: async () => ({ status: 'valid', detail: 'ok' }),
    quote: async () => ({ ok: true, value: [] }),
    searchLocalities: async () => ({
      ok: true,
      value: [{ ...RICHMOND, suburb: 'RICHMOND', state: 'VIC', platformId: `${name}-richmond` }],
    }),
    listWarehouses: async () => ({
      ok: true,
      value: [{ platformId: '7101', name: 'Main', ...RICHMOND }],
    }),
  };
}

const PLATFORMS = [
  platform('machship', { kind: 'warehouse', noun: 'company location' }),
  platform('bigpost', { kind: 'locality' }),
  platform('sandbox', { kind: 'none' }),
];

async function refusal(promise: Promise<unknown>): Promise<RateBridgeError> {
  try {
    await promise;
  } catch (error) {
    return error as RateBridgeError;
  }
  throw new Error('expected a refusal');
}

describe('platform references of pickup locations', () => {
  let store: Store;
  let close: () => Promise<void>;

  beforeEach(async () => {
    ({ store, close } = await openTestStore('embedded'));
  });
  afterEach(() => close());

  function locations() {
    const usable = PLATFORMS.map((p): UsableConnection => ({
      connection: {
        id: `con_${p.name}`,
        platform: p.name,
        environment: 'live',
        label: p.displayName,
        hint: 'abcd',
        status: 'active',
        createdAt: '2025-01-01T00:00:00.000Z',
        verifiedAt: null,
        lastUsedAt: null,
        lastCheck: null,
        nextCheckAt: '2025-01-01T00:00:00.000Z',
        revokedAt: null,
        account: null,
      },
      platform: p,
      credentials: { token: 't', environment: 'live' },
      tokenFingerprint: 'fp',
    }));
    return createLocations({
      store,
      tokens: {
        usableConnections: async () => usable,
        get: async (_tenant, id) => usable.find((u) => u.connection.id === id)!.connection,
        reportUnauthorized: async () => undefined,
      },
      platforms: createPlatformRegistry(PLATFORMS),
      logger: createLogger({ level: 'silent' }),
      platformTimeoutMs: 200,
    });
  }

  it('keeps a warehouse link and the looked-up suburb reference side by side', async () => {
    const { location, warnings } = await locations().create(TENANT, {
      name: 'Main',
      ...RICHMOND,
      platformRefs: { machship: '7101' },
    });
    expect(warnings).toEqual([]);
    expect(location.platformRefs).toEqual({ machship: '7101', bigpost: 'bigpost-richmond' });
    expect(pickupPointFor(location).platformRefs).toEqual(location.platformRefs);
  });

  it('unlinks a warehouse with null and keeps the suburb reference', async () => {
    const api = locations();
    const { location } = await api.create(TENANT, {
      name: 'Main',
      ...RICHMOND,
      platformRefs: { machship: '7101' },
    });
    const unlinked = await api.update(TENANT, location.id, { platformRefs: { machship: null } });
    expect(unlinked.location.platformRefs).toEqual({ bigpost: 'bigpost-richmond' });
  });

  it('refuses a reference the platform looks up itself, or one for a platform without warehouses', async () => {
    const refused = await refusal(
      locations().create(TENANT, { name: 'Main', ...RICHMOND, platformRefs: { bigpost: '1', sandbox: '2' } }),
    );
    expect(refused.details).toEqual([
      { path: 'platformRefs.bigpost', message: expect.stringContaining('looked up from the location') },
      { path: 'platformRefs.sandbox', message: 'Sandbox keeps no warehouses to link a location to.' },
    ]);
  });

  it('reads the platform-specific fields of older stored documents as references', () => {
    const stored = parseTenantLocations({
      locations: [
        {
          id: 'loc_AAAAAAAAAAAAAAAA',
          name: 'Old',
          ...RICHMOND,
          isDefault: true,
          machshipCompanyLocationId: 7101,
          bigpostLocalityId: 13121,
          createdAt: '2025-01-01T00:00:00.000Z',
          updatedAt: '2025-01-01T00:00:00.000Z',
        },
      ],
    });
    expect(stored.locations[0]?.platformRefs).toEqual({ machship: '7101', bigpost: '13121' });
    expect(stored.locations[0]).not.toHaveProperty('machshipCompanyLocationId');
  });
});
