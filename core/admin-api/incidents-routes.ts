import { Router } from 'express';
import type { Alerts } from '../alerts/alerts.js';
import { incidentsResponseSchema, type IncidentsResponse } from '../alerts/incident.js';
import { needs } from './route-roles.js';
import { tenantContext } from './tenant-context.js';

/**
 * `/api/incidents` of the admin API (docs/admin-api.md): the signed-in store's open incidents, then those
 * resolved in the last day. The answer goes through its schema, so nothing beyond the documented fields
 * (the mail bookkeeping, say) can leave.
 */
export function incidentsRoutes(alerts: Pick<Alerts, 'list'>): Router {
  const router = Router();
  router.get('/incidents', needs('viewer'), async (_request, response) => {
    const { tenant } = tenantContext(response);
    const body: IncidentsResponse = incidentsResponseSchema.parse({ incidents: await alerts.list(tenant) });
    response.json(body);
  });
  return router;
}
