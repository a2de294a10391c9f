/**
 * Staff roles in the embedded Shopify admin, against the fake Shopify (which answers StaffMember as the
 * Admin schema types it, and only with read_users): the session token's `sub` is the actor of every change;
 * by default every staff member is an admin; with read_users the account owner is an owner and may choose
 * "account owner only", after which other staff are viewers (refused with the coded 403). Without the
 * scope RateBridge cannot tell the owner apart: everyone is an admin and nobody can make that choice.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AccessPolicyResponse,
  ActivityResponse,
  ErrorBody,
  SessionResponse,
} from '../../core/wire/admin-api-types.js';
import { startAppHarness, type AppHarness } from '../support/app-harness.js';
import { shopifyAgainstFake } from '../support/shopify-admin-client.js';
import { startFakeShopify, type FakeShop, type FakeShopify } from './fake-shopify.js';
import { freePort } from '../support/listen.js';

const mark = randomBytes(3).toString('hex');
const WITH_SCOPE = `staff-a-${mark}.myshopify.com`;
const WITHOUT_SCOPE = `staff-b-${mark}.myshopify.com`;
const API_KEY = 'test-api-key-not-real';
const API_SECRET = 'test-api-secret-not-real';
const OWNER = '7001';
const STAFF = '7002';
/** Asked about only once Shopify is down: nothing is cached for them. */
const LATE_STAFF = '7003';

describe('who may change tokens in the Shopify admin', () => {
  let fake: FakeShopify;
  let app: AppHarness;
  let appUrl: string;
  let withScope: FakeShop;

  beforeAll(async () => {
    fake = await startFakeShopify({ apiKey: API_KEY, apiSecret: API_SECRET });
    const staff = [
      { id: OWNER, isShopOwner: true },
      { id: STAFF, isShopOwner: false },
      { id: LATE_STAFF, isShopOwner: false },
    ];
    withScope = fake.addShop(WITH_SCOPE, { scopes: 'write_shipping,read_products,read_users', staff });
    fake.addShop(WITHOUT_SCOPE, { staff });
    const port = await freePort();
    appUrl = `http://127.0.0.1:${port}`;
    app = await startAppHarness({
      env: { PORT: String(port), PUBLIC_URL: appUrl },
      shopify: shopifyAgainstFake({ apiKey: API_KEY, apiSecret: API_SECRET, appUrl, fakeUrl: fake.url }),
    });
  }, 60_000);

  afterAll(async () => {
    await app?.store.deleteTenant(WITH_SCOPE);
    await app?.store.deleteTenant(WITHOUT_SCOPE);
    await app?.close();
    await fake?.close();
  });

  async function call(shop: string, sub: string | null, method: string, path: string, body?: unknown) {
    const raw = await fetch(`${appUrl}/shopify/api${path}`, {
      method,
      headers: {
        authorization: `Bearer ${fake.mintSessionToken(shop, { sub })}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await raw.text();
    const retryAfter = raw.headers.get('retry-after');
    return { status: raw.status, body: text ? (JSON.parse(text) as unknown) : undefined, retryAfter };
  }
  const roleOf = async (shop: string, sub: string | null) =>
    ((await call(shop, sub, 'GET', '/session')).body as SessionResponse).role;
  const rules = async (shop: string, sub: string) =>
    ((await call(shop, sub, 'GET', '/rules')).body as { rules: unknown }).rules;

  it('makes every staff member an admin by default, and the account owner an owner', async () => {
    expect(await call(WITH_SCOPE, STAFF, 'GET', '/session')).toMatchObject({
      status: 200,
      body: { tenant: WITH_SCOPE, actor: `shopify-user:${STAFF}`, role: 'admin', frontEnd: 'shopify' },
    });
    expect(await roleOf(WITH_SCOPE, OWNER)).toBe('owner');
    const asked = fake.requests.filter(
      (request) => request.endpoint === 'graphql' && JSON.stringify(request.body).includes('staffMember'),
    );
    expect(asked.length).toBeGreaterThan(0);
    const policy = (await call(WITH_SCOPE, STAFF, 'GET', '/access-policy')).body as AccessPolicyResponse;
    expect(policy).toEqual({ policy: { tokenManagers: 'all_staff' }, ownerKnown: true });
  });

  it("follows the owner's choice: only the account owner changes tokens and settings", async () => {
    const refused = await call(WITH_SCOPE, STAFF, 'PUT', '/access-policy', {
      tokenManagers: 'account_owner',
    });
    expect(refused.status).toBe(403);
    expect((refused.body as ErrorBody).error.message).toContain('the owner role');
    const set = await call(WITH_SCOPE, OWNER, 'PUT', '/access-policy', { tokenManagers: 'account_owner' });
    expect(set.status).toBe(200);

    expect(await roleOf(WITH_SCOPE, STAFF)).toBe('viewer');
    const staffChange = await call(WITH_SCOPE, STAFF, 'PUT', '/rules', await rules(WITH_SCOPE, STAFF));
    expect(staffChange.status).toBe(403);
    expect((staffChange.body as ErrorBody).error).toMatchObject({
      code: 'RB_ERR_ROLE_REQUIRED',
      message: expect.stringContaining('the admin role'),
    });
    expect((await call(WITH_SCOPE, STAFF, 'GET', '/rate-log')).status).toBe(200);
    expect((await call(WITH_SCOPE, OWNER, 'PUT', '/rules', await rules(WITH_SCOPE, OWNER))).status).toBe(200);

    // The trail names the staff member from the session token, and the Shopify admin.
    const trail = (await call(WITH_SCOPE, OWNER, 'GET', '/activity')).body as ActivityResponse;
    expect(trail.entries.map((entry) => [entry.action, entry.actor, entry.frontEnd])).toEqual([
      ['PUT /rules', `shopify-user:${OWNER}`, 'shopify'],
      ['PUT /access-policy', `shopify-user:${OWNER}`, 'shopify'],
    ]);
  });

  it('makes a token without `sub` a viewer under "account owner only": nobody to ask about', async () => {
    expect(await roleOf(WITH_SCOPE, null)).toBe('viewer');
    const change = await call(WITH_SCOPE, null, 'PUT', '/rules', await rules(WITH_SCOPE, OWNER));
    expect((change.body as ErrorBody).error.code).toBe('RB_ERR_ROLE_REQUIRED');
  });

  it('answers a change with a coded 503 and Retry-After while Shopify cannot say who the owner is', async () => {
    const asks = () =>
      fake.requests.filter((request) => JSON.stringify(request.body).includes(`StaffMember/${LATE_STAFF}`))
        .length;
    withScope.staffOutage = { status: 503, body: { errors: 'Service Unavailable' } };
    try {
      // Reads go on, as the least the staff member could be.
      expect(await call(WITH_SCOPE, LATE_STAFF, 'GET', '/rate-log')).toMatchObject({ status: 200 });
      expect(await roleOf(WITH_SCOPE, LATE_STAFF)).toBe('viewer');
      const change = await call(WITH_SCOPE, LATE_STAFF, 'PUT', '/rules', await rules(WITH_SCOPE, OWNER));
      expect(change.status).toBe(503);
      expect((change.body as ErrorBody).error.code).toBe('RB_ERR_SHOPIFY_STAFF_UNKNOWN');
      expect(change.retryAfter).toBe('30');
      // The failure was remembered: one ask of Shopify for all of these requests, not one each.
      expect(asks()).toBe(1);
      // The owner, whose answer Shopify gave before, is unaffected.
      expect((await call(WITH_SCOPE, OWNER, 'PUT', '/rules', await rules(WITH_SCOPE, OWNER))).status).toBe(
        200,
      );
    } finally {
      withScope.staffOutage = undefined;
    }
  });

  it('falls back to every staff member an admin, and no owner, without read_users', async () => {
    expect(await roleOf(WITHOUT_SCOPE, OWNER)).toBe('admin');
    expect(await roleOf(WITHOUT_SCOPE, STAFF)).toBe('admin');
    const policy = (await call(WITHOUT_SCOPE, OWNER, 'GET', '/access-policy')).body as AccessPolicyResponse;
    expect(policy.ownerKnown).toBe(false);
    const refused = await call(WITHOUT_SCOPE, OWNER, 'PUT', '/access-policy', {
      tokenManagers: 'account_owner',
    });
    expect(refused.status).toBe(403);
    // Nothing about staff was asked of Shopify for this shop: the scope is not there.
    const asked = fake.requests.filter(
      (request) => request.shop === WITHOUT_SCOPE && JSON.stringify(request.body).includes('staffMember'),
    );
    expect(asked).toEqual([]);
  });
});
