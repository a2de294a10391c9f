/**
 * Roles, route by route: every route of the standalone admin API (walked from the routers server.ts
 * mounts, as the tenant-isolation test does) is called by a viewer, an admin and an owner of one store.
 * A role below the route's declaration gets 403 RB_ERR_ROLE_REQUIRED naming the role needed, and nothing
 * behind the route runs; a role at or above it gets through (whatever the route then answers: the ids
 * here are made up). The declarations themselves are checked against the policy of docs/people-and-roles.md
 * (reads for viewers, changes for admins; people and connector keys for owners). The Shopify admin's
 * routers, as the Shopify front end mounts them, are held to the same declarations and called by a staff
 * member of each role (test/e2e/shopify-route-roles.test.ts).
 */
import { randomBytes } from 'node:crypto';
import { Router } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertRolesDeclared, declaredRoles, needs } from '../../core/admin-api/route-roles.js';
import type { ActivityResponse, ErrorBody, Role } from '../../core/wire/admin-api-types.js';
import { ROLES } from '../../core/wire/people-schema.js';
import { standaloneAdminRouters } from '../../server.js';
import { startAppHarness, type AppHarness, type TenantClient } from '../support/app-harness.js';
import { policy } from '../support/role-policy.js';

const TENANT = `roles-${randomBytes(3).toString('hex')}`;
const fakeIds: Record<string, string> = {
  ':id': 'con_AAAAAAAAAAAAAAAA',
  ':key': encodeURIComponent('sku:NOPE'),
};
const rank = (role: Role) => ROLES.indexOf(role);

describe('every admin route declares its role, and the API holds each role to it', () => {
  let app: AppHarness;
  let clients: Record<Role, TenantClient>;
  let declared: Map<string, Role | undefined>;

  beforeAll(async () => {
    app = await startAppHarness({ core: { tokens: { attemptLimit: { attempts: 1000, windowMs: 60_000 } } } });
    const { core, woocommerce } = app.running.serverApp;
    declared = declaredRoles(standaloneAdminRouters(core, woocommerce));
    clients = {
      viewer: await app.signIn(TENANT, 'viewer'),
      admin: await app.signIn(TENANT, 'admin'),
      owner: await app.signIn(TENANT, 'owner'),
    };
  }, 60_000);

  afterAll(async () => {
    await app?.close();
  });

  it('declares a role on every route, as the documented policy says', () => {
    expect(declared.size).toBeGreaterThan(40);
    for (const [route, role] of declared) expect(role, route).toBe(policy(route));
  });

  it('refuses to build a router with a route that declares no role', () => {
    const router = Router();
    router.get('/declared', needs('viewer'), (_request, response) => response.end());
    router.post('/forgotten', (_request, response) => response.end());
    expect(() => assertRolesDeclared(router, 'test router')).toThrow(/missing: POST \/forgotten/);
  });

  it('holds each method of a route to its own declaration, and refuses undeclared middleware', () => {
    const perMethod = Router();
    perMethod
      .route('/both')
      .get(needs('viewer'), (_request, response) => response.end())
      .put((_request, response) => response.end());
    expect(() => assertRolesDeclared(perMethod, 'test router')).toThrow(/missing: PUT \/both$/);
    const middleware = Router();
    middleware.get('/declared', needs('viewer'), (_request, response) => response.end());
    middleware.use(function catchAll(_request, response) {
      response.end();
    });
    expect(() => assertRolesDeclared(middleware, 'test router')).toThrow(/missing: USE catchAll/);
    // A router inside is walked, not refused; a declaration used as middleware is one.
    const nested = Router();
    nested.use(Router().get('/inner', needs('admin'), (_request, response) => response.end()));
    nested.use('/all', needs('owner'));
    expect(declaredRoles([assertRolesDeclared(nested, 'test router')])).toEqual(
      new Map([['GET /inner', 'admin']]),
    );
  });

  it('answers a role below the declaration with 403 RB_ERR_ROLE_REQUIRED, and lets the others through', async () => {
    const writesBefore = await activityTotal();
    let succeededChanges = 0;
    for (const [route, needed] of declared) {
      const [method = 'GET', path = ''] = route.split(' ');
      const concrete = path.replace(/:id|:key/g, (param) => fakeIds[param] ?? param);
      for (const role of ROLES) {
        const response = await call(clients[role], method, concrete);
        const code = (response.body as ErrorBody | undefined)?.error?.code;
        if (rank(role) < rank(needed ?? 'owner')) {
          expect(response.status, `${role} ${route}`).toBe(403);
          expect(code, `${role} ${route}`).toBe('RB_ERR_ROLE_REQUIRED');
          expect((response.body as ErrorBody).error.message, route).toContain(`the ${needed} role`);
        } else {
          expect(code, `${role} ${route}`).not.toBe('RB_ERR_ROLE_REQUIRED');
          expect(response.status, `${role} ${route}`).toBeLessThan(500);
          if (method !== 'GET' && needed !== 'viewer' && response.status < 400) succeededChanges += 1;
        }
      }
    }
    // The trail holds exactly the changes that were allowed and succeeded: none refused by role.
    expect(succeededChanges).toBeGreaterThan(0);
    expect(await activityTotal()).toBe(writesBefore + succeededChanges);
  }, 120_000);

  it('holds the WooCommerce key grant, started outside the admin API, to the admin role too', async () => {
    const start = (client: TenantClient) =>
      fetch(`${app.url}/woocommerce/connect?store_url=${encodeURIComponent('https://shop.example')}`, {
        headers: { cookie: client.cookie },
        redirect: 'manual',
      });
    const refused = await start(clients.viewer);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as ErrorBody).error.code).toBe('RB_ERR_ROLE_REQUIRED');
    for (const role of ['admin', 'owner'] as const) {
      const allowed = await start(clients[role]);
      expect(await allowed.text(), role).not.toContain('RB_ERR_ROLE_REQUIRED');
    }
  });

  it('records who changed what, when, and from where, once the change succeeded', async () => {
    const before = await activityTotal();
    const rules = ((await clients.admin.api('GET', '/rules')).body as { rules: Record<string, unknown> })
      .rules;
    expect((await clients.admin.api('PUT', '/rules', rules)).status).toBe(200);
    // A refused change (bad body) is not recorded.
    expect((await clients.admin.api('PUT', '/rules', { markupPercent: 'lots' })).status).toBe(400);
    const trail = (await clients.viewer.api('GET', '/activity')).body as ActivityResponse;
    expect(trail.total).toBe(before + 1);
    expect(trail.entries[0]).toMatchObject({
      action: 'PUT /rules',
      actor: 'merchant',
      frontEnd: 'standalone',
    });
    expect(Date.now() - Date.parse(trail.entries[0]?.at ?? '')).toBeLessThan(60_000);
  });

  /** One call as `client`; a JSON answer parsed, any other (the CSV export) left as text. */
  async function call(client: TenantClient, method: string, path: string) {
    const raw = await fetch(`${app.url}/admin/api${path}`, {
      method,
      headers: {
        cookie: client.cookie,
        origin: new URL(app.config.publicUrl).origin,
        ...(method === 'GET' ? {} : { 'content-type': 'application/json' }),
      },
      ...(method === 'GET' ? {} : { body: '{}' }),
    });
    const text = await raw.text();
    const json = raw.headers.get('content-type')?.includes('json') ?? false;
    return { status: raw.status, body: json ? (JSON.parse(text) as unknown) : text };
  }

  async function activityTotal(): Promise<number> {
    return ((await clients.viewer.api('GET', '/activity')).body as ActivityResponse).total;
  }
});
