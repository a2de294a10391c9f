/**
 * The fake Shopify checked against Shopify's own library: what it signs, @shopify/shopify-api accepts. A
 * fake that only our code accepts would prove nothing about our code.
 */
import '@shopify/shopify-api/adapters/node';
import { createHmac, randomBytes } from 'node:crypto';
import { ApiVersion, shopifyApi } from '@shopify/shopify-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rateRequest, startFakeShopify, webhookPayloads, type FakeShopify } from '../e2e/fake-shopify.js';
import { listen } from '../support/listen.js';

const apiKey = `fake-check-key-${randomBytes(6).toString('hex')}`;
const apiSecret = `fake-check-secret-${randomBytes(16).toString('hex')}`;
const shop = 'interop-shop.myshopify.com';

describe('the fake Shopify speaks what Shopify’s library expects', () => {
  let fake: FakeShopify;
  const library = shopifyApi({
    apiKey,
    apiSecretKey: apiSecret,
    hostName: 'ratebridge.example.com',
    apiVersion: ApiVersion.October26,
    isEmbeddedApp: true,
    logger: { level: 0 },
  });

  beforeAll(async () => {
    fake = await startFakeShopify({ apiKey, apiSecret });
    fake.addShop(shop);
  });
  afterAll(() => fake.close());

  it('mints session tokens @shopify/shopify-api decodes, with the claims App Bridge sends', async () => {
    const payload = await library.session.decodeSessionToken(fake.mintSessionToken(shop, { sub: '314' }));
    expect(payload).toMatchObject({
      iss: `https://${shop}/admin`,
      dest: `https://${shop}`,
      aud: apiKey,
      sub: '314',
    });
    expect(payload.exp - payload.nbf).toBeGreaterThan(50);
    await expect(
      library.session.decodeSessionToken(fake.mintSessionToken(shop, { secret: 'someone-else' })),
    ).rejects.toThrow();
  });

  it('signs webhooks @shopify/shopify-api validates, and breaks them on request', async () => {
    const results: unknown[] = [];
    const receiver = await listen((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        library.webhooks
          .validate({
            rawBody: Buffer.concat(chunks).toString('utf8'),
            rawRequest: request,
            rawResponse: response,
          })
          .then(
            (result) => {
              results.push(result);
              response.end();
            },
            (error: unknown) => {
              results.push(String(error));
              response.end();
            },
          );
      });
    });
    try {
      await fake.deliverWebhook(receiver.url, 'app/uninstalled', shop, webhookPayloads.appUninstalled(shop));
      await fake.deliverWebhook(receiver.url, 'shop/redact', shop, webhookPayloads.shopRedact(shop), {
        hmac: 'bad',
      });
    } finally {
      await receiver.close();
    }
    expect(results[0]).toMatchObject({
      valid: true,
      topic: 'APP_UNINSTALLED',
      domain: shop,
      apiVersion: '2026-10',
    });
    expect(results[1]).toMatchObject({ valid: false });
  });

  it('posts carrier service rate requests in Shopify’s shape, signed, with prices as numbers or strings', async () => {
    const received: { headers: Record<string, unknown>; body: string }[] = [];
    const callback = await listen((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
        response.writeHead(200, { 'content-type': 'application/json' }).end('{"rates":[]}');
      });
    });
    try {
      const answer = await fake.callCarrierService(
        `${callback.url}/shopify/carrier-service/k`,
        rateRequest(),
        { shop },
      );
      await fake.callCarrierService(callback.url, rateRequest({ priceAsString: true }), {
        shop,
        signed: false,
      });
      expect(answer).toMatchObject({ status: 200, body: { rates: [] } });
    } finally {
      await callback.close();
    }
    const [signed, unsigned] = received;
    const hmac = createHmac('sha256', apiSecret).update(signed!.body).digest('base64');
    expect(signed!.headers).toMatchObject({ 'x-shopify-shop-domain': shop, 'x-shopify-hmac-sha256': hmac });
    expect(unsigned!.headers['x-shopify-hmac-sha256']).toBeUndefined();
    const numeric = JSON.parse(signed!.body) as { rate: { items: { price: unknown }[]; currency: string } };
    const textual = JSON.parse(unsigned!.body) as { rate: { items: { price: unknown }[] } };
    expect(numeric.rate.items.map((item) => item.price)).toEqual([89900, 5000]);
    expect(textual.rate.items.map((item) => item.price)).toEqual(['89900', '5000']);
    expect(numeric.rate.currency).toBe('AUD');
  });

  it('records every request it receives', async () => {
    const before = fake.requests.length;
    await fetch(`${fake.url}/${shop}/admin/oauth/access_token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ client_id: apiKey, client_secret: 'wrong', grant_type: 'refresh_token' }),
    });
    await fetch(`${fake.url}/nowhere`);
    expect(fake.requests.slice(before).map((r) => [r.endpoint, r.shop])).toEqual([
      ['token', shop],
      ['other', undefined],
    ]);
  });
});
