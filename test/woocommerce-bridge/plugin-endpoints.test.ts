/**
 * The plugin's two endpoints over real sockets, signed as the plugin signs: /woocommerce/rates (live rates,
 * fallback rates within the deadline, every refusal coded) and /woocommerce/admin-link.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pluginHeaders, pluginSignature } from './plugin-signing.js';
import { startWooTestApp, type AdminClient, type WooTestApp } from './woocommerce-test-app.js';
import { deadlineForPlugin } from '../../woocommerce-bridge/public-router.js';
import type { ErrorBody } from '../../core/wire/admin-api-types.js';

interface RatesBody {
  rates: {
    id: string;
    label: string;
    cost: string;
    delivery_time: string;
    meta_data: Record<string, string | number>;
  }[];
}

const cart = (postcode = '3000', extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    currency: 'AUD',
    units: { weight: 'kg', dimension: 'cm' },
    package: {
      destination: { country: 'AU', state: 'VIC', postcode, city: '', address_1: '', address_2: '' },
      contents: [
        {
          product_id: 11,
          variation_id: 0,
          sku: 'BOX',
          quantity: 1,
          line_total: '25.00',
          weight: '3',
          length: '40',
          width: '30',
          height: '20',
        },
      ],
    },
    ...extra,
  });

describe('the plugin endpoints', () => {
  let app: WooTestApp;
  let merchant: AdminClient;
  let keyId: string;
  let secret: string;

  const rates = (body: string, headers: Record<string, string> = pluginHeaders(keyId, secret, body)) =>
    app.fetch('/woocommerce/rates', { method: 'POST', headers, body });
  const errorCode = async (response: Response) => ((await response.json()) as ErrorBody).error.code;
  const sandbox = (route: string, body: unknown) =>
    fetch(`${app.sandbox.url}${route}`, {
      method: route === '/behaviour' ? 'PUT' : 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    app = await startWooTestApp();
    merchant = await app.signIn(`woo:plugin-${randomBytes(3).toString('hex')}.example.com`);
    ({
      key: { id: keyId },
      secret,
    } = (await merchant.api('POST', '/connector-keys', { name: 'Plugin' })).body as {
      key: { id: string };
      secret: string;
    });
    const token = (
      (await (
        await sandbox('/api-tokens', {
          name: `plugin-${randomBytes(3).toString('hex')}`,
          environment: 'test',
        })
      ).json()) as { token: string }
    ).token;
    expect(
      (
        await merchant.api('POST', '/connections', {
          platform: 'sandbox',
          environment: 'test',
          label: 'Sandbox',
          token,
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await merchant.api('POST', '/locations', {
          name: 'Sydney DC',
          suburb: 'Sydney',
          postcode: '2000',
          state: 'NSW',
        })
      ).status,
    ).toBe(201);
  });
  afterAll(async () => {
    await sandbox('/behaviour', {});
    await app.close();
  });

  it('answers a signed cart with live rates in WooCommerce terms', async () => {
    const response = await rates(cart());
    expect(response.status).toBe(200);
    const body = (await response.json()) as RatesBody;
    expect(body.rates.length).toBeGreaterThan(0);
    for (const rate of body.rates) {
      expect(rate.id).toMatch(/^[A-Za-z0-9._:-]{1,100}$/);
      expect(rate.cost).toMatch(/^\d+\.\d{2}$/);
      expect(rate.meta_data.ratebridge_source).toBe('live');
    }
  });

  it('answers the fallback rates within the deadline when the platform hangs', async () => {
    await sandbox('/behaviour', { hang: true });
    const started = Date.now();
    const response = await rates(cart('3121'));
    const elapsed = Date.now() - started;
    await sandbox('/behaviour', {});
    expect(response.status).toBe(200);
    const body = (await response.json()) as RatesBody;
    expect(body.rates).toEqual([
      expect.objectContaining({
        id: 'fallback-standard',
        cost: '15.00',
        meta_data: expect.objectContaining({ ratebridge_source: 'fallback' }),
      }),
    ]);
    expect(elapsed).toBeLessThan(app.config.quote.deadlineMs + 1000);
  });

  it('refuses unsigned, forged, replayed, stale and unknown-key requests with coded 401s', async () => {
    const body = cart();
    const now = Math.floor(Date.now() / 1000);
    expect(await errorCode(await rates(body, { 'content-type': 'application/json' }))).toBe(
      'RB_ERR_SIGNATURE_MISSING',
    );
    const forged = {
      ...pluginHeaders(keyId, secret, body),
      'x-ratebridge-signature': pluginSignature('rbs_wrong', body),
    };
    const forgedResponse = await rates(body, forged);
    expect([forgedResponse.status, await errorCode(forgedResponse)]).toEqual([
      401,
      'RB_ERR_SIGNATURE_INVALID',
    ]);
    const signed = pluginHeaders(keyId, secret, body);
    expect((await rates(body, signed)).status).toBe(200);
    expect(await errorCode(await rates(body, signed))).toBe('RB_ERR_SIGNATURE_REPLAYED');
    expect(await errorCode(await rates(body, pluginHeaders(keyId, secret, body, now - 600)))).toBe(
      'RB_ERR_SIGNATURE_EXPIRED',
    );
    expect(
      await errorCode(await rates(body, pluginHeaders('rbk_AAAAAAAAAAAAAAAAAAAAAA', secret, body))),
    ).toBe('RB_ERR_UNAUTHENTICATED');
    // The signature covers the exact bytes: the same JSON re-spaced is another body.
    const respaced = body.replace('"currency":', '"currency": ');
    expect(
      await errorCode(
        await rates(respaced, { ...pluginHeaders(keyId, secret, body), 'content-type': 'application/json' }),
      ),
    ).toBe('RB_ERR_SIGNATURE_INVALID');
  });

  it('refuses bad bodies with coded 4xx, after the signature', async () => {
    const invalid = cart('3000', { currency: 'dollars' });
    const response = await rates(invalid);
    expect([response.status, await errorCode(response)]).toEqual([400, 'RB_ERR_VALIDATION']);
    const notJson = '{"currency":';
    expect(await errorCode(await rates(notJson))).toBe('RB_ERR_BAD_JSON');
    const huge = cart('3000', { padding: 'x'.repeat(300 * 1024) });
    const tooLarge = await rates(huge);
    expect([tooLarge.status, await errorCode(tooLarge)]).toEqual([413, 'RB_ERR_BODY_TOO_LARGE']);
  });

  it('answers within the time the plugin says it will wait', () => {
    expect(deadlineForPlugin('3000', 2500)).toBe(2500);
    expect(deadlineForPlugin('2000', 2500)).toBe(1600);
    expect(deadlineForPlugin('1000', 2500)).toBe(600);
    expect(deadlineForPlugin(undefined, 2500)).toBe(2500);
    expect(deadlineForPlugin('soon', 2500)).toBe(2500);
  });

  it("signs the merchant in to the admin through the plugin's admin link", async () => {
    // As the plugin sends it: with its per-request nonce.
    const body = '{"action":"admin_login","request_id":"0123456789abcdef"}';
    const response = await app.fetch('/woocommerce/admin-link', {
      method: 'POST',
      headers: pluginHeaders(keyId, secret, body),
      body,
    });
    expect(response.status).toBe(200);
    const { url } = (await response.json()) as { url: string };
    expect(url.startsWith(`${app.url}/admin/login/`)).toBe(true);
    const admin = await app.followLoginLink(url, merchant.tenant);
    expect((await admin.api('GET', '/connector-keys')).status).toBe(200);
    const reused = await app.fetch(new URL(url).pathname, {
      method: 'POST',
      headers: { origin: new URL(app.url).origin },
    });
    expect(reused.status).toBe(401);

    const other = '{"action":"delete_everything"}';
    const refused = await app.fetch('/woocommerce/admin-link', {
      method: 'POST',
      headers: pluginHeaders(keyId, secret, other),
      body: other,
    });
    expect([refused.status, await errorCode(refused)]).toEqual([400, 'RB_ERR_VALIDATION']);
  });
});
