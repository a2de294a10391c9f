import { Router } from 'express';
import { z } from 'zod';
import type { FreightPlatform } from '../platforms/freight-platform.js';
import type { PlatformRegistry } from '../platforms/registry.js';
import type { TokenLifecycle } from '../tokens/token-lifecycle.js';
import { jsonBody, parseWith } from '../http/json-body.js';
import type {
  ConnectionEventsResponse,
  ConnectionResponse,
  ConnectionsResponse,
  PlatformsResponse,
  VerifyResponse,
} from '../wire/admin-api-types.js';
import {
  connectBodySchema,
  replaceTokenBodySchema,
  setBudgetBodySchema,
} from '../wire/connections-schema.js';
import { needs } from './route-roles.js';
import { actorOf, tenantContext } from './tenant-context.js';

// Generous for a token, tight for anything else: these bodies are a label and a pasted token.
const BODY_LIMIT = '16kb';

const idParam = z.object({ id: z.string().regex(/^con_[A-Za-z0-9_-]{16}$/, 'not a connection id') });
const paging = z.object({
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** `/api/platforms` and `/api/connections…` of the admin API (docs/admin-api.md). */
export function connectionsRoutes(tokens: TokenLifecycle, platforms: PlatformRegistry): Router {
  const router = Router();

  router.get('/platforms', needs('viewer'), (_request, response) => {
    response.json({ platforms: platforms.list().map(platformView) } satisfies PlatformsResponse);
  });

  router.get('/connections', needs('viewer'), async (_request, response) => {
    const { tenant } = tenantContext(response);
    response.json({ connections: await tokens.list(tenant) } satisfies ConnectionsResponse);
  });

  router.post('/connections', needs('admin'), jsonBody(BODY_LIMIT), async (request, response) => {
    const { tenant } = tenantContext(response);
    const actor = actorOf(response);
    const body = parseWith(connectBodySchema, request.body);
    const connection = await tokens.connect(tenant, body, actor);
    response
      .status(201)
      .location(`${request.baseUrl}/connections/${connection.id}`)
      .json({ connection } satisfies ConnectionResponse);
  });

  router.get('/connections/:id', needs('viewer'), async (request, response) => {
    const { tenant } = tenantContext(response);
    const { id } = parseWith(idParam, request.params);
    response.json({ connection: await tokens.get(tenant, id) } satisfies ConnectionResponse);
  });

  router.delete('/connections/:id', needs('admin'), async (request, response) => {
    const { tenant } = tenantContext(response);
    const actor = actorOf(response);
    const { id } = parseWith(idParam, request.params);
    await tokens.disconnect(tenant, id, actor);
    response.status(204).end();
  });

  connectionFixRoutes(router, tokens);
  return router;
}

/** What the admin shows of a platform this process runs. */
function platformView(p: FreightPlatform): PlatformsResponse['platforms'][number] {
  return {
    name: p.name,
    displayName: p.displayName,
    environments: p.environments,
    hasWarehouses: p.hasWarehouses,
    limits: p.limits,
  };
}

/** What a merchant does to one connection: check it now, replace its token, set its budget, read its trail. */
function connectionFixRoutes(router: Router, tokens: TokenLifecycle): void {
  router.post('/connections/:id/verify', needs('admin'), async (request, response) => {
    const { tenant } = tenantContext(response);
    const actor = actorOf(response);
    const { id } = parseWith(idParam, request.params);
    response.json((await tokens.verify(tenant, id, actor)) satisfies VerifyResponse);
  });

  router.put('/connections/:id/token', needs('admin'), jsonBody(BODY_LIMIT), async (request, response) => {
    const { tenant } = tenantContext(response);
    const actor = actorOf(response);
    const { id } = parseWith(idParam, request.params);
    const { token } = parseWith(replaceTokenBodySchema, request.body);
    response.json({
      connection: await tokens.replaceToken(tenant, id, token, actor),
    } satisfies ConnectionResponse);
  });

  router.put('/connections/:id/budget', needs('admin'), jsonBody(BODY_LIMIT), async (request, response) => {
    const { tenant } = tenantContext(response);
    const actor = actorOf(response);
    const { id } = parseWith(idParam, request.params);
    const { budget } = parseWith(setBudgetBodySchema, request.body);
    response.json({
      connection: await tokens.setBudget(tenant, id, budget, actor),
    } satisfies ConnectionResponse);
  });

  router.get('/connections/:id/events', needs('viewer'), async (request, response) => {
    const { tenant } = tenantContext(response);
    const { id } = parseWith(idParam, request.params);
    const { offset, limit } = parseWith(paging, request.query);
    response.json({
      ...(await tokens.events(tenant, id, offset, limit)),
      offset,
      limit,
    } satisfies ConnectionEventsResponse);
  });
}
