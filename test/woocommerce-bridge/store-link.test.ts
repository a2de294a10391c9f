/**
 * The store link follows the store, against the fake WooCommerce over real sockets with a short check
 * interval: units re-read by every sync and by the scheduled check (with WooCommerce's own factors),
 * deleted, trashed and vanished products leaving packaging and the missing-dimensions report, a delivery
 * for a product deleted before delivery answered 200, webhooks re-enabled and re-created, a revoked key
 * found without a sync and shown on the connection (and heard by a subscriber), old webhooks retired on a
 * store URL change, and WordPress not seeing HTTPS explained rather than blamed on the key.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LinkEvent } from '../../woocommerce-bridge/store-link.js';
import { storeLinkSchema, type StoreLink } from '../../core/wire/store-link-schema.js';
import {
  startFakeWooCommerce,
  type FakeKey,
  type FakeProduct,
  type FakeWooCommerce,
  type FakeWooOptions,
} from '../fakes/woocommerce/index.js';
import { startWooTestApp, type AdminClient, type WooTestApp } from './woocommerce-test-app.js';

interface StoreView {
  storeUrl: string;
  status: string;
  units: { weight: string; dimension: string } | null;
  lastCheck: { outcome: string; detail: string } | null;
  link: StoreLink;
}
interface Box {
  lengthCm: number;
  widthCm: number;
  heightCm: number;
  weightKg: number;
}

const CHECK_MS = 150;

async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 8000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('the store link', () => {
  let app: WooTestApp;
  const fakes: FakeWooCommerce[] = [];
  const events: LinkEvent[] = [];

  beforeAll(async () => {
    app = await startWooTestApp({
      bridge: { linkCheck: { intervalMs: CHECK_MS, tickMs: 30 }, sync: { retryDelaysMs: [20] } },
    });
    app.bridge.link.subscribe((event) => {
      events.push(event);
    });
  });
  afterAll(async () => {
    await app.close();
    for (const fake of fakes) await fake.close();
  });

  const connected = async (options: FakeWooOptions = {}) => {
    const fake = await startFakeWooCommerce({ products: 30, safePorts: app.safePorts, ...options });
    fakes.push(fake);
    const merchant = await app.signIn(`link-${randomBytes(4).toString('hex')}`);
    const key = fake.issueKey();
    const response = await paste(merchant, fake, key);
    expect(response.status).toBe(201);
    await settled();
    return { fake, merchant, key };
  };
  const paste = (merchant: AdminClient, fake: FakeWooCommerce, key: FakeKey) =>
    merchant.api('POST', '/woocommerce/store', {
      storeUrl: fake.url,
      consumerKey: key.consumerKey,
      consumerSecret: key.consumerSecret,
    });
  const settled = async () => {
    await app.bridge.tasks.idle();
    await app.bridge.sync.idle();
  };
  const view = async (merchant: AdminClient) =>
    ((await merchant.api('GET', '/woocommerce/store')).body as { store: StoreView }).store;
  const box = async (merchant: AdminClient, id: number) => {
    const response = await merchant.api('GET', `/packaging/${encodeURIComponent(`variant:${id}`)}`);
    return response.status === 200
      ? (response.body as { profile: { packages: Box[] } }).profile.packages[0]
      : undefined;
  };
  const reportKeys = async (merchant: AdminClient) => {
    const body = (await merchant.api('GET', '/packaging/missing-dimensions?limit=500')).body as {
      items: { key: string }[];
    };
    return body.items.map((item) => item.key);
  };
  const boxed = (fake: FakeWooCommerce) =>
    [...fake.products.values()].filter(
      (p) => p.type === 'simple' && !p.virtual && p.dimensions.length !== '' && p.status !== 'trash',
    );
  const unsized = (fake: FakeWooCommerce) =>
    [...fake.products.values()].filter(
      (p) => p.type === 'simple' && !p.virtual && p.dimensions.length === '',
    );
  const inLbsAndInches = (product: FakeProduct) => ({
    lengthCm: expect.closeTo(Number(product.dimensions.length) * 2.54, 9),
    weightKg: expect.closeTo(Number(product.weight) * 0.453592, 9),
  });

  it('states the link in the contract shape once connected', async () => {
    const { merchant } = await connected();
    const link = (await view(merchant)).link;
    expect(storeLinkSchema.parse(link)).toEqual(link);
    expect(link.key.status).toBe('ok');
    expect(link.units).toMatchObject({ weight: 'kg', dimension: 'cm' });
    expect(link.nextCheckAt).not.toBeNull();
    const checked = await eventually(async () => {
      const hooks = (await view(merchant)).link.webhooks;
      return hooks.length === 3 ? hooks : undefined;
    });
    expect(checked.map((hook) => [hook.topic, hook.status]).sort()).toEqual([
      ['product.created', 'active'],
      ['product.deleted', 'active'],
      ['product.updated', 'active'],
    ]);
  });

  it('reads the units again at every sync, converting with WooCommerce factors', async () => {
    const { fake, merchant } = await connected();
    await app.bridge.link.stop(); // only the sync may notice this time
    try {
      fake.setUnits('lbs', 'in');
      expect((await merchant.api('POST', '/woocommerce/sync')).status).toBe(202);
      await settled();
      const product = boxed(fake)[0]!;
      expect(await box(merchant, product.id)).toMatchObject(inLbsAndInches(product));
      expect((await view(merchant)).units).toEqual({ weight: 'lbs', dimension: 'in' });
    } finally {
      app.bridge.link.start();
    }
  });

  it('finds changed units on schedule, syncs again and converts webhooks with them', async () => {
    const { fake, merchant } = await connected();
    fake.setUnits('lbs', 'in');
    await eventually(async () => ((await view(merchant)).units?.weight === 'lbs' ? true : undefined));
    const resynced = await eventually(async () => {
      const sync = (
        (await merchant.api('GET', '/woocommerce/sync')).body as { sync: { trigger: string; status: string } }
      ).sync;
      return sync.trigger === 'units' && sync.status === 'completed' ? sync : undefined;
    });
    expect(resynced.status).toBe('completed');
    const [first, second] = boxed(fake);
    expect(await box(merchant, first!.id)).toMatchObject(inLbsAndInches(first!));
    fake.updateProduct(second!.id, {
      weight: '0.387',
      dimensions: { length: '18', width: '10', height: '4' },
    });
    const [delivery] = await fake.runScheduledActions();
    expect(delivery?.status).toBe(200);
    // 0.387 lb and 18 in, not 0.387 kg and 18 cm.
    expect(await box(merchant, second!.id)).toMatchObject({ weightKg: 0.175540104, lengthCm: 45.72 });
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'units-changed', units: { weight: 'lbs', dimension: 'in' } }),
    );
  });

  it('forgets a trashed product: its profile and its line in the missing-dimensions report', async () => {
    const { fake, merchant } = await connected();
    const sized = boxed(fake)[0]!;
    const bare = unsized(fake)[0]!;
    expect(await box(merchant, sized.id)).toBeDefined();
    expect(await reportKeys(merchant)).toContain(`variant:${bare.id}`);
    for (const product of [sized, bare]) fake.trashProduct(product.id);
    const deliveries = await fake.runScheduledActions();
    expect(deliveries.map((delivery) => [delivery.topic, delivery.status])).toEqual([
      ['product.deleted', 200],
      ['product.deleted', 200],
    ]);
    expect(await box(merchant, sized.id)).toBeUndefined();
    expect(await reportKeys(merchant)).not.toContain(`variant:${bare.id}`);
  });

  it('answers 200 to a delivery for a product deleted before delivery, and a sync forgets it', async () => {
    const { fake, merchant } = await connected();
    const gone = boxed(fake)[1]!;
    // Edited, then deleted for good before Action Scheduler runs: the payload, built at delivery, is the
    // REST error for a missing product.
    fake.updateProduct(gone.id, { weight: '3' });
    fake.deleteProduct(gone.id);
    const [delivery] = await fake.runScheduledActions();
    expect(delivery?.request.body).toMatch(/woocommerce_rest_product_invalid_id/);
    expect(delivery).toMatchObject({ status: 200, body: { received: true, result: 'gone' } });
    await settled();
    expect(await box(merchant, gone.id)).toBeUndefined();
    const hook = fake.webhooks.get(delivery!.webhookId);
    expect(hook).toMatchObject({ status: 'active', failureCount: 0 });
  });

  it('drops at a full sync every product the store no longer has', async () => {
    const { fake, merchant } = await connected();
    const before = await reportKeys(merchant);
    const vanished = unsized(fake).slice(0, 2);
    for (const product of vanished) fake.deleteProduct(product.id);
    await merchant.api('POST', '/woocommerce/sync');
    await settled();
    const sync = ((await merchant.api('GET', '/woocommerce/sync')).body as { sync: { removed: number } })
      .sync;
    expect(sync.removed).toBe(2);
    const after = await reportKeys(merchant);
    expect(after).toHaveLength(before.length - 2);
    for (const product of vanished) expect(after).not.toContain(`variant:${product.id}`);
  });

  it('re-enables a webhook WooCommerce disabled and re-creates one deleted there', async () => {
    const { fake, merchant } = await connected();
    const [disabled, deleted] = [...fake.webhooks.values()];
    // More than five failed deliveries in a row: WooCommerce disables the webhook.
    disabled!.failureCount = 6;
    disabled!.status = 'disabled';
    fake.webhooks.delete(deleted!.id);
    const healed = await eventually(async () => {
      const hooks = (await view(merchant)).link.webhooks;
      return hooks.filter((hook) => hook.repairedAt !== null).length === 2 ? hooks : undefined;
    });
    expect(healed.every((hook) => hook.status === 'active')).toBe(true);
    expect(
      healed
        .filter((hook) => hook.repairedAt !== null)
        .map((hook) => hook.topic)
        .sort(),
    ).toEqual([disabled!.topic, deleted!.topic].sort());
    expect(fake.webhooks.get(disabled!.id)?.status).toBe('active');
    const topics = [...fake.webhooks.values()].filter((hook) => hook.status === 'active').map((h) => h.topic);
    expect(topics.sort()).toEqual(['product.created', 'product.deleted', 'product.updated']);
  });

  it('finds a revoked key on schedule and says failed on the connection', async () => {
    const { fake, merchant, key } = await connected();
    fake.revokeKey(key);
    const failed = await eventually(async () => {
      const store = await view(merchant);
      return store.status === 'failed' ? store : undefined;
    });
    expect(failed.link.key).toMatchObject({ status: 'rejected' });
    expect(failed.link.key.detail).toMatch(/refused the API key/);
    expect(failed.lastCheck?.outcome).toBe('rejected');
    // Listeners hear it once the change is stored.
    const heard = await eventually(async () =>
      events.find(
        (event) =>
          event.type === 'key-status-changed' &&
          event.storeUrl === failed.storeUrl &&
          event.status === 'rejected',
      ),
    );
    expect(heard).toMatchObject({ previous: 'ok' });
  });

  it('says WordPress stopped seeing HTTPS, not that the key is bad, and recovers once it does again', async () => {
    const { fake, merchant } = await connected();
    fake.behaviour.seesHttps = false; // a TLS proxy put in front of the store, not telling WordPress
    const failed = await eventually(async () => {
      const store = await view(merchant);
      return store.status === 'failed' ? store : undefined;
    });
    expect(failed.lastCheck?.outcome).toBe('https_unseen');
    expect(failed.link.key.status).toBe('unknown');
    expect(failed.link.key.detail).toMatch(/does not see this store's requests as HTTPS/);
    expect(failed.link.key.detail).not.toMatch(/Create a new key/);
    fake.behaviour.seesHttps = true;
    const back = await eventually(async () => {
      const store = await view(merchant);
      return store.status === 'connected' ? store : undefined;
    });
    expect(back.link.key.status).toBe('ok');
  });

  it('does not blame the key when WordPress does not see HTTPS behind a proxy', async () => {
    const fake = await startFakeWooCommerce({ products: 1, safePorts: app.safePorts, seesHttps: false });
    fakes.push(fake);
    const merchant = await app.signIn(`link-${randomBytes(4).toString('hex')}`);
    const response = await paste(merchant, fake, fake.issueKey());
    expect(response.status).toBe(422);
    const error = (response.body as { error: { code: string; message: string } }).error;
    expect(error.code).toBe('RB_ERR_STORE_HTTPS_UNSEEN');
    expect(error.message).toMatch(/does not see this store's requests as HTTPS/);
    expect(error.message).not.toMatch(/Create a new key/);
  });

  it('retires the old webhooks and their endpoint when the store URL changes', async () => {
    const { fake: first, merchant } = await connected();
    const oldUrl = [...first.webhooks.values()][0]!.deliveryUrl;
    const second = await startFakeWooCommerce({ products: 3, safePorts: app.safePorts });
    fakes.push(second);
    expect((await paste(merchant, second, second.issueKey())).status).toBe(201);
    await settled();
    expect(first.webhooks.size).toBe(0);
    expect([...second.webhooks.values()].every((hook) => hook.deliveryUrl !== oldUrl)).toBe(true);
    const stale = await app.fetch(oldUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-wc-webhook-topic': 'product.updated' },
      body: '{}',
    });
    expect(stale.status).toBe(404);
  });
});
