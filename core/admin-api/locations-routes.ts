import { Router } from 'express';
import { z } from 'zod';
import type { Locations } from '../locations/pickup-locations.js';
import { jsonBody, parseWith } from '../http/json-body.js';
import type {
  LocationDeleted,
  LocationResponse,
  LocationResult,
  LocationsResponse,
  PlatformWarehousesResponse,
  WarehouseImport,
} from '../wire/admin-api-types.js';
import {
  connectionIdBodySchema,
  createLocationSchema,
  updateLocationSchema,
} from '../wire/locations-schema.js';
import { needs } from './route-roles.js';
import { tenantContext } from './tenant-context.js';

// An address and a few flags: small.
const BODY_LIMIT = '64kb';

const idParam = z.object({ id: z.string().regex(/^loc_[A-Za-z0-9_-]{16}$/, 'not a location id') });
const warehousesQuery = z.object({ connectionId: connectionIdBodySchema.shape.connectionId });

/** `/api/locations…` of the admin API (docs/admin-api.md). */
export function locationsRoutes(locations: Locations): Router {
  const router = Router();

  router.get('/locations', needs('viewer'), async (_request, response) => {
    const { tenant } = tenantContext(response);
    response.json({ locations: await locations.list(tenant) } satisfies LocationsResponse);
  });

  router.post('/locations', needs('admin'), jsonBody(BODY_LIMIT), async (request, response) => {
    const { tenant } = tenantContext(response);
    const body = parseWith(createLocationSchema, request.body);
    const result = await locations.create(tenant, body);
    response
      .status(201)
      .location(`${request.baseUrl}/locations/${result.location.id}`)
      .json(result satisfies LocationResult);
  });

  // Before /locations/:id, which would otherwise take these paths for ids. import-machship is the older
  // name of import-warehouses, kept for clients that use it.
  for (const path of ['/locations/import-warehouses', '/locations/import-machship']) {
    router.post(path, needs('admin'), jsonBody(BODY_LIMIT), async (request, response) => {
      const { tenant } = tenantContext(response);
      const body = parseWith(connectionIdBodySchema, request.body);
      response.json((await locations.importWarehouses(tenant, body.connectionId)) satisfies WarehouseImport);
    });
  }

  router.get('/locations/platform-warehouses', needs('viewer'), async (request, response) => {
    const { tenant } = tenantContext(response);
    const query = parseWith(warehousesQuery, request.query);
    response.json({
      warehouses: await locations.platformWarehouses(tenant, query.connectionId),
    } satisfies PlatformWarehousesResponse);
  });

  router.get('/locations/:id', needs('viewer'), async (request, response) => {
    const { tenant } = tenantContext(response);
    const { id } = parseWith(idParam, request.params);
    response.json({ location: await locations.get(tenant, id) } satisfies LocationResponse);
  });

  router.put('/locations/:id', needs('admin'), jsonBody(BODY_LIMIT), async (request, response) => {
    const { tenant } = tenantContext(response);
    const { id } = parseWith(idParam, request.params);
    const body = parseWith(updateLocationSchema, request.body);
    response.json((await locations.update(tenant, id, body)) satisfies LocationResult);
  });

  router.delete('/locations/:id', needs('admin'), async (request, response) => {
    const { tenant } = tenantContext(response);
    const { id } = parseWith(idParam, request.params);
    response.json((await locations.delete(tenant, id)) satisfies LocationDeleted);
  });

  router.post('/locations/:id/default', needs('admin'), async (request, response) => {
    const { tenant } = tenantContext(response);
    const { id } = parseWith(idParam, request.params);
    response.json({ location: await locations.setDefault(tenant, id) } satisfies LocationResponse);
  });

  return router;
}
