/**
 * "Nothing half-written": an admin operation that writes several records (connecting a platform token,
 * creating a connector key, connecting a WooCommerce store), run with the store failing at its 1st write,
 * then its 2nd, and so on until it succeeds. Each failed run answers the coded 503 and leaves nothing of
 * itself behind (no connection, no schedule or index entry naming what does not exist); the run that succeeds
 * leaves everything (the connection with its sealed token that opens, its schedule entry and audit event; the
 * key with its lookup; the store with its entry in the stores list). Against the real Redis when it is
 * available, and the embedded store.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GLOBAL_TENANT, type Store } from '../../core/storage/store.js';
import { startAppHarness, type AppHarness, type TenantClient } from '../support/app-harness.js';
import { probeRedis } from '../support/redis.js';
import { startFakeWooCommerce, type FakeWooCommerce } from '../fakes/woocommerce/index.js';

const redis = await probeRedis();
const KINDS = redis.ok ? (['redis', 'embedded'] as const) : (['embedded'] as const);

/** The Store calls that write: a fault armed at N fails the Nth of them, before it changes anything. */
const WRITES = new Set<string | symbol>([
  'putDoc',
  'putDocIfAbsent',
  'updateDoc',
  'deleteDoc',
  'cacheSet',
  'cacheSetIfAbsent',
  'cacheDelete',
  'claimOnce',
  'listPush',
  'increment',
]);

function faultyStore() {
  let writes = 0;
  let failAt = 0;
  let failed = false;
  const wrap = (inner: Store): Store =>
    new Proxy(inner, {
      get(target, name) {
        const value: unknown = Reflect.get(target, name, target);
        if (typeof value !== 'function') return value;
        const method = value as (...args: unknown[]) => unknown;
        if (!WRITES.has(name)) return method.bind(target);
        return async (...args: unknown[]) => {
          writes += 1;
          if (failAt > 0 && writes === failAt) {
            failed = true;
            throw Object.assign(new Error('store write failed partway (test)'), { code: 'ECONNRESET' });
          }
          return method.apply(target, args);
        };
      },
    });
  return {
    wrap,
    arm(n: number) {
      writes = 0;
      failAt = n;
      failed = false;
    },
    disarm: () => (failAt = 0),
    failed: () => failed,
  };
}

for (const kind of KINDS) {
  describe(`multi-record admin writes are all or nothing (${kind} store)`, () => {
    const faults = faultyStore();
    const mark = randomBytes(4).toString('hex');
    let app: AppHarness;
    let fakeWoo: FakeWooCommerce;
    let store: Store;
    const tenants: string[] = [];

    beforeAll(async () => {
      app = await startAppHarness({
        store: kind,
        wrapStore: faults.wrap,
        core: { tokens: { attemptLimit: { attempts: 1000, windowMs: 60_000 } } },
      });
      store = app.store;
      fakeWoo = await startFakeWooCommerce({
        protocol: 'http',
        products: 1,
        safePorts: [Number(new URL(app.url).port)],
      });
    }, 60_000);

    afterAll(async () => {
      for (const tenant of tenants) {
        for (const index of ['woocommerce-connector-key-index', 'woocommerce-stores']) {
          for (const [id, raw] of await store.listDocs(GLOBAL_TENANT, index))
            if ((raw as { tenant?: string }).tenant === tenant)
              await store.deleteDoc({ tenant: GLOBAL_TENANT, kind: index, id });
        }
        await store.deleteDoc({ tenant: GLOBAL_TENANT, kind: 'token-health-schedule', id: tenant });
        await store.deleteTenant(tenant);
      }
      await app?.close();
      await fakeWoo?.close();
    });

    /**
     * Runs `operation` as a new tenant with the Nth write failing, N = 1, 2, … until it succeeds; `check`
     * sees each outcome. Returns the first N at which it succeeded.
     */
    async function sweep(
      name: string,
      operation: (client: TenantClient, n: number) => Promise<number>,
      check: (client: TenantClient, succeeded: boolean) => Promise<void>,
      /** The tenant of run N; a new one each run unless the operation needs a particular one. */
      tenantOf = (n: number) => `woo:${name}-${n}-${mark}.example.com`,
    ): Promise<number> {
      for (let n = 1; n <= 30; n++) {
        const tenant = tenantOf(n);
        if (!tenants.includes(tenant)) tenants.push(tenant);
        const client = await app.signIn(tenant);
        faults.arm(n);
        const status = await operation(client, n).finally(() => faults.disarm());
        // A 201 once N is past the operation's own writes (the Nth may then be a background task's).
        expect([201, 503], `${name}, write ${n} failing`).toContain(status);
        if (status === 503) expect(faults.failed(), `${name}: a 503 with no write failing`).toBe(true);
        await check(client, status === 201);
        if (status === 201) return n;
      }
      throw new Error(`${name} never succeeded`);
    }

    it('connects a platform token completely or not at all', async () => {
      const writes = await sweep(
        'connect',
        async (client, n) => {
          const token = await app.createSandboxToken(`t-${n}-${mark}-${randomBytes(2).toString('hex')}`);
          const body = { platform: 'sandbox', environment: 'test', label: 'Freight', token };
          return (await client.api('POST', '/connections', body)).status;
        },
        async (client, succeeded) => {
          const listed = (await client.api('GET', '/connections')).body as { connections: { id: string }[] };
          const ids = listed.connections.map((connection) => connection.id);
          expect(ids).toHaveLength(succeeded ? 1 : 0);
          const ref = { tenant: GLOBAL_TENANT, kind: 'token-health-schedule', id: client.tenant };
          const scheduled = Object.keys((await store.getDoc(ref)) ?? {});
          expect(scheduled, 'the health schedule names only connections that exist').toEqual(ids);
          for (const id of ids) {
            const events = (await client.api('GET', `/connections/${id}/events`)).body as {
              events: { type: string }[];
            };
            expect(events.events.map((event) => event.type)).toContain('connected');
            // The sealed token opens: verifying it reaches the platform with the token as pasted.
            const verified = await client.api('POST', `/connections/${id}/verify`);
            expect(verified.status, JSON.stringify(verified.body)).toBe(200);
          }
        },
      );
      expect(writes).toBeGreaterThan(2);
    }, 60_000);

    it('creates a connector key completely or not at all', async () => {
      const writes = await sweep(
        'key',
        async (client) => (await client.api('POST', '/connector-keys', { name: 'Shop' })).status,
        async (client, succeeded) => {
          const listed = (await client.api('GET', '/connector-keys')).body as { keys: { id: string }[] };
          const ids = listed.keys.map((key) => key.id);
          expect(ids).toHaveLength(succeeded ? 1 : 0);
          const index = await store.listDocs(GLOBAL_TENANT, 'woocommerce-connector-key-index');
          const indexed = [...index].filter(
            ([, raw]) => (raw as { tenant?: string }).tenant === client.tenant,
          );
          expect(
            indexed.map(([id]) => id),
            'the key lookup names only keys that exist',
          ).toEqual(ids);
        },
      );
      expect(writes).toBeGreaterThan(1);
    }, 60_000);

    it('connects a WooCommerce store completely or not at all', async () => {
      const writes = await sweep(
        'store',
        async (client) => {
          const keys = fakeWoo.issueKey();
          const body = {
            storeUrl: fakeWoo.url,
            consumerKey: keys.consumerKey,
            consumerSecret: keys.consumerSecret,
          };
          return (await client.api('POST', '/woocommerce/store', body)).status;
        },
        async (client, succeeded) => {
          const shown = (await client.api('GET', '/woocommerce/store')).body as {
            store: { status: string } | null;
          };
          expect(shown.store?.status ?? null).toBe(succeeded ? 'connected' : null);
          const raw = (await store.getDoc({
            tenant: client.tenant,
            kind: 'woocommerce-store',
            id: 'connection',
          })) as { credentials?: { sealedConsumerSecret?: string } | null } | undefined;
          expect(raw === undefined, 'a failed connect stores no record').toBe(!succeeded);
          if (raw) expect(raw.credentials, 'the connection keeps its sealed keys').toBeTruthy();
          const listed = await store.getDoc({
            tenant: GLOBAL_TENANT,
            kind: 'woocommerce-stores',
            id: client.tenant,
          });
          expect(listed !== undefined, 'the stores list names only stores that are connected').toBe(
            succeeded,
          );
        },
        // A WooCommerce admin connects its own store only; a failed run leaves nothing, so the next may retry.
        () => `woo:${new URL(fakeWoo.url).host}`,
      );
      expect(writes).toBeGreaterThan(1);
    }, 60_000);
  });
}
