/**
 * Going live and going quiet follow what Shopify did, read from the carrierService mutations' userErrors:
 * a refused update neither creates a second service nor hides Shopify's refusal; a service deleted in
 * Shopify is created again; a refused deactivate or delete leaves the service active here while Shopify
 * still has it. Real sockets, against the fake Shopify.
 */
import '@shopify/shopify-api/adapters/node';
import type { Session } from '@shopify/shopify-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ShopDomain } from '../../shopify-app/shop-domain.js';
import { startShopifyTestApp, type ShopifyTestApp } from './shopify-test-app.js';

describe('the carrier service registration', () => {
  let app: ShopifyTestApp;

  beforeAll(async () => {
    app = await startShopifyTestApp();
  });
  afterAll(() => app.close());

  const liveShop = async (label: string) => {
    const shop = app.addShop(label) as ShopDomain;
    expect((await app.admin('/whoami', app.fake.mintSessionToken(shop))).status).toBe(200);
    const session = await app.shopify.offlineSessions.forShop(shop);
    if (!session.ok) throw new Error(session.failure.message);
    const view = await app.shopify.registration.goLive(shop, session.value);
    return { shop, session: session.value as Session, view, services: app.fake.shop(shop).carrierServices };
  };
  const sent = (shop: string, operation: string) =>
    app.fake.requests.filter(
      (r) => r.shop === shop && String((r.body as { query?: string }).query).includes(operation),
    ).length;
  const refusal = async (promise: Promise<unknown>) => {
    const error: unknown = await promise.then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    return error as { code?: string; message?: string };
  };

  it('shows Shopify’s refusal of an update and creates no second service', async () => {
    const { shop, session, view, services } = await liveShop('update-refused');
    const before = [...services.values()][0]!.callbackUrl;
    app.fake.shop(shop).failNextCarrierServiceChange = { message: 'Callback url is not reachable' };
    const error = await refusal(app.shopify.registration.goLive(shop, session));
    expect(error).toMatchObject({ code: 'RB_ERR_SHOPIFY_REFUSED' });
    expect(error.message).toContain('Callback url is not reachable');
    expect(services.size).toBe(1);
    expect(sent(shop, 'carrierServiceCreate(')).toBe(1);
    // Nothing changed here either: the registered service and its key are the ones Shopify still has.
    expect([...services.values()][0]!.callbackUrl).toBe(before);
    expect(await app.shopify.registration.status(shop)).toEqual(view);
  });

  it('creates the service again when Shopify no longer has it', async () => {
    const { shop, session, view, services } = await liveShop('deleted-in-shopify');
    services.clear();
    const again = await app.shopify.registration.goLive(shop, session);
    expect(services.size).toBe(1);
    expect(again.id).not.toBe(view.id);
    expect([...services.keys()]).toEqual([again.id]);
  });

  it('keeps the service active here when Shopify refuses to deactivate it', async () => {
    const { shop, session, services } = await liveShop('deactivate-refused');
    app.fake.shop(shop).failNextCarrierServiceChange = { message: 'Carrier service could not be updated' };
    expect(await refusal(app.shopify.registration.deactivate(shop, session))).toMatchObject({
      code: 'RB_ERR_SHOPIFY_REFUSED',
    });
    expect([...services.values()][0]!.active).toBe(true);
    expect(await app.shopify.registration.status(shop)).toMatchObject({ active: true });
    // Once Shopify has deleted it, it is recorded inactive: nothing of it asks for rates any more.
    services.clear();
    await app.shopify.registration.deactivate(shop, session);
    expect(await app.shopify.registration.status(shop)).toMatchObject({ active: false });
  });

  it('keeps the service active here when Shopify refuses to delete it', async () => {
    const { shop, session, services } = await liveShop('delete-refused');
    app.fake.shop(shop).failNextCarrierServiceChange = { message: 'Carrier service could not be deleted' };
    expect(await refusal(app.shopify.registration.remove(shop, session))).toMatchObject({
      code: 'RB_ERR_SHOPIFY_REFUSED',
    });
    expect(services.size).toBe(1);
    expect(await app.shopify.registration.status(shop)).toMatchObject({ active: true });
    await app.shopify.registration.remove(shop, session);
    expect(services.size).toBe(0);
    expect(await app.shopify.registration.status(shop)).toMatchObject({ active: false });
  });
});
