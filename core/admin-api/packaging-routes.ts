import express, { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import type { Catalog } from '../catalog/packaging-catalog.js';
import { MAX_CSV_BYTES, type CsvProblem } from '../catalog/packaging-csv.js';
import { defaultBoxSchema, parseProfileKey, profileInputSchema } from '../catalog/packaging-profile.js';
import { rbError, rbErrorWithDetails, type RateBridgeError } from '../errors.js';
import { jsonBody, parseWith } from '../http/json-body.js';
import { boxInputSchema, packingSettingsInputSchema } from '../catalog/box-rules.js';
import type {
  BoxesResponse,
  BoxResponse,
  PackingSettingsResponse,
  CsvImportResult,
  DefaultBoxResponse,
  DefaultBoxSaved,
  MissingDimensionsPage,
  ProfileResponse,
  ProfilesPage,
} from '../wire/admin-api-types.js';
import { needs } from './route-roles.js';
import { tenantContext } from './tenant-context.js';

// A profile of up to 50 packages and 20 locations is a few kilobytes.
const BODY_LIMIT = '64kb';
const CSV_TYPES = ['text/csv', 'text/plain'];

const keyParam = z.object({
  key: z
    .string()
    .refine(
      (key) => parseProfileKey(key) !== undefined,
      'A packaging key is sku:<SKU> or variant:<variant id>, URL-encoded.',
    ),
});
const paging = z.object({
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

/** `/api/packaging…` and `/api/packaging-settings…` of the admin API (docs/admin-api.md, docs/packaging-csv.md). */
export function packagingRoutes(catalog: Catalog): Router {
  const router = Router();
  const csvBody = express.text({ type: CSV_TYPES, limit: MAX_CSV_BYTES });

  router.get('/packaging', needs('viewer'), async (request, response) => {
    const { tenant } = tenantContext(response);
    const page = parseWith(paging, request.query);
    response.json({ ...(await catalog.listProfiles(tenant, page)), ...page } satisfies ProfilesPage);
  });

  // The fixed paths come before /packaging/:key.
  router.post('/packaging/import', needs('admin'), csvBody, importCsvHandler(catalog));

  router.get('/packaging/export', needs('viewer'), async (request, response) => {
    const { tenant } = tenantContext(response);
    const text = await catalog.exportCsv(tenant);
    response.attachment('packaging.csv').type('text/csv; charset=utf-8').send(text);
  });

  router.get('/packaging/missing-dimensions', needs('viewer'), async (request, response) => {
    const { tenant } = tenantContext(response);
    const page = parseWith(paging, request.query);
    const { items, total } = await catalog.missingDimensionsReport(tenant);
    response.json({
      items: items.slice(page.offset, page.offset + page.limit),
      total,
      ...page,
    } satisfies MissingDimensionsPage);
  });

  boxRoutes(router, catalog);

  router.get('/packaging/:key', needs('viewer'), async (request, response) => {
    const { tenant } = tenantContext(response);
    const { key } = parseWith(keyParam, request.params);
    response.json({ profile: await catalog.getProfile(tenant, key) } satisfies ProfileResponse);
  });

  router.put('/packaging/:key', needs('admin'), jsonBody(BODY_LIMIT), async (request, response) => {
    const { tenant } = tenantContext(response);
    const { key } = parseWith(keyParam, request.params);
    const body = parseWith(profileInputSchema, request.body);
    response.json({ profile: await catalog.upsertProfile(tenant, key, body) } satisfies ProfileResponse);
  });

  router.delete('/packaging/:key', needs('admin'), async (request, response) => {
    const { tenant } = tenantContext(response);
    const { key } = parseWith(keyParam, request.params);
    await catalog.deleteProfile(tenant, key);
    response.status(204).end();
  });

  router.get('/packaging-settings/default-box', needs('viewer'), async (_request, response) => {
    const { tenant } = tenantContext(response);
    response.json({ defaultBox: (await catalog.getDefaultBox(tenant)) ?? null } satisfies DefaultBoxResponse);
  });

  router.put(
    '/packaging-settings/default-box',
    needs('admin'),
    jsonBody(BODY_LIMIT),
    async (request, response) => {
      const { tenant } = tenantContext(response);
      const body = parseWith(defaultBoxSchema, request.body);
      response.json({ defaultBox: await catalog.setDefaultBox(tenant, body) } satisfies DefaultBoxSaved);
    },
  );

  return router;
}

const boxIdParam = z.object({ id: z.string().regex(/^box_[A-Za-z0-9_-]{8}$/, 'That is not a box id.') });

/** `/packaging/boxes…` and `/packaging-settings/packing` (docs/admin-api.md "Boxes"): before /packaging/:key. */
function boxRoutes(router: Router, catalog: Catalog): void {
  router.get('/packaging/boxes', needs('viewer'), async (_request, response) => {
    const { tenant } = tenantContext(response);
    response.json({ boxes: await catalog.listBoxes(tenant) } satisfies BoxesResponse);
  });
  router.post('/packaging/boxes', needs('admin'), jsonBody(BODY_LIMIT), async (request, response) => {
    const { tenant } = tenantContext(response);
    const body = parseWith(boxInputSchema, request.body);
    response.status(201).json({ box: await catalog.createBox(tenant, body) } satisfies BoxResponse);
  });
  router.put('/packaging/boxes/:id', needs('admin'), jsonBody(BODY_LIMIT), async (request, response) => {
    const { tenant } = tenantContext(response);
    const { id } = parseWith(boxIdParam, request.params);
    const body = parseWith(boxInputSchema, request.body);
    response.json({ box: await catalog.replaceBox(tenant, id, body) } satisfies BoxResponse);
  });
  router.delete('/packaging/boxes/:id', needs('admin'), async (request, response) => {
    const { tenant } = tenantContext(response);
    const { id } = parseWith(boxIdParam, request.params);
    await catalog.deleteBox(tenant, id);
    response.status(204).end();
  });
  router.get('/packaging-settings/packing', needs('viewer'), async (_request, response) => {
    const { tenant } = tenantContext(response);
    response.json({ settings: await catalog.getPackingSettings(tenant) } satisfies PackingSettingsResponse);
  });
  router.put(
    '/packaging-settings/packing',
    needs('admin'),
    jsonBody(BODY_LIMIT),
    async (request, response) => {
      const { tenant } = tenantContext(response);
      const body = parseWith(packingSettingsInputSchema, request.body);
      response.json({
        settings: await catalog.setPackingSettings(tenant, body),
      } satisfies PackingSettingsResponse);
    },
  );
}

/** 400 with one detail per problem: `{path: 'line 7', message: 'weight_kg: …'}`. */
function csvRefusal(problems: readonly CsvProblem[], more: number): RateBridgeError {
  const details = problems.map((problem) => ({
    path: `line ${problem.line}`,
    message: problem.column ? `${problem.column}: ${problem.message}` : problem.message,
  }));
  if (more > 0) details.push({ path: '', message: `…and ${more} more problems.` });
  const count = problems.length + more;
  const first = details[0];
  const summary = first ? `${first.path}: ${first.message}` : '';
  return rbErrorWithDetails('RB_ERR_CSV_INVALID', details, count, summary);
}

/** POST /packaging/import: the CSV file itself as the body; every problem with it is one coded refusal. */
function importCsvHandler(catalog: Catalog): RequestHandler {
  return async (request, response) => {
    const { tenant } = tenantContext(response);
    if (!request.is(CSV_TYPES)) {
      throw rbError(
        'RB_ERR_UNSUPPORTED_MEDIA_TYPE',
        'the file itself as the request body, with Content-Type: text/csv',
      );
    }
    const text = typeof request.body === 'string' ? request.body : '';
    const result = await catalog.importCsv(tenant, text);
    if (!result.ok) throw csvRefusal(result.errors, result.moreErrors);
    response.json({
      imported: result.imported,
      rows: result.rows,
      profiles: result.profiles,
    } satisfies CsvImportResult);
  };
}
