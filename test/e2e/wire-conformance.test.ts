/**
 * The admin API's answers, from a real RateBridge over real sockets, are exactly what core/wire declares:
 * each body read through its wire schema comes back unchanged. zod drops keys a schema does not name, so a
 * field the server sends that the wire types do not declare (or a secret that leaks into a view) fails
 * here, and so does a declared field of the wrong type.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  connectionEventsResponseSchema,
  connectionResponseSchema,
  connectionsResponseSchema,
  platformsResponseSchema,
  verifyResponseSchema,
} from '../../core/wire/connections-schema.js';
import { errorBodySchema } from '../../core/wire/error-schema.js';
import { incidentsResponseSchema } from '../../core/wire/incidents-schema.js';
import {
  localitiesResponseSchema,
  locationResultSchema,
  locationsResponseSchema,
} from '../../core/wire/locations-schema.js';
import {
  defaultBoxResponseSchema,
  defaultBoxSavedSchema,
  missingDimensionsPageSchema,
  profileResponseSchema,
  profilesPageSchema,
} from '../../core/wire/packaging-schema.js';
import {
  rateLogEntryResponseSchema,
  rateLogPageSchema,
  rulesResponseSchema,
  testQuoteResponseSchema,
} from '../../core/wire/quoting-schema.js';
import { startAppHarness, type AppHarness, type TenantClient } from '../support/app-harness.js';

describe('the admin API answers in its wire types', () => {
  let app: AppHarness;
  let merchant: TenantClient;

  /** Calls the route and checks both the status and that the body is its schema's, field for field. */
  async function answer(schema: z.ZodType, method: string, path: string, body?: unknown, status = 200) {
    const response = await merchant.api(method, path, body);
    expect(response.status, `${method} ${path}`).toBe(status);
    expect(schema.parse(response.body), `${method} ${path}`).toEqual(response.body);
    return response.body as Record<string, unknown>;
  }

  beforeAll(async () => {
    app = await startAppHarness();
    merchant = await app.signIn(`wire-${randomBytes(3).toString('hex')}`);
  });
  afterAll(() => app.close());

  it('platforms, connections, a check and the audit trail', async () => {
    await answer(platformsResponseSchema, 'GET', '/platforms');
    const token = await app.createSandboxToken('wire');
    const created = await answer(
      connectionResponseSchema,
      'POST',
      '/connections',
      { platform: 'sandbox', environment: 'test', label: 'Sandbox', token },
      201,
    );
    const id = (created.connection as { id: string }).id;
    await answer(connectionsResponseSchema, 'GET', '/connections');
    await answer(connectionResponseSchema, 'GET', `/connections/${id}`);
    await answer(verifyResponseSchema, 'POST', `/connections/${id}/verify`, {});
    await answer(connectionEventsResponseSchema, 'GET', `/connections/${id}/events`);
  });

  it('localities, locations, packaging and the default box', async () => {
    await answer(localitiesResponseSchema, 'GET', '/localities?q=Melbourne');
    const location = await answer(
      locationResultSchema,
      'POST',
      '/locations',
      {
        name: 'Melbourne DC',
        addressLine1: '1 Wire St',
        suburb: 'Melbourne',
        postcode: '3000',
        state: 'VIC',
      },
      201,
    );
    await answer(locationsResponseSchema, 'GET', '/locations');
    const locationId = (location.location as { id: string }).id;
    await answer(defaultBoxResponseSchema, 'GET', '/packaging-settings/default-box');
    await answer(defaultBoxSavedSchema, 'PUT', '/packaging-settings/default-box', {
      type: 'carton',
      lengthCm: 40,
      widthCm: 30,
      heightCm: 20,
      tareWeightKg: 0.5,
    });
    await answer(profileResponseSchema, 'PUT', `/packaging/${encodeURIComponent('sku:WIRE-1')}`, {
      packages: [{ type: 'carton', lengthCm: 60, widthCm: 50, heightCm: 90, weightKg: 12 }],
      locationIds: [locationId],
    });
    await answer(profilesPageSchema, 'GET', '/packaging');
    await answer(missingDimensionsPageSchema, 'GET', '/packaging/missing-dimensions');
  });

  it('rules, a test quote and the rate log', async () => {
    const { rules } = await answer(rulesResponseSchema, 'GET', '/rules');
    await answer(rulesResponseSchema, 'PUT', '/rules', rules);
    await answer(testQuoteResponseSchema, 'POST', '/quotes/test', {
      destination: { country: 'AU', postcode: '2000', state: 'NSW', suburb: 'Sydney' },
      lines: [
        { sku: 'WIRE-1', quantity: 1, priceCents: 5000 },
        { sku: 'UNKNOWN', quantity: 1, grams: 800 },
      ],
    });
    const log = await answer(rateLogPageSchema, 'GET', '/rate-log?limit=5');
    const entryId = (log.entries as { id: string }[])[0]?.id;
    expect(entryId).toBeDefined();
    await answer(rateLogEntryResponseSchema, 'GET', `/rate-log/${entryId}`);
  });

  it('incidents', async () => {
    await app.running.serverApp.core.alerts.open(merchant.tenant, { kind: 'store_key_revoked' });
    const { incidents } = await answer(incidentsResponseSchema, 'GET', '/incidents');
    expect(incidents).toHaveLength(1);
  });

  it('a refusal is the wire error body', async () => {
    await answer(errorBodySchema, 'POST', '/locations', { name: '', suburb: 'Nowhere' }, 400);
  });
});
