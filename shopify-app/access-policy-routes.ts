import { Router } from 'express';
import { assertRolesDeclared, jsonBody, needs, parseWith, tenantContext } from '../core/index.js';
import type { AccessPolicyResponse } from '../core/wire/admin-api-types.js';
import { accessPolicySchema } from '../core/wire/people-schema.js';
import { shopifySession } from './session-token-auth.js';
import type { StaffRoles } from './staff-role.js';

/**
 * `/shopify/api/access-policy`: who in the Shopify admin may change tokens, keys and settings (staff-role.ts).
 * Only an owner (the account owner, known through the read_users scope) may change it.
 */
export function accessPolicyRoutes(staffRoles: StaffRoles): Router {
  const router = Router();
  router.get('/access-policy', needs('viewer'), async (_request, response) => {
    const { tenant } = tenantContext(response);
    response.json({
      policy: await staffRoles.policy(tenant),
      ownerKnown: staffRoles.ownerKnown(shopifySession(response)),
    } satisfies AccessPolicyResponse);
  });
  router.put('/access-policy', needs('owner'), jsonBody('1kb'), async (request, response) => {
    const { tenant } = tenantContext(response);
    const policy = parseWith(accessPolicySchema, request.body);
    await staffRoles.setPolicy(tenant, policy);
    response.json({ policy, ownerKnown: true } satisfies AccessPolicyResponse);
  });
  return assertRolesDeclared(router, 'accessPolicyRoutes');
}
