/**
 * Connector keys through the admin API over real sockets: unique names, the secret shown once, sealed at
 * rest and bound to its tenant and key, listed with dates, revoked with immediate effect. The secret is a
 * canary: after its one appearance it must be in no answer, log line or stored byte.
 */
import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pluginHeaders } from './plugin-signing.js';
import { startWooTestApp, type AdminClient, type WooTestApp } from './woocommerce-test-app.js';
import { keyMakerStanding } from '../../woocommerce-bridge/key-makers/key-maker-standing.js';
import type { ErrorBody, ConnectorKeyView as KeyView } from '../../core/wire/admin-api-types.js';

describe('connector keys', () => {
  let app: WooTestApp;
  let merchant: AdminClient;
  const answers: string[] = [];

  const api = async (method: string, route: string, body?: unknown) => {
    const response = await merchant.api(method, route, body);
    answers.push(JSON.stringify(response.body ?? null));
    return response;
  };
  const adminLink = (keyId: string, secret: string) => {
    const body = '{"action":"admin_login"}';
    return app.fetch('/woocommerce/admin-link', {
      method: 'POST',
      headers: pluginHeaders(keyId, secret, body),
      body,
    });
  };

  beforeAll(async () => {
    app = await startWooTestApp();
    merchant = await app.signIn(`woo:keys-${randomBytes(3).toString('hex')}.example.com`);
  });
  afterAll(() => app.close());

  it('keeps a key made before makers were kept the way in as owner while the store has no owner among its people', async () => {
    // Before people, a store had one merchant: the key's maker. test/e2e/people.test.ts shows a store with an owner.
    expect(await keyMakerStanding(app.core, merchant.tenant, undefined)).toEqual({
      removed: false,
      role: 'owner',
    });
  });

  it('creates a key with its secret shown once, and lists it without the secret', async () => {
    const created = await merchant.api('POST', '/connector-keys', { name: '  Main store ' });
    expect(created.status).toBe(201);
    expect(created.raw.headers.get('cache-control')).toBe('no-store');
    const { key, secret } = created.body as { key: KeyView; secret: string };
    expect(key).toEqual({
      id: key.id,
      name: 'Main store',
      createdAt: expect.any(String),
      lastUsedAt: null,
      revokedAt: null,
      createdBy: { actor: 'merchant' },
    });
    expect(key.id).toMatch(/^rbk_[A-Za-z0-9_-]{22}$/);
    expect(secret).toMatch(/^rbs_[A-Za-z0-9_-]{43}$/);

    const listed = await api('GET', '/connector-keys');
    expect((listed.body as { keys: KeyView[] }).keys).toContainEqual({ ...key, creatorRemoved: false });
    expect(JSON.stringify(listed.body)).not.toMatch(/secret|rbs_/i);

    // First use sets "last used".
    expect((await adminLink(key.id, secret)).status).toBe(200);
    const used = ((await api('GET', '/connector-keys')).body as { keys: KeyView[] }).keys.find(
      (k) => k.id === key.id,
    );
    expect(used?.lastUsedAt).toEqual(expect.any(String));

    // Sealed at rest, and bound to this tenant and this key: it opens for neither another key nor tenant.
    const stored = JSON.stringify(
      await app.store.getDoc({ tenant: merchant.tenant, kind: 'woocommerce-connector-keys', id: 'all' }),
    );
    expect(stored).not.toContain(secret);
    const sealed = /"sealedSecret":"([^"]+)"/.exec(stored)?.[1] ?? '';
    expect(app.core.sealer.isSealed(sealed)).toBe(true);
    expect(app.core.sealer.open(sealed, `woocommerce-connector-key:${merchant.tenant}:${key.id}`)).toBe(
      secret,
    );
    expect(() =>
      app.core.sealer.open(sealed, `woocommerce-connector-key:${merchant.tenant}:rbk_other`),
    ).toThrow();
    expect(() =>
      app.core.sealer.open(sealed, `woocommerce-connector-key:woo:other.example.com:${key.id}`),
    ).toThrow();

    // The canary: after the answer that created it, the secret is nowhere.
    expect(answers.join('\n')).not.toContain(secret);
    expect(app.logs()).not.toContain(secret);
    expect(await storedBytes(path.join(app.dataDir, 'store'))).not.toContain(secret);
  });

  it('refuses a second active key of the same name with a coded 409; a revoked key frees its name', async () => {
    const first = (await merchant.api('POST', '/connector-keys', { name: 'Staging' })).body as {
      key: KeyView;
    };
    const clash = await api('POST', '/connector-keys', { name: 'staging' });
    expect(clash.status).toBe(409);
    expect((clash.body as ErrorBody).error).toMatchObject({
      code: 'RB_ERR_KEY_NAME_TAKEN',
      details: [{ path: 'name' }],
    });
    expect((clash.body as ErrorBody).error.message).toContain('"staging" already exists');
    expect((await api('POST', `/connector-keys/${first.key.id}/revoke`)).status).toBe(200);
    expect((await merchant.api('POST', '/connector-keys', { name: 'Staging' })).status).toBe(201);
    // Another store may use the same name.
    const other = await app.signIn(`woo:other-${randomBytes(3).toString('hex')}.example.com`);
    expect((await other.api('POST', '/connector-keys', { name: 'Staging' })).status).toBe(201);
  });

  it('revokes with immediate effect, keeping the key listed with its revocation date', async () => {
    const { key, secret } = (await merchant.api('POST', '/connector-keys', { name: 'Revoke me' })).body as {
      key: KeyView;
      secret: string;
    };
    expect((await adminLink(key.id, secret)).status).toBe(200);
    const revoked = await api('POST', `/connector-keys/${key.id}/revoke`);
    expect(revoked.status).toBe(200);
    const view = (revoked.body as { key: KeyView }).key;
    expect(view.revokedAt).toEqual(expect.any(String));
    const refused = await adminLink(key.id, secret);
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as ErrorBody).error.code).toBe('RB_ERR_UNAUTHENTICATED');
    // Revoking again changes nothing; the list still shows it, with the same date.
    expect(
      ((await api('POST', `/connector-keys/${key.id}/revoke`)).body as { key: KeyView }).key.revokedAt,
    ).toBe(view.revokedAt);
    const listed = ((await api('GET', '/connector-keys')).body as { keys: KeyView[] }).keys.find(
      (k) => k.id === key.id,
    );
    expect(listed?.revokedAt).toBe(view.revokedAt);
  });

  it('answers bad input with coded 4xx', async () => {
    const cases: [string, string, unknown, number, string][] = [
      ['POST', '/connector-keys', { name: '' }, 400, 'RB_ERR_VALIDATION'],
      ['POST', '/connector-keys', { name: 'x'.repeat(61) }, 400, 'RB_ERR_VALIDATION'],
      ['POST', '/connector-keys', { name: 'ok', secret: 'mine' }, 400, 'RB_ERR_VALIDATION'],
      ['POST', '/connector-keys', { name: 'line\nbreak' }, 400, 'RB_ERR_VALIDATION'],
      ['POST', '/connector-keys/rbk_AAAAAAAAAAAAAAAAAAAAAA/revoke', undefined, 404, 'RB_ERR_NOT_FOUND'],
      ['POST', '/connector-keys/nope/revoke', undefined, 400, 'RB_ERR_VALIDATION'],
    ];
    for (const [method, route, body, status, code] of cases) {
      const response = await api(method, route, body);
      expect([route, response.status, (response.body as ErrorBody).error.code]).toEqual([
        route,
        status,
        code,
      ]);
    }
    const anonymous = await app.fetch('/admin/api/connector-keys');
    expect(anonymous.status).toBe(401);
  });

  it("keeps one store's keys from another's admin", async () => {
    const { key } = (await merchant.api('POST', '/connector-keys', { name: 'Private' })).body as {
      key: KeyView;
    };
    const other = await app.signIn(`woo:nosy-${randomBytes(3).toString('hex')}.example.com`);
    expect(((await other.api('GET', '/connector-keys')).body as { keys: KeyView[] }).keys).toEqual([]);
    expect((await other.api('POST', `/connector-keys/${key.id}/revoke`)).status).toBe(404);
  });
});

async function storedBytes(dir: string): Promise<string> {
  const entries = await readdir(dir, { withFileTypes: true });
  const parts = await Promise.all(
    entries.map((entry) =>
      entry.isDirectory()
        ? storedBytes(path.join(dir, entry.name))
        : readFile(path.join(dir, entry.name), 'utf8'),
    ),
  );
  return parts.join('\n');
}
