/**
 * The fake store's REST replies against WooCommerce 9.9.5's Version3 controllers: products and variations
 * paged with X-WP-Total / X-WP-TotalPages, per_page at most 100, an empty page past the last, the unit
 * settings, webhooks created, read, updated and deleted as the webhooks controller does, and every error
 * as WordPress's `{code, message, data: {status}}`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  HOOKSHOT_USER_AGENT,
  startFakeWooCommerce,
  type FakeKey,
  type FakeWooCommerce,
} from '../woocommerce/index.js';
import { startReceiver, type Receiver } from './receiver.js';

describe('fake WooCommerce REST replies', () => {
  let fake: FakeWooCommerce;
  let key: FakeKey;
  let hooks: Receiver;

  beforeAll(async () => {
    hooks = await startReceiver('http');
    fake = await startFakeWooCommerce({ products: 25, variableEvery: 5, safePorts: [hooks.port] });
    key = fake.issueKey('read_write');
  });
  afterAll(async () => {
    await fake.close();
    await hooks.close();
  });

  const call = async (route: string, init: { method?: string; body?: unknown } = {}) => {
    const response = await fake.fetch(`${fake.url}/wp-json/wc/v3/${route}`, {
      method: init.method ?? 'GET',
      headers: {
        authorization: `Basic ${Buffer.from(`${key.consumerKey}:${key.consumerSecret}`).toString('base64')}`,
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
    return { status: response.status, headers: response.headers, body: JSON.parse(response.text) as unknown };
  };

  it('pages products with the totals in headers, and an empty page past the last', async () => {
    const first = await call('products?per_page=10&page=1&orderby=id&order=asc');
    expect(first.status).toBe(200);
    expect([first.headers['x-wp-total'], first.headers['x-wp-totalpages']]).toEqual(['25', '3']);
    expect((first.body as unknown[]).length).toBe(10);
    const past = await call('products?per_page=10&page=4');
    expect([past.status, past.body, past.headers['x-wp-total']]).toEqual([200, [], '25']);
    expect(((await call('products')).body as unknown[]).length).toBe(10);
  });

  it('refuses per_page over 100 or under 1, and a page under 1', async () => {
    expect((await call('products?per_page=100')).status).toBe(200);
    for (const [query, param] of [
      ['per_page=101', 'per_page'],
      ['per_page=0', 'per_page'],
      ['page=0', 'page'],
      ['per_page=ten', 'per_page'],
    ]) {
      expect(await call(`products?${query}`)).toMatchObject({
        status: 400,
        body: {
          code: 'rest_invalid_param',
          message: `Invalid parameter(s): ${param}`,
          data: { status: 400, params: { [param!]: expect.any(String) } },
        },
      });
    }
  });

  it('answers a product, its variations, and a missing product as WooCommerce does', async () => {
    const variable = [...fake.products.values()].find((product) => product.type === 'variable')!;
    const product = (await call(`products/${variable.id}`)).body as Record<string, unknown>;
    expect(product).toMatchObject({
      id: variable.id,
      type: 'variable',
      status: 'publish',
      parent_id: 0,
      variations: variable.variationIds,
      dimensions: { length: expect.any(String), width: expect.any(String), height: expect.any(String) },
    });
    const variations = await call(`products/${variable.id}/variations?per_page=100`);
    expect(variations.headers['x-wp-total']).toBe(String(variable.variationIds.length));
    expect(variations.body).toEqual(
      variable.variationIds.map((id) =>
        expect.objectContaining({ id, type: 'variation', parent_id: variable.id }),
      ),
    );
    expect(await call('products/99999')).toEqual({
      status: 404,
      headers: expect.anything(),
      body: { code: 'woocommerce_rest_product_invalid_id', message: 'Invalid ID.', data: { status: 404 } },
    });
    expect((await call('orders')).body).toMatchObject({ code: 'rest_no_route', data: { status: 404 } });
  });

  it('leaves trashed products out of lists but answers them by id', async () => {
    const trashed = [...fake.products.values()].find((product) => product.type === 'simple')!;
    fake.trashProduct(trashed.id);
    expect((await call('products?per_page=100')).headers['x-wp-total']).toBe('24');
    expect((await call(`products/${trashed.id}`)).body).toMatchObject({ id: trashed.id, status: 'trash' });
    fake.restoreProduct(trashed.id);
    await fake.runScheduledActions();
  });

  it('answers the REST index to anyone, and reads the unit settings and their changes', async () => {
    const index = await fake.fetch(`${fake.url}/wp-json/`);
    expect([index.status, JSON.parse(index.text)]).toEqual([
      200,
      expect.objectContaining({ home: fake.url, namespaces: expect.arrayContaining(['wc/v3']) }),
    ]);
    expect((await call('settings/products/woocommerce_weight_unit')).body).toMatchObject({
      id: 'woocommerce_weight_unit',
      type: 'select',
      value: 'kg',
      options: { kg: 'kg', g: 'g', lbs: 'lbs', oz: 'oz' },
    });
    fake.setUnits('kg', 'in');
    expect((await call('settings/products/woocommerce_dimension_unit')).body).toMatchObject({ value: 'in' });
    expect((await call('settings/products/woocommerce_nothing')).body).toMatchObject({
      code: 'rest_setting_setting_invalid',
      data: { status: 404 },
    });
  });

  it('creates a webhook as the webhooks controller does, and pings it', async () => {
    const missing = await call('webhooks', { method: 'POST', body: { name: 'x' } });
    expect(missing).toMatchObject({
      status: 400,
      body: { code: 'rest_missing_callback_param', message: 'Missing parameter(s): topic, delivery_url' },
    });
    const badTopic = await call('webhooks', {
      method: 'POST',
      body: { topic: 'product.sold', delivery_url: `${hooks.url}/h` },
    });
    expect(badTopic.body).toMatchObject({
      code: 'woocommerce_rest_webhook_invalid_topic',
      data: { status: 400 },
    });
    const badUrl = await call('webhooks', {
      method: 'POST',
      body: { topic: 'product.updated', delivery_url: 'ftp://x.example/h' },
    });
    expect(badUrl.body).toMatchObject({ code: 'woocommerce_rest_webhook_invalid_delivery_url' });

    const created = await call('webhooks', {
      method: 'POST',
      body: {
        name: 'RB',
        topic: 'product.updated',
        delivery_url: `${hooks.url}/h`,
        secret: 's3cret',
        status: 'paused',
      },
    });
    expect(created.status).toBe(201);
    const id = (created.body as { id: number }).id;
    expect(created.headers.location).toBe(`${fake.url}/wp-json/wc/v3/webhooks/${id}`);
    // Always active on creation; the secret never comes back.
    expect(created.body).toMatchObject({
      id,
      status: 'active',
      topic: 'product.updated',
      resource: 'product',
      event: 'updated',
    });
    expect(JSON.stringify(created.body)).not.toContain('s3cret');
    const ping = hooks.received.at(-1)!;
    expect([ping.body, ping.headers['user-agent'], ping.headers['content-type']]).toEqual([
      `webhook_id=${id}`,
      HOOKSHOT_USER_AGENT,
      'application/x-www-form-urlencoded',
    ]);
    expect(ping.headers['x-wc-webhook-signature']).toBeUndefined();

    const paused = await call(`webhooks/${id}`, { method: 'PUT', body: { status: 'paused' } });
    expect(paused.body).toMatchObject({ status: 'paused' });
    expect((await call(`webhooks/${id}`, { method: 'PUT', body: { status: 'broken' } })).body).toMatchObject({
      code: 'woocommerce_rest_webhook_invalid_status',
    });
    expect((await call(`webhooks/${id}`, { method: 'DELETE' })).body).toMatchObject({
      code: 'woocommerce_rest_trash_not_supported',
      data: { status: 501 },
    });
    expect((await call(`webhooks/${id}?force=true`, { method: 'DELETE' })).status).toBe(200);
    expect((await call(`webhooks/${id}`)).status).toBe(404);
  });
});
