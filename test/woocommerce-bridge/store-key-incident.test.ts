/**
 * A WooCommerce key revoked in the store becomes ONE merchant incident: the store link's scheduled check
 * finds the key refused, its event reaches the alerts through the seam server.ts wires (alertOnStoreKeys),
 * and GET /incidents lists it with what to do. Real sockets, the fake WooCommerce, a fast check schedule.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { incidentsResponseSchema } from '../../core/wire/incidents-schema.js';
import { alertOnStoreKeys } from '../../woocommerce-bridge/index.js';
import { startFakeWooCommerce, type FakeWooCommerce } from '../fakes/woocommerce/index.js';
import { startWooTestApp, type WooTestApp } from './woocommerce-test-app.js';

describe('a revoked WooCommerce key as an incident', () => {
  let app: WooTestApp;
  let fake: FakeWooCommerce;

  beforeAll(async () => {
    app = await startWooTestApp({
      bridge: { linkCheck: { intervalMs: 150, tickMs: 30 }, sync: { retryDelaysMs: [20] } },
    });
    alertOnStoreKeys(app.core.alerts, app.bridge.link);
    fake = await startFakeWooCommerce({ products: 3, safePorts: app.safePorts });
  });
  afterAll(async () => {
    await app?.close();
    await fake?.close();
  });

  it('opens one store_key_revoked incident once the link check finds the key refused', async () => {
    const merchant = await app.signIn(`woo-key-${randomBytes(4).toString('hex')}`);
    const key = fake.issueKey();
    const pasted = await merchant.api('POST', '/woocommerce/store', {
      storeUrl: fake.url,
      consumerKey: key.consumerKey,
      consumerSecret: key.consumerSecret,
    });
    expect(pasted.status).toBe(201);
    await app.bridge.tasks.idle();
    await app.bridge.sync.idle();
    expect(incidentsResponseSchema.parse((await merchant.api('GET', '/incidents')).body).incidents).toEqual(
      [],
    );

    fake.revokeKey(key);
    await expect
      .poll(
        async () => incidentsResponseSchema.parse((await merchant.api('GET', '/incidents')).body).incidents,
        {
          timeout: 8000,
        },
      )
      .toEqual([
        expect.objectContaining({ kind: 'store_key_revoked', subject: 'woocommerce', resolvedAt: null }),
      ]);
    // Checks keep finding it refused: still the one incident, and no secret of the key in it.
    await new Promise((resolve) => setTimeout(resolve, 400));
    const { incidents } = incidentsResponseSchema.parse((await merchant.api('GET', '/incidents')).body);
    expect(incidents).toHaveLength(1);
    expect(JSON.stringify(incidents)).not.toContain(key.consumerSecret);
    expect(JSON.stringify(incidents)).not.toContain(key.consumerKey);
    expect(app.logs()).not.toContain(key.consumerSecret);
  });
});
