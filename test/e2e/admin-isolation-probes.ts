/**
 * How store B attacks each route of core's admin API (createAdminApiRouter), shared by the two tenant-isolation
 * walks: the standalone admin at /admin/api (test/e2e/tenant-isolation.test.ts) and the embedded Shopify admin at
 * /shopify/api (test/e2e/shopify-tenant-isolation.test.ts), which both serve that router.
 */
import { randomBytes } from 'node:crypto';
import type { Router } from 'express';
import { PACKAGING_CSV_HEADER } from '../../core/catalog/packaging-csv.js';

/** A's ids, filled in once A is set up; a probe's path uses them in place of `:id` / `:key`. */
export interface CoreIds {
  connection: string;
  location: string;
  packaging: string;
  /** One of A's boxes (`/packaging/boxes/:id`). */
  box: string;
  rateLog: string;
}

export interface Probe<I extends CoreIds = CoreIds> {
  /** The path B calls (A's ids in place of the parameters); the route's own path when absent. */
  readonly path?: (ids: I) => string;
  readonly body?: (ids: I) => unknown;
  readonly csv?: string;
  /** 'not-found': A's record, so B must get 404; 'own': B acts on its own data (any status but 5xx). */
  readonly expect: 'not-found' | 'own';
}

export const mark = randomBytes(4).toString('hex');
/** Every name A gives its things: none may ever appear in an answer to B. */
export const CANARIES = {
  connection: `A-connection-${mark}`,
  location: `A-depot-${mark}`,
  sku: `A-SKU-${mark}`,
  rate: `A-fallback-${mark}`,
  key: `A key ${mark}`,
  person: `a-person-${mark}@example.com`,
  invited: `a-invited-${mark}@example.com`,
  box: `A-box-${mark}`,
};
export const box = { type: 'carton', lengthCm: 50, widthCm: 40, heightCm: 30, weightKg: 9 };
/** A carton of the merchant's, named `name`. */
export const packingBox = (name: string) => ({
  kind: 'carton',
  name,
  innerCm: { lengthCm: 40, widthCm: 30, heightCm: 20 },
  wallCm: 0.5,
  tareWeightKg: 0.4,
  maxWeightKg: 20,
});
export const defaultBox = { type: 'carton', lengthCm: 50, widthCm: 40, heightCm: 30, tareWeightKg: 1 };
export const depot = (name: string) => ({ name, suburb: 'Melbourne', postcode: '3000', state: 'VIC' });
export const cart = {
  destination: { country: 'AU', postcode: '2000', suburb: 'Sydney', state: 'NSW' },
  lines: [{ sku: CANARIES.sku, quantity: 1, priceCents: 5000, requiresShipping: true }],
};

/** Core's admin routes, keyed `METHOD /path` exactly as the routers declare them. */
export const CORE_PROBES: Record<string, Probe> = {
  'GET /platforms': { expect: 'own' },
  'GET /connections': { expect: 'own' },
  // Replaced by each test with a body carrying B's own token, so B's connect can succeed.
  'POST /connections': {
    expect: 'own',
    body: () => ({ platform: 'sandbox', environment: 'test', label: CANARIES.connection, token: 'B' }),
  },
  'GET /connections/:id': { expect: 'not-found', path: (ids) => `/connections/${ids.connection}` },
  'DELETE /connections/:id': { expect: 'not-found', path: (ids) => `/connections/${ids.connection}` },
  'POST /connections/:id/verify': {
    expect: 'not-found',
    path: (ids) => `/connections/${ids.connection}/verify`,
  },
  'PUT /connections/:id/token': {
    expect: 'not-found',
    path: (ids) => `/connections/${ids.connection}/token`,
    body: () => ({ token: `sbx_test_${randomBytes(12).toString('hex')}` }),
  },
  'PUT /connections/:id/budget': {
    expect: 'not-found',
    path: (ids) => `/connections/${ids.connection}/budget`,
    body: () => ({ budget: { perMinute: 1, perDay: 1 } }),
  },
  'GET /connections/:id/events': {
    expect: 'not-found',
    path: (ids) => `/connections/${ids.connection}/events`,
  },
  'GET /localities': { expect: 'own', path: () => '/localities?q=Melbourne' },
  'GET /locations': { expect: 'own' },
  'POST /locations': { expect: 'own', body: () => depot(CANARIES.location) },
  'POST /locations/import-warehouses': {
    expect: 'not-found',
    body: (ids) => ({ connectionId: ids.connection }),
  },
  'POST /locations/import-machship': {
    expect: 'not-found',
    body: (ids) => ({ connectionId: ids.connection }),
  },
  'GET /locations/platform-warehouses': {
    expect: 'not-found',
    path: (ids) => `/locations/platform-warehouses?connectionId=${ids.connection}`,
  },
  'GET /locations/:id': { expect: 'not-found', path: (ids) => `/locations/${ids.location}` },
  'PUT /locations/:id': {
    expect: 'not-found',
    path: (ids) => `/locations/${ids.location}`,
    body: () => depot('B renamed it'),
  },
  'DELETE /locations/:id': { expect: 'not-found', path: (ids) => `/locations/${ids.location}` },
  'POST /locations/:id/default': {
    expect: 'not-found',
    path: (ids) => `/locations/${ids.location}/default`,
  },
  'GET /packaging': { expect: 'own' },
  'POST /packaging/import': {
    expect: 'own',
    csv: `${PACKAGING_CSV_HEADER.join(',')}\nB-SKU-${mark},,carton,10,10,10,1,1,,,\n`,
  },
  'GET /packaging/export': { expect: 'own' },
  'GET /packaging/missing-dimensions': { expect: 'own' },
  'GET /packaging/:key': { expect: 'not-found', path: (ids) => `/packaging/${ids.packaging}` },
  // B may describe a SKU of the same name: that is B's record, and A's must stay as it was.
  'PUT /packaging/:key': {
    expect: 'own',
    path: (ids) => `/packaging/${ids.packaging}`,
    body: () => ({ packages: [{ ...box, weightKg: 1 }] }),
  },
  'DELETE /packaging/:key': { expect: 'own', path: (ids) => `/packaging/${ids.packaging}` },
  'GET /packaging/boxes': { expect: 'own' },
  'POST /packaging/boxes': { expect: 'own', body: () => packingBox(CANARIES.box) },
  'PUT /packaging/boxes/:id': {
    expect: 'not-found',
    path: (ids) => `/packaging/boxes/${ids.box}`,
    body: () => packingBox(CANARIES.box),
  },
  'DELETE /packaging/boxes/:id': { expect: 'not-found', path: (ids) => `/packaging/boxes/${ids.box}` },
  'GET /packaging-settings/packing': { expect: 'own' },
  'PUT /packaging-settings/packing': { expect: 'own', body: () => ({ palletiseOverPackages: 3 }) },
  'GET /packaging-settings/default-box': { expect: 'own' },
  'PUT /packaging-settings/default-box': { expect: 'own', body: () => ({ ...defaultBox, tareWeightKg: 2 }) },
  'GET /rules': { expect: 'own' },
  'PUT /rules': { expect: 'own', body: () => ({ markupPercent: 50 }) },
  'POST /quotes/test': { expect: 'own', body: () => cart },
  'GET /rate-log': { expect: 'own' },
  'GET /rate-log/:id': { expect: 'not-found', path: (ids) => `/rate-log/${ids.rateLog}` },
  // A's incident names A's connection (a canary): B's list must hold none of it.
  'GET /incidents': { expect: 'own' },
  'GET /session': { expect: 'own' },
  // A's trail names A's connection by id: none of it for B.
  'GET /activity': { expect: 'own' },
};

/** Every `METHOD /path` the routers declare, nested routers included. */
export function routesOf(routers: readonly Router[]): string[] {
  interface Layer {
    route?: { path: string; methods: Record<string, boolean> };
    handle?: { stack?: Layer[] };
  }
  const walk = (stack: readonly Layer[]): string[] =>
    stack.flatMap((layer) =>
      layer.route
        ? Object.keys(layer.route.methods).map((method) => `${method.toUpperCase()} ${layer.route?.path}`)
        : walk(layer.handle?.stack ?? []),
    );
  return walk(routers.flatMap((router) => router.stack as unknown as Layer[]));
}
