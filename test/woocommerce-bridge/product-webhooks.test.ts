/**
 * Product webhooks delivered by the fake WooCommerce over real sockets, once its Action Scheduler queue
 * runs: the creation ping, signatures good and bad, updates applied (products, variations, variable
 * parents), trashing, and a delivery seen twice changing nothing.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyWebhookSignature } from '../../woocommerce-bridge/product-webhooks.js';
import { startFakeWooCommerce, type FakeProduct, type FakeWooCommerce } from '../fakes/woocommerce/index.js';
import { startWooTestApp, type AdminClient, type WooTestApp } from './woocommerce-test-app.js';
import type { PackagingProfile as Profile } from '../../core/wire/admin-api-types.js';

describe('product webhooks', () => {
  let app: WooTestApp;
  let fake: FakeWooCommerce;
  let merchant: AdminClient;
  let deliveryUrl: string;

  const profile = async (id: number) => {
    const response = await merchant.api('GET', `/packaging/${encodeURIComponent(`variant:${id}`)}`);
    return response.status === 200 ? (response.body as { profile: Profile }).profile : undefined;
  };
  const simple = () =>
    [...fake.products.values()].filter(
      (p) => p.type === 'simple' && !p.virtual && p.dimensions.length !== '',
    );

  beforeAll(async () => {
    app = await startWooTestApp();
    fake = await startFakeWooCommerce({ products: 40, safePorts: app.safePorts });
    merchant = await app.signIn(`hooks-${randomBytes(4).toString('hex')}`);
    const key = fake.issueKey();
    await merchant.api('POST', '/woocommerce/store', {
      storeUrl: fake.url,
      consumerKey: key.consumerKey,
      consumerSecret: key.consumerSecret,
    });
    await app.bridge.tasks.idle();
    await app.bridge.sync.idle();
    deliveryUrl = [...fake.webhooks.values()][0]?.deliveryUrl ?? '';
  });
  afterAll(async () => {
    await app.close();
    await fake.close();
  });

  it('registered one delivery URL for the three product topics, and answered the creation pings', () => {
    expect(deliveryUrl).toMatch(new RegExp(`^${app.url}/woocommerce/webhooks/wh_[A-Za-z0-9_-]{24}$`));
    expect([...fake.webhooks.values()].map((w) => [w.topic, w.deliveryUrl, w.pingStatus]).sort()).toEqual([
      ['product.created', deliveryUrl, 200],
      ['product.deleted', deliveryUrl, 200],
      ['product.updated', deliveryUrl, 200],
    ]);
  });

  it('applies a signed product update', async () => {
    const product = simple()[0]!;
    fake.updateProduct(product.id, {
      dimensions: { length: '77', width: '44', height: '22' },
      weight: '9.5',
    });
    expect(await profile(product.id)).not.toMatchObject({ packages: [{ weightKg: 9.5 }] });
    const [delivery] = await fake.runScheduledActions();
    expect(delivery).toMatchObject({ status: 200, body: { received: true, result: 'applied' } });
    expect((await profile(product.id))?.packages[0]).toMatchObject({
      lengthCm: 77,
      widthCm: 44,
      heightCm: 22,
      weightKg: 9.5,
    });
  });

  it('refuses a bad or missing signature with a coded 401, changing nothing', async () => {
    const product = simple()[1]!;
    const before = await profile(product.id);
    fake.products.get(product.id)!.dimensions = { length: '1', width: '1', height: '1' };
    const [bad] = await fake.forgeDelivery('product.updated', product.id, { signature: 'bad' });
    expect(bad).toMatchObject({ status: 401, body: { error: { code: 'RB_ERR_SIGNATURE_INVALID' } } });
    const [none] = await fake.forgeDelivery('product.updated', product.id, { signature: 'none' });
    expect(none).toMatchObject({ status: 401, body: { error: { code: 'RB_ERR_SIGNATURE_MISSING' } } });
    expect(await profile(product.id)).toEqual(before);
  });

  it('ignores a delivery seen before, even arriving after a newer one', async () => {
    const product = simple()[2]!;
    fake.updateProduct(product.id, { weight: '2' });
    const [older] = await fake.runScheduledActions();
    fake.updateProduct(product.id, { weight: '3' });
    const [newer] = await fake.runScheduledActions();
    expect([older?.status, newer?.status]).toEqual([200, 200]);
    expect((await profile(product.id))?.packages[0]?.weightKg).toBe(3);
    const again = await fake.redeliver(older!);
    expect(again).toMatchObject({ status: 200, body: { result: 'duplicate' } });
    expect((await profile(product.id))?.packages[0]?.weightKg).toBe(3);
  });

  it("updates variations, and a variable parent's variations after its own change", async () => {
    const parent = [...fake.products.values()].find(
      (p) => p.type === 'variable' && p.dimensions.length !== '',
    )!;
    const [ownWeight, inheriting] = parent.variationIds as [number, number];
    // A saved variation sends product.updated for itself (woocommerce_update_product_variation).
    fake.updateProduct(ownWeight, { weight: '4.75' });
    const [own] = await fake.runScheduledActions();
    expect(own?.request.headers['x-wc-webhook-topic']).toBe('product.updated');
    expect(JSON.parse(own?.request.body ?? '{}')).toMatchObject({ id: ownWeight, type: 'variation' });
    expect((await profile(ownWeight))?.packages[0]?.weightKg).toBe(4.75);
    fake.updateProduct(parent.id, { dimensions: { length: '66', width: '55', height: '44' } });
    await fake.runScheduledActions();
    await app.bridge.tasks.idle();
    expect((await profile(inheriting))?.packages[0]).toMatchObject({
      lengthCm: 66,
      widthCm: 55,
      heightCm: 44,
    });
  });

  it("removes the bridge's profile of a trashed product, and only the bridge's", async () => {
    const [gone, kept] = simple().slice(3, 5) as [FakeProduct, FakeProduct];
    await merchant.api('PUT', `/packaging/${encodeURIComponent(`variant:${kept.id}`)}`, {
      packages: [{ type: 'crate', lengthCm: 50, widthCm: 50, heightCm: 50, weightKg: 20 }],
    });
    expect(await profile(gone.id)).toBeDefined();
    // product.deleted fires when a product goes to the trash (wp_trash_post), and carries only the id.
    fake.trashProduct(gone.id);
    const [deleted] = await fake.runScheduledActions();
    expect([deleted?.status, deleted?.request.body]).toEqual([200, JSON.stringify({ id: gone.id })]);
    expect(await profile(gone.id)).toBeUndefined();
    fake.trashProduct(kept.id);
    await fake.runScheduledActions();
    expect((await profile(kept.id))?.packages[0]?.type).toBe('crate');
  });

  it('answers the unsigned creation ping, refuses unknown endpoints, and acknowledges other topics', async () => {
    const ping = await fetch(deliveryUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'webhook_id=12',
    });
    expect(ping.status).toBe(200);
    const unknown = await fetch(`${app.url}/woocommerce/webhooks/wh_${'A'.repeat(24)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'webhook_id=12',
    });
    expect([unknown.status, ((await unknown.json()) as { error: { code: string } }).error.code]).toEqual([
      404,
      'RB_ERR_NOT_FOUND',
    ]);
    const body = JSON.stringify({ id: 5 });
    const secretless = await fetch(deliveryUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-wc-webhook-topic': 'order.created',
        'x-wc-webhook-signature': 'AAAA',
      },
      body,
    });
    expect(secretless.status).toBe(401);
  });

  it('verifies signatures exactly: base64 HMAC-SHA256 of the raw bytes', () => {
    const body = Buffer.from('{"id":1}');
    const signature = createHmac('sha256', 'secret').update(body).digest('base64');
    expect(verifyWebhookSignature(body, signature, 'secret')).toBe(true);
    expect(verifyWebhookSignature(body, signature, 'other')).toBe(false);
    expect(verifyWebhookSignature(Buffer.from('{"id": 1}'), signature, 'secret')).toBe(false);
    expect(verifyWebhookSignature(body, undefined, 'secret')).toBe(false);
    expect(
      verifyWebhookSignature(body, createHmac('sha256', 'secret').update(body).digest('hex'), 'secret'),
    ).toBe(false);
  });
});
