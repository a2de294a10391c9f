/**
 * Connecting a store by pasted keys (the admin's manual path), against the fake WooCommerce over real
 * sockets: header auth on https, the fall-back to query-string auth on hosts that strip the Authorization
 * header (remembered, and taken up mid-sync when a host starts stripping), OAuth 1.0a over plain http,
 * refusals, and the consumer secret kept out of every answer, log line and stored byte.
 */
import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startFakeWooCommerce,
  type FakeWooCommerce,
  type FakeWooOptions,
} from '../fakes/woocommerce/index.js';
import { pluginHeaders } from './plugin-signing.js';
import { startWooTestApp, type AdminClient, type WooTestApp } from './woocommerce-test-app.js';
import type { ErrorBody, StoreResponse as StoreBody } from '../../core/wire/admin-api-types.js';

describe('connecting a WooCommerce store by pasted keys', () => {
  let app: WooTestApp;
  const fakes: FakeWooCommerce[] = [];
  const answers: string[] = [];

  const fakeStore = async (options: FakeWooOptions = {}) => {
    const fake = await startFakeWooCommerce({ products: 30, safePorts: app.safePorts, ...options });
    fakes.push(fake);
    return fake;
  };
  const merchant = () => app.signIn(`merchant-${randomBytes(4).toString('hex')}`);
  const connect = async (client: AdminClient, fake: FakeWooCommerce, key = fake.issueKey()) => {
    const response = await client.api('POST', '/woocommerce/store', {
      storeUrl: fake.url,
      consumerKey: key.consumerKey,
      consumerSecret: key.consumerSecret,
    });
    answers.push(JSON.stringify(response.body));
    return response;
  };
  const settle = async () => {
    await app.bridge.tasks.idle();
    await app.bridge.sync.idle();
  };

  beforeAll(async () => {
    app = await startWooTestApp();
  });
  afterAll(async () => {
    await app.close();
    for (const fake of fakes) await fake.close();
  });

  it('connects over https with header auth, reads the units, registers webhooks and syncs', async () => {
    const fake = await fakeStore({ weightUnit: 'g', dimensionUnit: 'mm' });
    const client = await merchant();
    const key = fake.issueKey();
    const response = await connect(client, fake, key);
    expect(response.status).toBe(201);
    const { store } = response.body as StoreBody;
    expect(store).toMatchObject({
      storeUrl: fake.url,
      status: 'connected',
      auth: 'header',
      keyHint: `…${key.consumerKey.slice(-4)}`,
      units: { weight: 'g', dimension: 'mm' },
      lastCheck: { outcome: 'connected' },
    });
    expect(JSON.stringify(response.body)).not.toContain(key.consumerKey);
    await settle();
    expect(fake.requests.filter((request) => request.auth !== 'basic')).toEqual([]);
    expect([...fake.webhooks.values()].map((webhook) => [webhook.topic, webhook.pingStatus]).sort()).toEqual([
      ['product.created', 200],
      ['product.deleted', 200],
      ['product.updated', 200],
    ]);
    const after = (await client.api('GET', '/woocommerce/store')).body as StoreBody;
    expect(after.store?.webhooks).toEqual({
      status: 'registered',
      topics: ['product.created', 'product.deleted', 'product.updated'],
      detail: null,
    });
    const sync = (await client.api('GET', '/woocommerce/sync')).body as {
      sync: { status: string; done: number; total: number };
    };
    expect(sync.sync).toMatchObject({ status: 'completed', done: 30, total: 30 });
  });

  it('falls back to query-string auth where the host strips the Authorization header, and keeps to it', async () => {
    const fake = await fakeStore({ stripAuthorizationHeader: true });
    const client = await merchant();
    const response = await connect(client, fake);
    expect(response.status).toBe(201);
    expect((response.body as StoreBody).store?.auth).toBe('query');
    await settle();
    // One probe with the header met the symptom; every call since went with the query string.
    const [first, ...rest] = fake.requests;
    expect(first).toMatchObject({ auth: 'none', status: 401 });
    expect(rest.length).toBeGreaterThan(3);
    expect(rest.every((request) => request.auth === 'query' && request.status < 300)).toBe(true);
    expect((await client.api('GET', '/woocommerce/sync')).body).toMatchObject({
      sync: { status: 'completed', done: 30 },
    });
  });

  it('switches to query-string auth when a host starts stripping the header after connecting', async () => {
    const fake = await fakeStore();
    const client = await merchant();
    expect(((await connect(client, fake)).body as StoreBody).store?.auth).toBe('header');
    await settle();
    fake.behaviour.stripAuthorizationHeader = true;
    fake.requests.length = 0;
    expect((await client.api('POST', '/woocommerce/sync')).status).toBe(202);
    await settle();
    expect((await client.api('GET', '/woocommerce/sync')).body).toMatchObject({
      sync: { status: 'completed', done: 30 },
    });
    expect(((await client.api('GET', '/woocommerce/store')).body as StoreBody).store?.auth).toBe('query');
    expect(fake.requests.filter((request) => request.status === 401)).toHaveLength(1);
  });

  it('signs with OAuth 1.0a on a plain-http development store', async () => {
    const fake = await fakeStore({ protocol: 'http', basePath: '/wordpress' });
    const client = await merchant();
    const response = await connect(client, fake);
    expect(response.status).toBe(201);
    expect((response.body as StoreBody).store).toMatchObject({ auth: 'oauth1', storeUrl: fake.url });
    await settle();
    expect(fake.requests.length).toBeGreaterThan(3);
    expect(fake.requests.every((request) => request.auth === 'oauth1' && request.status < 300)).toBe(true);
  });

  it('refuses keys the store rejects with a coded 422 and stores nothing', async () => {
    const fake = await fakeStore();
    const client = await merchant();
    const key = fake.issueKey();
    const response = await client.api('POST', '/woocommerce/store', {
      storeUrl: fake.url,
      consumerKey: key.consumerKey,
      consumerSecret: `cs_${'0'.repeat(40)}`,
    });
    expect(response.status).toBe(422);
    expect((response.body as ErrorBody).error.code).toBe('RB_ERR_STORE_KEY_REJECTED');
    expect((response.body as ErrorBody).error.message).toContain('Consumer secret is invalid');
    expect(((await client.api('GET', '/woocommerce/store')).body as StoreBody).store).toBeNull();
  });

  it('connects a read-only key and says the plugin must register the webhooks', async () => {
    const fake = await fakeStore();
    const client = await merchant();
    expect((await connect(client, fake, fake.issueKey('read'))).status).toBe(201);
    await settle();
    const { store } = (await client.api('GET', '/woocommerce/store')).body as StoreBody;
    expect(store?.webhooks?.status).toBe('awaiting_plugin');
    expect(store?.webhooks?.detail).toMatch(/write permissions.*the RateBridge plugin registers/);
    expect((await client.api('GET', '/woocommerce/sync')).body).toMatchObject({
      sync: { status: 'completed' },
    });
  });

  it('lets the plugin register the webhooks of a read-only store, and only there', async () => {
    const offer = async (client: AdminClient, secret = randomBytes(32).toString('base64url')) => {
      const { key, secret: keySecret } = (
        await client.api('POST', '/connector-keys', { name: `Plugin ${randomBytes(3).toString('hex')}` })
      ).body as { key: { id: string }; secret: string };
      const body = JSON.stringify({ action: 'register_webhooks', secret });
      const response = await app.fetch('/woocommerce/webhook-setup', {
        method: 'POST',
        headers: pluginHeaders(key.id, keySecret, body),
        body,
      });
      const text = await response.text();
      answers.push(text);
      expect(text).not.toContain(secret);
      return { status: response.status, body: JSON.parse(text) as Record<string, unknown> };
    };
    const webhooksOf = async (client: AdminClient) =>
      ((await client.api('GET', '/woocommerce/store')).body as StoreBody).store?.webhooks;

    // No store connected yet: nothing to register for.
    const early = await offer(await merchant());
    expect([early.status, (early.body as unknown as ErrorBody).error.code]).toEqual([
      409,
      'RB_ERR_STORE_NOT_CONNECTED',
    ]);

    const readOnly = await fakeStore();
    const client = await merchant();
    const key = readOnly.issueKey('read');
    expect((await connect(client, readOnly, key)).status).toBe(201);
    await settle();
    expect(await offer(client, 'too-short')).toMatchObject({ status: 400 });
    const accepted = await offer(client);
    expect(accepted).toMatchObject({
      status: 200,
      body: { registered_by: 'plugin', topics: ['product.created', 'product.updated', 'product.deleted'] },
    });
    expect(String(accepted.body.delivery_url)).toMatch(/\/woocommerce\/webhooks\/wh_[A-Za-z0-9_-]+$/);
    expect(await webhooksOf(client)).toMatchObject({ status: 'plugin' });
    // Connecting the same store again leaves the plugin's webhooks as they are.
    expect((await connect(client, readOnly, key)).status).toBe(201);
    await settle();
    expect(await webhooksOf(client)).toMatchObject({ status: 'plugin' });

    // A key with write permission: we registered them ourselves, so the plugin adds none.
    const writable = await fakeStore();
    const owner = await merchant();
    expect((await connect(owner, writable)).status).toBe(201);
    await settle();
    expect(await offer(owner)).toEqual({ status: 200, body: { registered_by: 'ratebridge' } });
    expect(await webhooksOf(owner)).toMatchObject({ status: 'registered' });
    // Reconnected later with a read-only key: the webhooks we registered are found and kept.
    expect((await connect(owner, writable, writable.issueKey('read'))).status).toBe(201);
    await settle();
    expect(await webhooksOf(owner)).toMatchObject({
      status: 'registered',
      topics: ['product.created', 'product.deleted', 'product.updated'],
    });
    expect(writable.webhooks.size).toBe(3);

    // While our own REST registration runs, the plugin is asked to come back; one a stopped instance left
    // pending stops counting after a few minutes.
    const pendingSince = async (client: AdminClient, msAgo: number) =>
      app.bridge.connections.update(client.tenant, (current) =>
        current?.webhooks
          ? {
              ...current,
              webhooks: {
                ...current.webhooks,
                status: 'pending',
                at: new Date(Date.now() - msAgo).toISOString(),
              },
            }
          : undefined,
      );
    await pendingSince(client, 1_000);
    expect(await offer(client)).toMatchObject({
      status: 409,
      body: {
        error: { code: 'RB_ERR_WEBHOOKS_BEING_REGISTERED', message: expect.stringContaining('right now') },
      },
    });
    await pendingSince(client, 10 * 60_000);
    expect(await offer(client)).toMatchObject({ status: 200, body: { registered_by: 'plugin' } });
  });

  it('refuses bad input with coded 4xx answers', async () => {
    const fake = await fakeStore();
    const client = await merchant();
    const key = fake.issueKey();
    const cases: [unknown, number, string][] = [
      [
        {
          storeUrl: 'ftp://shop.example.com',
          consumerKey: key.consumerKey,
          consumerSecret: key.consumerSecret,
        },
        400,
        'RB_ERR_STORE_URL_INVALID',
      ],
      [
        {
          storeUrl: `${fake.url}/wp-admin`,
          consumerKey: key.consumerKey,
          consumerSecret: key.consumerSecret,
        },
        400,
        'RB_ERR_STORE_URL_INVALID',
      ],
      [
        { storeUrl: fake.url, consumerKey: 'not-a-key', consumerSecret: key.consumerSecret },
        400,
        'RB_ERR_VALIDATION',
      ],
      [
        { storeUrl: fake.url, consumerKey: key.consumerKey, consumerSecret: key.consumerSecret, extra: 1 },
        400,
        'RB_ERR_VALIDATION',
      ],
      [
        { storeUrl: 'https://127.0.0.1:1', consumerKey: key.consumerKey, consumerSecret: key.consumerSecret },
        502,
        'RB_ERR_STORE_UNREACHABLE',
      ],
    ];
    for (const [body, status, code] of cases) {
      const response = await client.api('POST', '/woocommerce/store', body);
      expect([response.status, (response.body as ErrorBody).error.code]).toEqual([status, code]);
    }
    expect((await client.api('POST', '/woocommerce/sync')).status).toBe(409);
    // A WooCommerce merchant's admin connects its own store only.
    const own = await app.signIn('woo:another-store.example.com');
    const elsewhere = await own.api('POST', '/woocommerce/store', {
      storeUrl: fake.url,
      consumerKey: key.consumerKey,
      consumerSecret: key.consumerSecret,
    });
    expect([elsewhere.status, (elsewhere.body as ErrorBody).error.details?.[0]?.path]).toEqual([
      403,
      'storeUrl',
    ]);
  });

  it('keeps the consumer secret out of every answer, log line and stored byte', async () => {
    const canary = `cs_canary${randomBytes(16).toString('hex')}`;
    const fake = await fakeStore({ consumerSecret: () => canary, stripAuthorizationHeader: true });
    const client = await merchant();
    expect((await connect(client, fake)).status).toBe(201);
    await settle();
    answers.push(JSON.stringify((await client.api('GET', '/woocommerce/store')).body));
    answers.push(JSON.stringify((await client.api('GET', '/woocommerce/sync')).body));
    expect(answers.join('\n')).not.toContain(canary);
    expect(app.logs()).not.toContain(canary);
    expect(await storedBytes(path.join(app.dataDir, 'store'))).not.toContain(canary);
    // It was used, though: query-string auth sent it to the store.
    expect(fake.requests.some((request) => request.auth === 'query')).toBe(true);
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
