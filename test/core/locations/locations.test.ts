import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { rbError, type RateBridgeError } from '../../../core/errors.js';
import { createLocations, type Locations } from '../../../core/locations/pickup-locations.js';
import { pickupPointFor } from '../../../core/locations/pickup-point.js';
import { createLogger } from '../../../core/logger.js';
import type {
  FreightPlatform,
  Locality,
  PlatformName,
  PlatformResult,
  PlatformWarehouse,
} from '../../../core/platforms/freight-platform.js';
import { createPlatformRegistry } from '../../../core/platforms/registry.js';
import type { Store } from '../../../core/storage/store.js';
import type { ConnectionView } from '../../../core/wire/admin-api-types.js';
import type { UsableConnection } from '../../../core/tokens/token-lifecycle.js';
import { openTestStore, STORE_KINDS } from '../catalog/test-stores.js';

const TENANT = 'locations-shop.myshopify.com';
const logger = createLogger({ level: 'silent' });

interface StubBehaviour {
  search?: (query: string, signal?: AbortSignal) => Promise<PlatformResult<readonly Locality[]>>;
  warehouses?: () => Promise<PlatformResult<readonly PlatformWarehouse[]>>;
}

function stubPlatform(name: PlatformName, behaviour: StubBehaviour = {}): FreightPlatform {
  return {
    name,
    displayName: { machship: 'MachShip', bigpost: 'Big Post', sandbox: 'Sandbox' }[name],
    environments: ['live', 'test'],
    hasWarehouses: name !== 'bigpost',
    limits: { perMinute: 60, perDay: 2000 },
    pickupRef: {
      machship: { kind: 'warehouse', noun: 'company location' } as const,
      bigpost: { kind: 'locality' } as const,
      sandbox: { kind: 'none' } as const,
    }[name],
    verifyToken: async () => ({ status: 'valid', detail: 'ok' }),
    quote: async () => ({ ok: true, value: [] }),
    searchLocalities: (_credentials, query, signal) =>
      behaviour.search ? behaviour.search(query, signal) : Promise.resolve({ ok: true, value: [] }),
    listWarehouses: () =>
      behaviour.warehouses ? behaviour.warehouses() : Promise.resolve({ ok: true, value: [] }),
  };
}

function connection(
  id: string,
  platform: FreightPlatform,
  status: ConnectionView['status'] = 'active',
): ConnectionView {
  return {
    id,
    platform: platform.name,
    environment: 'live',
    label: `${platform.displayName} account`,
    hint: 'abcd',
    status,
    createdAt: '2025-01-01T00:00:00.000Z',
    verifiedAt: null,
    lastUsedAt: null,
    lastCheck: null,
    nextCheckAt: '2025-01-01T00:00:00.000Z',
    revokedAt: null,
    account: null,
  };
}

/** A token lifecycle that knows exactly these connections (revoked ones are known but not usable). */
function stubTokens(connections: { view: ConnectionView; platform: FreightPlatform }[]) {
  const reported: string[] = [];
  return {
    reported,
    usableConnections: async (): Promise<UsableConnection[]> =>
      connections
        .filter((c) => c.view.status === 'active')
        .map((c) => ({
          connection: c.view,
          platform: c.platform,
          credentials: { token: 't', environment: 'live' },
          tokenFingerprint: 'fp',
        })),
    get: async (_tenant: string, id: string) => {
      const found = connections.find((c) => c.view.id === id);
      if (!found) throw rbError('RB_ERR_NOT_FOUND', 'That connection');
      return found.view;
    },
    reportUnauthorized: async (_tenant: string, id: string) => {
      reported.push(id);
    },
  };
}

async function refusal(promise: Promise<unknown>): Promise<RateBridgeError> {
  try {
    await promise;
  } catch (error) {
    return error as RateBridgeError;
  }
  throw new Error('expected a refusal');
}

const SYDNEY = { suburb: 'Sydney', postcode: '2000', state: 'NSW' };
const RICHMOND = { suburb: 'richmond', postcode: '3121', state: 'vic' };

describe.each(STORE_KINDS)('pickup locations (%s store)', (kind) => {
  let store: Store;
  let close: () => Promise<void>;

  function make(connections: { view: ConnectionView; platform: FreightPlatform }[] = []) {
    const tokens = stubTokens(connections);
    const locations = createLocations({
      store,
      tokens,
      platforms: createPlatformRegistry(connections.map((c) => c.platform)),
      logger,
      platformTimeoutMs: 200,
    });
    return { locations, tokens };
  }

  beforeEach(async () => {
    ({ store, close } = await openTestStore(kind));
  });
  afterEach(async () => {
    await store.deleteTenant(TENANT);
    await close();
  });

  describe('the default location', () => {
    let locations: Locations;
    beforeEach(() => {
      ({ locations } = make());
    });

    it('is the first location created; a later one becomes it only when asked', async () => {
      const first = await locations.create(TENANT, { name: 'Sydney DC', ...SYDNEY });
      const second = await locations.create(TENANT, { name: 'Richmond', ...RICHMOND });
      expect(first.location.isDefault).toBe(true);
      expect(second.location.isDefault).toBe(false);
      const third = await locations.create(TENANT, {
        name: 'Perth',
        suburb: 'Perth',
        postcode: '6000',
        state: 'WA',
        isDefault: true,
      });
      expect(third.location.isDefault).toBe(true);
      expect((await locations.list(TENANT)).filter((l) => l.isDefault).map((l) => l.id)).toEqual([
        third.location.id,
      ]);
      expect((await locations.defaultLocation(TENANT))?.id).toBe(third.location.id);
    });

    it('stays exactly one under 10 concurrent creates', async () => {
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          locations.create(TENANT, { name: `Warehouse ${i}`, ...SYDNEY, isDefault: i % 3 === 0 }),
        ),
      );
      const stored = await locations.list(TENANT);
      expect(stored).toHaveLength(10);
      expect(stored.filter((l) => l.isDefault)).toHaveLength(1);
      expect(new Set(results.map((r) => r.location.id)).size).toBe(10);
    });

    it('stays exactly one when the first creates race without asking for it', async () => {
      await Promise.all(
        Array.from({ length: 10 }, (_, i) => locations.create(TENANT, { name: `W${i}`, ...SYDNEY })),
      );
      expect((await locations.list(TENANT)).filter((l) => l.isDefault)).toHaveLength(1);
    });

    it('moves with setDefault, and deleting the default promotes the oldest other', async () => {
      const a = (await locations.create(TENANT, { name: 'A', ...SYDNEY })).location;
      const b = (await locations.create(TENANT, { name: 'B', ...SYDNEY })).location;
      const c = (await locations.create(TENANT, { name: 'C', ...SYDNEY })).location;
      expect((await locations.setDefault(TENANT, c.id)).isDefault).toBe(true);
      expect((await locations.get(TENANT, a.id)).isDefault).toBe(false);
      expect(await locations.delete(TENANT, c.id)).toEqual({ defaultLocationId: a.id });
      await locations.delete(TENANT, a.id);
      expect((await locations.get(TENANT, b.id)).isDefault).toBe(true);
      expect(await locations.delete(TENANT, b.id)).toEqual({});
      expect(await locations.list(TENANT)).toEqual([]);
      expect((await refusal(locations.delete(TENANT, b.id))).status).toBe(404);
    });

    it('cannot be switched off on the default itself', async () => {
      const a = (await locations.create(TENANT, { name: 'A', ...SYDNEY })).location;
      const refused = await refusal(locations.update(TENANT, a.id, { isDefault: false }));
      expect(refused.details).toEqual([{ path: 'isDefault', message: expect.any(String) }]);
    });
  });

  describe('validation', () => {
    let locations: Locations;
    beforeEach(() => {
      ({ locations } = make());
    });

    it('refuses impossible addresses with a detail per field, storing nothing', async () => {
      const refused = await refusal(
        locations.create(TENANT, { name: 'X', suburb: ' ', postcode: '30000', state: 'Vicc' }),
      );
      expect(refused.code).toBe('RB_ERR_VALIDATION');
      expect(refused.status).toBe(400);
      expect(refused.details.map((d) => d.path)).toEqual(['state', 'postcode', 'suburb']);
      const wrongState = await refusal(
        locations.create(TENANT, { name: 'X', suburb: 'Melbourne', postcode: '3000', state: 'NSW' }),
      );
      expect(wrongState.details).toEqual([
        {
          path: 'postcode',
          message: '3000 is not a NSW postcode (NSW uses 1000–2599, 2619–2899, 2921–2999). 3000 is in VIC.',
        },
      ]);
      expect(await locations.list(TENANT)).toEqual([]);
    });

    it('trusts the dataset over the postcode ranges at the borders', async () => {
      const mungindi = await locations.create(TENANT, {
        name: 'Mungindi',
        suburb: 'Mungindi',
        postcode: '2406',
        state: 'QLD',
      });
      expect(mungindi.warnings).toEqual([]);
      const jervis = await locations.create(TENANT, {
        name: 'Jervis Bay',
        suburb: 'Jervis Bay',
        postcode: '2540',
        state: 'ACT',
      });
      expect(jervis.location.state).toBe('ACT');
    });

    it('restores the leading zero a spreadsheet dropped, and takes state names', async () => {
      const { location } = await locations.create(TENANT, {
        name: 'Darwin',
        suburb: 'darwin',
        postcode: 800,
        state: 'Northern Territory',
      });
      expect(location).toMatchObject({ suburb: 'Darwin', postcode: '0800', state: 'NT' });
    });

    it('saves an unknown suburb with a warning that suggests the real ones', async () => {
      const { location, warnings } = await locations.create(TENANT, {
        name: 'Typo',
        suburb: 'Richmund',
        postcode: '3121',
        state: 'VIC',
      });
      expect(location.suburb).toBe('Richmund');
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain('does not list Richmund with postcode 3121');
      expect(warnings[0]).toContain('Richmond');
    });

    it('spells a listed suburb as Australia Post does', async () => {
      const { location, warnings } = await locations.create(TENANT, { name: 'R', ...RICHMOND });
      expect(warnings).toEqual([]);
      expect(location).toMatchObject({ suburb: 'Richmond', postcode: '3121', state: 'VIC' });
    });

    it('keeps names unique whatever their case', async () => {
      await locations.create(TENANT, { name: 'Main Warehouse', ...SYDNEY });
      const refused = await refusal(locations.create(TENANT, { name: ' main  warehouse ', ...SYDNEY }));
      expect(refused.details).toEqual([{ path: 'name', message: expect.stringContaining('already') }]);
    });

    it('refuses unknown fields and a wrong type', async () => {
      expect((await refusal(locations.create(TENANT, { name: 'A', ...SYDNEY, country: 'AU' }))).status).toBe(
        400,
      );
      expect(
        (await refusal(locations.create(TENANT, { name: 'A', ...SYDNEY, platformRefs: { machship: 7101 } })))
          .status,
      ).toBe(400);
      expect((await refusal(locations.update(TENANT, 'loc_missing', { name: 'B' }))).status).toBe(404);
    });

    it('updates only the fields given, and null clears the address line', async () => {
      const { location } = await locations.create(TENANT, { name: 'A', addressLine1: '1 Road', ...SYDNEY });
      const renamed = await locations.update(TENANT, location.id, { name: 'B', addressLine1: null });
      expect(renamed).toEqual({
        location: { ...location, name: 'B', addressLine1: undefined, updatedAt: expect.any(String) },
        warnings: [],
      });
      expect(await locations.get(TENANT, location.id)).not.toHaveProperty('addressLine1');
    });
  });

  it('refuses moving a location to an impossible address and keeps the old one', async () => {
    const { locations } = make();
    const { location } = await locations.create(TENANT, { name: 'A', ...SYDNEY });
    const refused = await refusal(locations.update(TENANT, location.id, { postcode: '3000' }));
    expect(refused.details.map((d) => d.path)).toEqual(['postcode']);
    expect((await locations.get(TENANT, location.id)).postcode).toBe('2000');
    const moved = await locations.update(TENANT, location.id, { ...RICHMOND });
    expect(moved.location).toMatchObject({ suburb: 'Richmond', state: 'VIC', createdAt: location.createdAt });
  });

  describe('platform confirmation', () => {
    it('stores the Big Post LocalityId and caches it for the next location in that suburb', async () => {
      const search = vi.fn(async (query: string) => ({
        ok: true as const,
        value: [
          { suburb: 'RICHMOND', postcode: '2753', state: 'NSW' as const, platformId: '12753' },
          { suburb: 'RICHMOND', postcode: '3121', state: 'VIC' as const, platformId: '13121' },
        ].filter((l) => query.toUpperCase().startsWith(`${l.suburb} `)),
      }));
      const bigpost = stubPlatform('bigpost', { search });
      const { locations } = make([{ view: connection('con_bigpost', bigpost), platform: bigpost }]);
      const first = await locations.create(TENANT, { name: 'R1', ...RICHMOND });
      expect(first).toMatchObject({ location: { platformRefs: { bigpost: '13121' } }, warnings: [] });
      // The adapter takes what its platform's search uses of "suburb postcode" (Big Post: the name).
      expect(search).toHaveBeenCalledWith('Richmond 3121', expect.any(AbortSignal));
      const second = await locations.create(TENANT, { name: 'R2', ...RICHMOND });
      expect(second.location.platformRefs).toEqual({ bigpost: '13121' });
      expect(search).toHaveBeenCalledTimes(1);
      expect(pickupPointFor(second.location)).toEqual({
        name: 'R2',
        suburb: 'Richmond',
        postcode: '3121',
        state: 'VIC',
        platformRefs: { bigpost: '13121' },
      });
    });

    it('drops the Big Post LocalityId of the old suburb when a location moves', async () => {
      const bigpost = stubPlatform('bigpost', {
        search: async () => ({
          ok: true,
          value: [{ suburb: 'RICHMOND', postcode: '3121', state: 'VIC', platformId: '13121' }],
        }),
      });
      const { locations } = make([{ view: connection('con_bigpost', bigpost), platform: bigpost }]);
      const { location } = await locations.create(TENANT, { name: 'R', ...RICHMOND });
      const moved = await locations.update(TENANT, location.id, SYDNEY);
      expect(moved.location.platformRefs).toBeUndefined();
      expect(moved.warnings).toEqual([expect.stringContaining('does not list SYDNEY 2000 NSW')]);
    });

    it('warns, never refuses, when a platform does not list the suburb or does not answer in time', async () => {
      const machship = stubPlatform('machship', {
        search: (_query, signal) =>
          new Promise((resolve) =>
            signal?.addEventListener('abort', () =>
              resolve({
                ok: false,
                failure: { reason: 'timeout', detail: 'MachShip did not answer in time' },
              }),
            ),
          ),
      });
      const sandbox = stubPlatform('sandbox');
      const { locations } = make([
        { view: connection('con_machship', machship), platform: machship },
        { view: connection('con_sandbox', sandbox), platform: sandbox },
      ]);
      const started = Date.now();
      const { location, warnings } = await locations.create(TENANT, { name: 'S', ...SYDNEY });
      expect(Date.now() - started).toBeLessThan(2000);
      expect(location.id).toMatch(/^loc_/);
      expect(warnings).toEqual([
        'MachShip ("MachShip account") could not confirm SYDNEY 2000 NSW just now: MachShip did not answer in time. The location was saved; save it again later to re-check.',
        'Sandbox ("Sandbox account") does not list SYDNEY 2000 NSW. Quotes from this location through it may fail: check the suburb and postcode.',
      ]);
    });

    it('tells the token lifecycle when the platform rejects the token', async () => {
      const machship = stubPlatform('machship', {
        search: async () => ({
          ok: false,
          failure: { reason: 'unauthorized', detail: 'MachShip did not accept the token' },
        }),
      });
      const { locations, tokens } = make([
        { view: connection('con_machship', machship), platform: machship },
      ]);
      const { warnings } = await locations.create(TENANT, { name: 'S', ...SYDNEY });
      expect(warnings).toHaveLength(1);
      await vi.waitFor(() => expect(tokens.reported).toEqual(['con_machship']));
    });

    it('warns when a linked MachShip company location is not in the account', async () => {
      const machship = stubPlatform('machship', {
        search: async () => ({ ok: true, value: [{ suburb: 'SYDNEY', postcode: '2000', state: 'NSW' }] }),
        warehouses: async () => ({
          ok: true,
          value: [{ platformId: '7101', name: 'Main', suburb: 'SYDNEY', postcode: '2000', state: 'NSW' }],
        }),
      });
      const { locations } = make([{ view: connection('con_machship', machship), platform: machship }]);
      const linked = await locations.create(TENANT, {
        name: 'A',
        ...SYDNEY,
        platformRefs: { machship: '7101' },
      });
      expect(linked.warnings).toEqual([]);
      expect(pickupPointFor(linked.location).platformRefs).toEqual({ machship: '7101' });
      const stale = await locations.create(TENANT, {
        name: 'B',
        ...SYDNEY,
        platformRefs: { machship: '9999' },
      });
      expect(stale.warnings).toEqual([expect.stringContaining('no company location 9999')]);
      const twice = await refusal(
        locations.create(TENANT, { name: 'C', ...SYDNEY, platformRefs: { machship: '7101' } }),
      );
      expect(twice.details).toEqual([
        { path: 'platformRefs.machship', message: expect.stringContaining('"A"') },
      ]);
    });
  });

  describe("importing a platform account's warehouses", () => {
    const WAREHOUSES: PlatformWarehouse[] = [
      {
        platformId: '7101',
        name: 'Main warehouse',
        addressLine1: '12 Example St',
        suburb: 'RICHMOND',
        postcode: '3121',
        state: 'VIC',
      },
      { platformId: '7102', name: 'Sydney', suburb: 'SYDNEY', postcode: '2000', state: 'NSW' },
      { platformId: '7103', name: 'Overseas', suburb: 'AUCKLAND', postcode: '1010', state: 'AUK' },
      { platformId: '7104', name: 'Sydney', suburb: 'ALEXANDRIA', postcode: '2015', state: 'NSW' },
    ];

    it('creates, links and skips in one call, and a second call changes nothing', async () => {
      const machship = stubPlatform('machship', {
        warehouses: async () => ({ ok: true, value: WAREHOUSES }),
      });
      const { locations } = make([{ view: connection('con_machship', machship), platform: machship }]);
      // Already here, at the address of company location 7102: linked, not duplicated.
      const existing = (await locations.create(TENANT, { name: 'Sydney', ...SYDNEY })).location;

      const result = await locations.importWarehouses(TENANT, 'con_machship');
      expect(result.created.map((l) => [l.name, l.platformRefs?.machship, l.isDefault])).toEqual([
        ['Main warehouse', '7101', false],
        ['Sydney (Alexandria)', '7104', false],
      ]);
      expect(result.created[0]).toMatchObject({
        addressLine1: '12 Example St',
        suburb: 'Richmond',
        state: 'VIC',
      });
      expect(result.linked).toEqual([
        expect.objectContaining({ id: existing.id, platformRefs: { machship: '7102' } }),
      ]);
      expect(result.skipped).toEqual([
        { platformId: '7103', name: 'Overseas', reason: expect.stringContaining('not an Australian state') },
      ]);

      const again = await locations.importWarehouses(TENANT, 'con_machship');
      expect(again.created).toEqual([]);
      expect(again.linked).toEqual([]);
      expect(again.unchanged.map((l) => l.platformRefs?.machship).sort()).toEqual(['7101', '7102', '7104']);
      expect(await locations.list(TENANT)).toHaveLength(3);
    });

    it('makes the first imported warehouse the default of a tenant with none', async () => {
      const machship = stubPlatform('machship', {
        warehouses: async () => ({ ok: true, value: WAREHOUSES }),
      });
      const { locations } = make([{ view: connection('con_machship', machship), platform: machship }]);
      const result = await locations.importWarehouses(TENANT, 'con_machship');
      expect(result.created.map((l) => l.isDefault)).toEqual([true, false, false]);
    });

    it('refuses a platform without warehouses, a revoked connection, an unknown one, and a failing platform', async () => {
      const bigpost = stubPlatform('bigpost');
      const revoked = stubPlatform('machship');
      const down = stubPlatform('sandbox', {
        warehouses: async () => ({
          ok: false,
          failure: { reason: 'unreachable', detail: 'The sandbox is down.' },
        }),
      });
      const { locations } = make([
        { view: connection('con_bigpost', bigpost), platform: bigpost },
        { view: connection('con_revoked', revoked, 'revoked'), platform: revoked },
        { view: connection('con_down', down), platform: down },
      ]);
      expect((await refusal(locations.importWarehouses(TENANT, 'con_bigpost'))).details).toEqual([
        { path: 'connectionId', message: expect.stringContaining('Big Post keeps no warehouses') },
      ]);
      expect((await refusal(locations.importWarehouses(TENANT, 'con_revoked'))).code).toBe(
        'RB_ERR_CONNECTION_REVOKED',
      );
      expect((await refusal(locations.importWarehouses(TENANT, 'con_nope'))).status).toBe(404);
      const failed = await refusal(locations.importWarehouses(TENANT, 'con_down'));
      expect([failed.code, failed.status, failed.message]).toEqual([
        'RB_ERR_PLATFORM_UNREACHABLE',
        502,
        'The sandbox is down.',
      ]);
      expect(await locations.list(TENANT)).toEqual([]);
    });
  });
});
