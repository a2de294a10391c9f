/**
 * Pickup locations and packaging over real sockets: the admin routes mounted on an Express app the way the
 * admin API mounts them (a stand-in for the front end's auth sets the tenant), a real core (token lifecycle,
 * sealing, store), and fake MachShip and Big Post servers speaking their wire formats. A merchant connects
 * both platforms, imports the MachShip warehouses, adds a location, uploads a packaging CSV with a bad row
 * (refused, nothing applied, the line named), fixes it, exports and re-imports. On both stores.
 */
import { randomBytes } from 'node:crypto';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectionsRoutes } from '../../core/admin-api/connections-routes.js';
import { errorHandler, notFoundHandler } from '../../core/http/error-handler.js';
import { locationsRoutes } from '../../core/admin-api/locations-routes.js';
import { packagingRoutes } from '../../core/admin-api/packaging-routes.js';
import { asTenantId, setTenantContext } from '../../core/admin-api/tenant-context.js';
import { createCatalog, type Catalog } from '../../core/catalog/packaging-catalog.js';
import { PACKAGING_CSV_HEADER } from '../../core/catalog/packaging-csv.js';
import { createLocations } from '../../core/locations/pickup-locations.js';
import { createBigPostPlatform } from '../../core/platforms/bigpost/index.js';
import { createMachShipPlatform } from '../../core/platforms/machship/index.js';
import { createCore, type Core } from '../../core/ratebridge.js';
import { openEmbeddedStore } from '../../core/storage/embedded-store.js';
import { BigPostFake } from '../fakes/bigpost-fake.js';
import { MachShipFake } from '../fakes/machship-fake.js';
import { listen } from '../support/listen.js';
import { capturingLogger } from '../support/log-capture.js';
import { probeRedis, testRedisStore } from '../support/redis.js';
import { tempDir } from '../support/temp-dir.js';
import { testConfig } from '../support/test-config.js';
import type { ErrorBody, LocationRecord as Location } from '../../core/wire/admin-api-types.js';

const redis = await probeRedis();
const stores = redis.ok ? (['embedded', 'redis'] as const) : (['embedded'] as const);

describe.each(stores)('locations and packaging over HTTP (%s store)', (storeKind) => {
  const machship = new MachShipFake();
  const bigpost = new BigPostFake();
  const machshipToken = `ms_${randomBytes(16).toString('hex')}`;
  const bigpostToken = `bp_${randomBytes(16).toString('hex')}`;
  const tenant = `shop-${randomBytes(3).toString('hex')}.myshopify.com`;
  let core: Core;
  let catalog: Catalog;
  let server: { url: string; close: () => Promise<void> };
  let removeDir: () => Promise<void>;
  let logs: () => string;

  async function api(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const json = body !== undefined && typeof body !== 'string';
    const response = await fetch(`${server.url}/admin/api${path}`, {
      method,
      headers: {
        'x-test-tenant': tenant,
        ...(json ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body === undefined ? {} : { body: json ? JSON.stringify(body) : (body as string) }),
    });
    const text = await response.text();
    const isJson = response.headers.get('content-type')?.includes('json') ?? false;
    return {
      status: response.status,
      body: (isJson && text ? JSON.parse(text) : text) as unknown,
      raw: response,
    };
  }

  beforeAll(async () => {
    machship.addToken(machshipToken);
    bigpost.addToken(bigpostToken);
    const [{ url: machshipUrl }, { url: bigpostUrl }] = await Promise.all([
      machship.start(),
      bigpost.start(),
    ]);
    const { dir, remove } = await tempDir('locations-e2e');
    removeDir = remove;
    const captured = capturingLogger();
    logs = captured.text;
    const store = storeKind === 'redis' ? testRedisStore() : await openEmbeddedStore({ dataDir: dir });
    core = await createCore({
      config: testConfig({ DATA_DIR: dir }),
      logger: captured.logger,
      store,
      platforms: [
        createMachShipPlatform({ baseUrl: machshipUrl, timeoutMs: 2000 }),
        createBigPostPlatform({ liveBaseUrl: bigpostUrl, testBaseUrl: bigpostUrl, timeoutMs: 2000 }),
      ],
      tokens: { attemptLimit: { attempts: 100, windowMs: 60_000 } },
    });
    const locations = createLocations({
      store,
      tokens: core.tokens,
      platforms: core.platforms,
      logger: captured.logger,
    });
    catalog = createCatalog({ store, logger: captured.logger });

    const app = express();
    // Stands in for the front end's authentication, which sets the tenant the same way.
    app.use('/admin/api', (request, response, next) => {
      const who = request.header('x-test-tenant');
      if (who)
        setTenantContext(response, {
          tenant: asTenantId(who),
          actor: 'merchant',
          role: 'owner',
          frontEnd: 'standalone',
        });
      next();
    });
    app.use('/admin/api', connectionsRoutes(core.tokens, core.platforms));
    app.use('/admin/api', locationsRoutes(locations));
    app.use('/admin/api', packagingRoutes(catalog));
    app.use(notFoundHandler);
    app.use(errorHandler(captured.logger));
    server = await listen(app);
  });

  afterAll(async () => {
    await server?.close();
    await core?.store.deleteTenant(tenant);
    await core?.close();
    await Promise.all([machship.stop(), bigpost.stop()]);
    await removeDir?.();
  });

  it('imports MachShip warehouses and manages locations with platform checks', async () => {
    const connected = await Promise.all([
      api('POST', '/connections', {
        platform: 'machship',
        environment: 'live',
        label: 'MachShip',
        token: machshipToken,
      }),
      api('POST', '/connections', {
        platform: 'bigpost',
        environment: 'live',
        label: 'Big Post',
        token: bigpostToken,
      }),
    ]);
    expect(connected.map((c) => c.status)).toEqual([201, 201]);
    const machshipId = (connected[0].body as { connection: { id: string } }).connection.id;

    // One call: the account's company location becomes a linked pickup location, Big Post's id resolved.
    const imported = await api('POST', '/locations/import-warehouses', { connectionId: machshipId });
    expect(imported.status).toBe(200);
    const { created, skipped } = imported.body as { created: Location[]; skipped: unknown[] };
    expect(skipped).toEqual([]);
    expect(created).toEqual([
      expect.objectContaining({
        name: 'Main warehouse',
        suburb: 'Richmond',
        isDefault: true,
        platformRefs: { machship: '7101', bigpost: '13121' },
      }),
    ]);
    const again = await api('POST', '/locations/import-machship', { connectionId: machshipId });
    expect((again.body as { created: unknown[]; unchanged: unknown[] }).unchanged).toHaveLength(1);

    // Both platforms know Sydney 2000: no warnings, and Big Post's LocalityId kept.
    const sydney = await api('POST', '/locations', {
      name: 'Sydney DC',
      suburb: 'sydney',
      postcode: '2000',
      state: 'NSW',
    });
    expect(sydney.status).toBe(201);
    expect(sydney.raw.headers.get('location')).toMatch(/\/admin\/api\/locations\/loc_/);
    const sydneyBody = sydney.body as { location: Location; warnings: string[] };
    expect(sydneyBody).toMatchObject({
      location: { suburb: 'Sydney', isDefault: false, platformRefs: { bigpost: '11001' } },
      warnings: [],
    });

    // A real suburb the platforms' (fake) data lacks: saved, with a warning from each.
    const alexandria = await api('POST', '/locations', {
      name: 'Alexandria',
      suburb: 'Alexandria',
      postcode: '2015',
      state: 'NSW',
    });
    expect(alexandria.status).toBe(201);
    const { warnings } = alexandria.body as { warnings: string[] };
    expect(warnings).toEqual([
      expect.stringContaining('Big Post ("Big Post") does not list ALEXANDRIA 2015 NSW'),
      expect.stringContaining('MachShip ("MachShip") does not list ALEXANDRIA 2015 NSW'),
    ]);

    // Impossible input: refused per field, nothing stored.
    const bad = await api('POST', '/locations', {
      name: 'Nowhere',
      suburb: 'Sydney',
      postcode: '200',
      state: 'XX',
    });
    expect(bad.status).toBe(400);
    expect((bad.body as ErrorBody).error.details?.map((d) => d.path)).toEqual(['state', 'postcode']);
    const clash = await api('POST', '/locations', {
      name: 'sydney dc',
      suburb: 'Sydney',
      postcode: '2000',
      state: 'NSW',
    });
    expect([clash.status, (clash.body as ErrorBody).error.details?.[0]?.path]).toEqual([400, 'name']);

    const id = sydneyBody.location.id;
    expect((await api('POST', `/locations/${id}/default`)).status).toBe(200);
    const listed = (await api('GET', '/locations')).body as { locations: Location[] };
    expect(listed.locations.map((l) => [l.name, l.isDefault])).toEqual([
      ['Main warehouse', false],
      ['Sydney DC', true],
      ['Alexandria', false],
    ]);
    const updated = await api('PUT', `/locations/${id}`, { addressLine1: '1 Bourke Road' });
    expect(updated.body).toMatchObject({
      location: { addressLine1: '1 Bourke Road', platformRefs: { bigpost: '11001' } },
      warnings: [],
    });
    expect((await api('PUT', `/locations/${id}`, { colour: 'red' })).status).toBe(400);
    expect((await api('GET', '/locations/not-an-id')).status).toBe(400);
    expect((await api('GET', '/locations/loc_AAAAAAAAAAAAAAAA')).status).toBe(404);
    expect(
      (await api('POST', '/locations/import-machship', { connectionId: 'con_AAAAAAAAAAAAAAAA' })).status,
    ).toBe(404);

    const warehouses = await api('GET', `/locations/platform-warehouses?connectionId=${machshipId}`);
    expect(warehouses.body).toEqual({
      warehouses: [expect.objectContaining({ platformId: '7101', name: 'Main warehouse' })],
    });
  });

  it('imports packaging from CSV all or nothing, reporting bad rows by line, and round-trips the export', async () => {
    const header = PACKAGING_CSV_HEADER.join(',');
    const withBadRow = [
      header,
      'CHAIR-1,,carton,60,50,40,12.5,1,Sydney DC,true,',
      '',
      '"DESK, OAK",,carton,120,60,10,30,1,Main warehouse|Sydney DC,,yes',
      'LAMP,,tube,100,10,10,3200,1,,,',
    ].join('\r\n');
    const refused = await api('POST', '/packaging/import', withBadRow, { 'content-type': 'text/csv' });
    expect(refused.status).toBe(400);
    const error = (refused.body as ErrorBody).error;
    expect(error.code).toBe('RB_ERR_CSV_INVALID');
    expect(error.details).toEqual([
      {
        path: 'line 5',
        message: expect.stringMatching(/^weight_kg: A tube of 3200 kg .* name the column weight_g\.$/),
      },
    ]);
    expect((await api('GET', '/packaging')).body).toMatchObject({ profiles: [], total: 0 });

    const fixed = `\uFEFF${withBadRow.replace('3200', '3.2')}\r\n`;
    const accepted = await api('POST', '/packaging/import', fixed, {
      'content-type': 'text/csv; charset=utf-8',
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toEqual({
      imported: 3,
      rows: 3,
      profiles: ['sku:CHAIR-1', 'sku:DESK, OAK', 'sku:LAMP'],
    });

    const desk = await api('GET', `/packaging/${encodeURIComponent('sku:DESK, OAK')}`);
    expect(desk.status).toBe(200);
    expect(desk.body).toMatchObject({ profile: { shipsAlone: true } });
    expect((desk.body as { profile: { locationIds: string[] } }).profile.locationIds).toHaveLength(2);

    // A Shopify variant gid holds slashes: URL-encoded, it is one key.
    const variantKey = encodeURIComponent('variant:gid://shopify/ProductVariant/9');
    const put = await api('PUT', `/packaging/${variantKey}`, {
      packages: [{ type: 'satchel', lengthCm: 30, widthCm: 20, heightCm: 5, weightKg: 0.4 }],
    });
    expect(put.status).toBe(200);
    expect((await api('GET', `/packaging/${variantKey}`)).body).toMatchObject({
      profile: { variantId: 'gid://shopify/ProductVariant/9', packages: [{ quantity: 1 }] },
    });
    const implausible = await api('PUT', '/packaging/sku%3AX', {
      packages: [{ type: 'carton', lengthCm: 2000, widthCm: 20, heightCm: 5, weightKg: 1 }],
    });
    expect((implausible.body as ErrorBody).error.details).toEqual([
      { path: 'packages.0.lengthCm', message: expect.stringContaining('millimetres') },
    ]);
    expect((await api('GET', '/packaging/CHAIR-1')).status).toBe(400);
    expect((await api('DELETE', '/packaging/sku%3ANOPE')).status).toBe(404);

    const exported = await api('GET', '/packaging/export');
    expect(exported.status).toBe(200);
    expect(exported.raw.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(exported.raw.headers.get('content-disposition')).toBe('attachment; filename=packaging.csv');
    const csv = exported.body as string;
    expect(csv.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe(header);
    const reimported = await api('POST', '/packaging/import', csv, { 'content-type': 'text/csv' });
    expect(reimported.body).toMatchObject({ imported: 4 });
    expect((await api('GET', '/packaging/export')).body).toBe(csv);

    const page = await api('GET', '/packaging?offset=1&limit=2');
    expect(page.body).toMatchObject({
      total: 4,
      offset: 1,
      limit: 2,
      profiles: [{ key: 'sku:DESK, OAK' }, { key: 'sku:LAMP' }],
    });
  });

  it('refuses what is not a CSV upload with coded errors', async () => {
    const json = await api('POST', '/packaging/import', { rows: [] });
    expect([json.status, (json.body as ErrorBody).error.code]).toEqual([
      415,
      'RB_ERR_UNSUPPORTED_MEDIA_TYPE',
    ]);
    const huge = `${PACKAGING_CSV_HEADER.join(',')}\n${'x'.repeat(5 * 1024 * 1024)}`;
    const tooLarge = await api('POST', '/packaging/import', huge, { 'content-type': 'text/csv' });
    expect([tooLarge.status, (tooLarge.body as ErrorBody).error.code]).toEqual([
      413,
      'RB_ERR_BODY_TOO_LARGE',
    ]);
    const empty = await api('POST', '/packaging/import', '', { 'content-type': 'text/csv' });
    expect((empty.body as ErrorBody).error.details).toEqual([
      { path: 'line 1', message: expect.stringContaining('empty') },
    ]);
    const unknownColumn = await api('POST', '/packaging/import', 'sku,colour\nA,red\n', {
      'content-type': 'text/csv',
    });
    expect((unknownColumn.body as ErrorBody).error.details?.[0]?.message).toContain('"colour"');
    const anonymous = await fetch(`${server.url}/admin/api/locations`);
    expect(anonymous.status).toBe(401);
  });

  it('reports products without dimensions and keeps the default box', async () => {
    await catalog.recordProducts(tenant, [
      { sku: 'CHAIR-1', title: 'Chair', grams: 12000 },
      { sku: 'RUG', variantId: 55, title: 'Rug', grams: 4000 },
    ]);
    const box = { type: 'carton', lengthCm: 40, widthCm: 30, heightCm: 20, tareWeightKg: 0.4 };
    expect((await api('GET', '/packaging-settings/default-box')).body).toEqual({ defaultBox: null });
    expect((await api('PUT', '/packaging-settings/default-box', box)).body).toEqual({ defaultBox: box });
    expect((await api('PUT', '/packaging-settings/default-box', { ...box, type: 'envelope' })).status).toBe(
      400,
    );
    const report = await api('GET', '/packaging/missing-dimensions');
    expect(report.body).toEqual({
      items: [expect.objectContaining({ key: 'variant:55', sku: 'RUG', reason: 'no_profile' })],
      total: 1,
      offset: 0,
      limit: 50,
    });
  });

  it('deleting the default location promotes another, and no token reached a response or a log', async () => {
    const { locations } = (await api('GET', '/locations')).body as { locations: Location[] };
    const current = locations.find((l) => l.isDefault);
    const deleted = await api('DELETE', `/locations/${current?.id}`);
    expect(deleted.body).toEqual({ defaultLocationId: locations[0]?.id });
    const after = ((await api('GET', '/locations')).body as { locations: Location[] }).locations;
    expect(after.filter((l) => l.isDefault).map((l) => l.name)).toEqual(['Main warehouse']);
    for (const token of [machshipToken, bigpostToken]) expect(logs()).not.toContain(token);
  });
});
