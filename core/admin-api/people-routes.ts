import { Router, type Response } from 'express';
import { z } from 'zod';
import { jsonBody, parseWith } from '../http/json-body.js';
import type { PeopleChangeBy } from '../people/membership-changes.js';
import type { PeopleService } from '../people/people-service.js';
import type {
  ActivityResponse,
  InviteResponse,
  PeopleResponse,
  PersonResponse,
  SessionResponse,
} from '../wire/admin-api-types.js';
import { inviteBodySchema, setRoleBodySchema } from '../wire/people-schema.js';
import { assertRolesDeclared, needs } from './route-roles.js';
import { tenantContext } from './tenant-context.js';

const personParam = z.object({ id: z.string().regex(/^per_[A-Za-z0-9_-]{16}$/, 'not a person id') });
const invitationParam = z.object({ id: z.string().regex(/^inv_[A-Za-z0-9_-]{16}$/, 'not an invitation id') });
const paging = z.object({
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** `/api/session` and `/api/activity`, for every front end (docs/admin-api.md). */
export function sessionRoutes(service: Pick<PeopleService, 'activity'>): Router {
  const router = Router();
  router.get('/session', needs('viewer'), (_request, response) => {
    const { tenant, actor, role, frontEnd, email } = tenantContext(response);
    response.json({ tenant, actor, role, frontEnd, ...(email ? { email } : {}) } satisfies SessionResponse);
  });
  router.get('/activity', needs('viewer'), async (request, response) => {
    const { tenant } = tenantContext(response);
    const { offset, limit } = parseWith(paging, request.query);
    const page = await service.activity.page(tenant, offset, limit);
    response.json({ ...page, offset, limit } satisfies ActivityResponse);
  });
  return assertRolesDeclared(router, 'sessionRoutes');
}

/** `/api/people…`: the standalone store's members and invitations, for its owners only. */
export function peopleRoutes(service: PeopleService): Router {
  const router = Router();
  router.get('/people', needs('owner'), async (_request, response) => {
    const { tenant } = tenantContext(response);
    const [people, invitations] = await Promise.all([
      service.people.list(tenant),
      service.invitations.list(tenant),
    ]);
    response.json({ people, invitations } satisfies PeopleResponse);
  });
  router.post('/people/invitations', needs('owner'), jsonBody('2kb'), async (request, response) => {
    const { tenant, actor } = tenantContext(response);
    const body = parseWith(inviteBodySchema, request.body);
    const result = await service.invite(tenant, { ...body, invitedBy: actor });
    // The link, when answered, is shown once: no cache may keep this answer.
    response.setHeader('Cache-Control', 'no-store');
    response.status(201).json(result satisfies InviteResponse);
  });
  router.delete('/people/invitations/:id', needs('owner'), async (request, response) => {
    const { tenant } = tenantContext(response);
    await service.invitations.withdraw(tenant, parseWith(invitationParam, request.params).id);
    response.status(204).end();
  });
  router.put('/people/:id/role', needs('owner'), jsonBody('1kb'), async (request, response) => {
    const { tenant } = tenantContext(response);
    const { id } = parseWith(personParam, request.params);
    const { role } = parseWith(setRoleBodySchema, request.body);
    const person = await service.setRole(tenant, id, role, changedBy(response));
    response.json({ person } satisfies PersonResponse);
  });
  router.delete('/people/:id', needs('owner'), async (request, response) => {
    const { tenant } = tenantContext(response);
    await service.remove(tenant, parseWith(personParam, request.params).id, changedBy(response));
    response.status(204).end();
  });
  return assertRolesDeclared(router, 'peopleRoutes');
}

/** The caller, as a change to the store's people records them (and refuses their own). */
function changedBy(response: Response): PeopleChangeBy {
  const { actor, email, frontEnd } = tenantContext(response);
  return { actor, frontEnd, ...(email ? { email } : {}) };
}
