import { Router } from 'express';
import { z } from 'zod';
import { searchLocalities } from '../localities/index.js';
import { parseWith } from '../http/json-body.js';
import type { LocalitiesResponse } from '../wire/admin-api-types.js';
import { needs } from './route-roles.js';
import { tenantContext } from './tenant-context.js';

const query = z.object({
  q: z.string().trim().min(1, 'Type a suburb or postcode').max(64),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

/**
 * `GET /localities?q=` — suburb/postcode autocomplete from the bundled Australian locality data. Offline
 * and instant, so the wizard never waits on (or spends the rate limit of) a freight platform to suggest.
 */
export function localitiesRoutes(): Router {
  const router = Router();
  router.get('/localities', needs('viewer'), (request, response) => {
    tenantContext(response);
    const { q, limit } = parseWith(query, request.query);
    response.json({
      localities: searchLocalities(q, limit).map(({ suburb, postcode, state }) => ({
        suburb,
        postcode,
        state,
      })),
    } satisfies LocalitiesResponse);
  });
  return router;
}
