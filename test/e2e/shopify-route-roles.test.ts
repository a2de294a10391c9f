/**
 * Roles on the Shopify admin API, walked as the Shopify front end mounts it (`shopify.adminRouters`, what
 * /shopify/api serves behind the session token) and called over real sockets, against the fake Shopify,
 * by a staff member of each role: the account owner (read_users), a staff member under "all staff"
 * (admin), and one under "account owner only" (viewer). Every route declares the role the policy says;
 * a role below it is refused with 403 RB_ERR_ROLE_REQUIRED naming it; a role at or above gets past the
 * declaration (whatever the route then answers: the ids are made up).
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declaredRoles } from '../../core/admin-api/route-roles.js';
import type { ErrorBody, Role, SessionResponse } from '../../core/wire/admin-api-types.js';
import { ROLES } from '../../core/wire/people-schema.js';
import { startAppHarness, type AppHarness } from '../support/app-harness.js';
import { policy } from '../support/role-policy.js';
import { shopifyAgainstFake } from '../support/shopify-admin-client.js';
import { startFakeShopify, type FakeShopify } from './fake-shopify.js';
import { freePort } from '../support/listen.js';

const mark = randomBytes(3).toString('hex');
const ALL_STAFF = `roles-a-${mark}.myshopify.com`;
const OWNER_ONLY = `roles-b-${mark}.myshopify.com`;
const API_KEY = 'test-api-key-not-real';
const API_SECRET = 'test-api-secret-not-real';
const OWNER = '8001';
const STAFF = '8002';
const fakeIds: Record<string, string> = { ':id': 'con_AAAAAAAAAAAAAAAA', ':key': 'sku%3ANOPE' };
const rank = (role: Role) => ROLES.indexOf(role);

describe('every Shopify admin route, as mounted, with each staff role', () => {
  let fake: FakeShopify;
  let app: AppHarness;
  let appUrl: string;
  let declared: Map<string, Role | undefined>;
  /** Who signs each role's requests: the shop and the session token's `sub`. */
  const as: Record<Role, { shop: string; sub: string }> = {
    owner: { shop: ALL_STAFF, sub: OWNER },
    admin: { shop: ALL_STAFF, sub: STAFF },
    viewer: { shop: OWNER_ONLY, sub: STAFF },
  };

  beforeAll(async () => {
    fake = await startFakeShopify({ apiKey: API_KEY, apiSecret: API_SECRET });
    const staff = [
      { id: OWNER, isShopOwner: true },
      { id: STAFF, isShopOwner: false },
    ];
    for (const shop of [ALL_STAFF, OWNER_ONLY])
      fake.addShop(shop, { scopes: 'write_shipping,read_products,read_users', staff });
    const port = await freePort();
    appUrl = `http://127.0.0.1:${port}`;
    app = await startAppHarness({
      env: { PORT: String(port), PUBLIC_URL: appUrl },
      core: { tokens: { attemptLimit: { attempts: 1000, windowMs: 60_000 } } },
      shopify: shopifyAgainstFake({ apiKey: API_KEY, apiSecret: API_SECRET, appUrl, fakeUrl: fake.url }),
    });
    const shopify = app.running.serverApp.shopify;
    if (!shopify) throw new Error('The Shopify front end is not mounted.');
    declared = declaredRoles(shopify.adminRouters);
    const chosen = await call(
      'owner',
      'PUT',
      '/access-policy',
      { tokenManagers: 'account_owner' },
      OWNER_ONLY,
    );
    expect(chosen.status).toBe(200);
  }, 60_000);

  afterAll(async () => {
    for (const shop of [ALL_STAFF, OWNER_ONLY]) await app?.store.deleteTenant(shop);
    await app?.close();
    await fake?.close();
  });

  async function call(role: Role, method: string, path: string, body: unknown = {}, shop = as[role].shop) {
    const raw = await fetch(`${appUrl}/shopify/api${path}`, {
      method,
      headers: {
        authorization: `Bearer ${fake.mintSessionToken(shop, { sub: as[role].sub })}`,
        ...(method === 'GET' ? {} : { 'content-type': 'application/json' }),
      },
      ...(method === 'GET' ? {} : { body: JSON.stringify(body) }),
    });
    const text = await raw.text();
    const json = raw.headers.get('content-type')?.includes('json') ?? false;
    return { status: raw.status, body: json ? (JSON.parse(text) as unknown) : text };
  }

  it('signs each staff member in with the role the test names', async () => {
    for (const role of ROLES)
      expect(((await call(role, 'GET', '/session')).body as SessionResponse).role, role).toBe(role);
  });

  it('declares on every mounted route the role the documented policy says', () => {
    expect(declared.size).toBeGreaterThan(40);
    for (const [route, role] of declared) expect(role, route).toBe(policy(route));
  });

  it('refuses a role below the declaration with 403 naming it, and lets the others past', async () => {
    for (const [route, needed = 'owner'] of declared) {
      const [method = 'GET', path = ''] = route.split(' ');
      // The policy is the owner-only shop's: changing it here would change which role its staff have.
      if (route === 'PUT /access-policy') continue;
      const concrete = path.replace(/:id|:key/g, (param) => fakeIds[param] ?? param);
      for (const role of ROLES) {
        const response = await call(role, method, concrete);
        const error = (response.body as Partial<ErrorBody> | undefined)?.error;
        if (rank(role) < rank(needed)) {
          expect([response.status, error?.code], `${role} ${route}`).toEqual([403, 'RB_ERR_ROLE_REQUIRED']);
          expect(error?.message, route).toContain(`the ${needed} role`);
        } else {
          expect(error?.code, `${role} ${route}`).not.toBe('RB_ERR_ROLE_REQUIRED');
          expect(error?.code, `${role} ${route}`).not.toBe('RB_ERR_INTERNAL');
        }
      }
    }
    const refused = await call('admin', 'PUT', '/access-policy', { tokenManagers: 'all_staff' });
    expect((refused.body as ErrorBody).error.code).toBe('RB_ERR_ROLE_REQUIRED');
  }, 180_000);
});
