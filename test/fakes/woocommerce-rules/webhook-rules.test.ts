/**
 * The fake store's webhooks against class-wc-webhook.php and wc-webhook-functions.php (WooCommerce 9.9.5):
 * deliveries wait for Action Scheduler, one per webhook and resource, with the payload built when they run;
 * the Hookshot User-Agent and X-WC-Webhook-* headers, the body signed as sent (PHP's JSON escaping);
 * product.deleted on trash only; a variation's own product.updated; the seventh failure in a row disables.
 */
import { createHmac } from 'node:crypto';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeWooCommerce, type FakeWebhook, type FakeWooCommerce } from '../woocommerce/index.js';
import { startReceiver, type Receiver } from './receiver.js';

describe('fake WooCommerce webhooks', () => {
  let fake: FakeWooCommerce;
  let receiver: Receiver;
  const opened: { close(): Promise<void> }[] = [];

  beforeEach(async () => {
    receiver = await startReceiver('http');
    fake = await startFakeWooCommerce({ products: 12, variableEvery: 4, safePorts: [receiver.port] });
    opened.push(fake, receiver);
  });
  afterAll(async () => {
    for (const item of opened) await item.close();
  });

  const hook = (topic: string, deliveryUrl = `${receiver.url}/hook`): Promise<FakeWebhook> =>
    fake.addWordPressWebhook({ name: topic, topic, deliveryUrl, secret: 'the-secret' });
  const simple = () => [...fake.products.values()].find((product) => product.type === 'simple')!;
  const deliveries = () => receiver.received.filter((request) => request.headers['x-wc-webhook-topic']);

  it('delivers only when Action Scheduler runs, once per product, with what the product is then', async () => {
    const webhook = await hook('product.updated');
    const product = simple();
    fake.updateProduct(product.id, { weight: '2' });
    fake.updateProduct(product.id, { weight: '3' });
    expect([fake.pendingActions, deliveries().length]).toEqual([1, 0]);
    const [delivery] = await fake.runScheduledActions();
    expect(fake.pendingActions).toBe(0);
    const sent = deliveries();
    expect(sent).toHaveLength(1);
    expect(JSON.parse(sent[0]!.body)).toMatchObject({ id: product.id, weight: '3' });
    expect(sent[0]!.headers).toMatchObject({
      'content-type': 'application/json',
      'user-agent': 'WooCommerce/9.9.5 Hookshot (WordPress/6.8.8)',
      'x-wc-webhook-source': `${fake.url}/`,
      'x-wc-webhook-topic': 'product.updated',
      'x-wc-webhook-resource': 'product',
      'x-wc-webhook-event': 'updated',
      'x-wc-webhook-id': String(webhook.id),
      'x-wc-webhook-delivery-id': expect.stringMatching(/^[0-9a-f]{32}$/),
      'x-wc-webhook-signature': createHmac('sha256', 'the-secret').update(sent[0]!.body).digest('base64'),
    });
    expect(delivery?.status).toBe(200);
  });

  it('signs the bytes wp_json_encode() writes: slashes escaped', async () => {
    await hook('product.updated');
    fake.updateProduct(simple().id, { name: 'Crate 1/2 – oak' });
    await fake.runScheduledActions();
    const body = deliveries()[0]!.body;
    expect(body).toContain('"name":"Crate 1\\/2 \\u2013 oak"');
    expect(body).toContain('"permalink":"https:\\/\\/127.0.0.1');
    expect(body).not.toBe(JSON.stringify(JSON.parse(body)));
  });

  it("sends WooCommerce's 404 body for a product deleted before the delivery ran", async () => {
    await hook('product.updated');
    const product = simple();
    fake.updateProduct(product.id, { weight: '5' });
    fake.deleteProduct(product.id);
    await fake.runScheduledActions();
    expect(JSON.parse(deliveries()[0]!.body)).toEqual({
      code: 'woocommerce_rest_product_invalid_id',
      message: 'Invalid ID.',
      data: { status: 404 },
    });
  });

  it('fires product.created for a new product, as the product', async () => {
    await hook('product.created');
    const created = fake.createProduct({
      name: 'New crate',
      sku: 'NEW-1',
      weight: '4',
      dimensions: { length: '10', width: '20', height: '30' },
    });
    await fake.runScheduledActions();
    expect(deliveries().map((request) => request.headers['x-wc-webhook-topic'])).toEqual(['product.created']);
    expect(JSON.parse(deliveries()[0]!.body)).toMatchObject({
      id: created.id,
      sku: 'NEW-1',
      status: 'publish',
    });
  });

  it('fires product.deleted on trash only, with just the id; product.restored on untrash', async () => {
    await Promise.all([hook('product.deleted'), hook('product.restored')]);
    const [trashed, deleted] = [...fake.products.values()].filter((product) => product.type === 'simple');
    fake.deleteProduct(deleted!.id);
    expect(fake.pendingActions).toBe(0);
    fake.trashProduct(trashed!.id);
    fake.restoreProduct(trashed!.id);
    await fake.runScheduledActions();
    expect(deliveries().map((request) => [request.headers['x-wc-webhook-topic'], request.body])).toEqual([
      ['product.deleted', JSON.stringify({ id: trashed!.id })],
      ['product.restored', expect.stringContaining(`"id":${trashed!.id},`)],
    ]);
  });

  it("sends a variation's own product.updated, as the variation", async () => {
    await hook('product.updated');
    const variation = [...fake.products.values()].find((product) => product.type === 'variation')!;
    fake.updateProduct(variation.id, { weight: '1.5' });
    await fake.runScheduledActions();
    const sent = deliveries();
    expect(sent).toHaveLength(1);
    expect(JSON.parse(sent[0]!.body)).toMatchObject({
      id: variation.id,
      type: 'variation',
      parent_id: variation.parentId,
      weight: '1.5',
    });
  });

  it('disables a webhook on the seventh failure in a row; a success resets the count', async () => {
    const webhook = await hook('product.updated');
    const product = simple();
    receiver.status = 500;
    const fail = async () => {
      fake.updateProduct(product.id, { weight: String(Math.random()) });
      return fake.runScheduledActions();
    };
    for (let failure = 1; failure <= 6; failure += 1) {
      await fail();
      expect([webhook.status, webhook.failureCount]).toEqual(['active', failure]);
    }
    receiver.status = 302;
    await fail();
    expect([webhook.status, webhook.failureCount]).toEqual(['active', 0]);
    receiver.status = 404;
    for (let failure = 1; failure <= 6; failure += 1) await fail();
    await fail();
    expect([webhook.status, webhook.failureCount]).toEqual(['disabled', 6]);
    // A disabled webhook schedules nothing.
    fake.updateProduct(product.id, { weight: '9' });
    expect(fake.pendingActions).toBe(0);
  });

  it('counts a delivery WordPress refuses to send as a failure', async () => {
    const webhook = await hook('product.updated', 'http://127.0.0.1:9/hook');
    expect(webhook.pingStatus).toBe(0);
    fake.updateProduct(simple().id, { weight: '7' });
    const [delivery] = await fake.runScheduledActions();
    expect([delivery?.status, delivery?.body, webhook.failureCount]).toEqual([
      0,
      'A valid URL was not provided.',
      1,
    ]);
  });
});
