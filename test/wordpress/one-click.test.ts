/**
 * One-click connect inside a real WordPress 6.8 + WooCommerce 9.9: the store admin clicks "Connect to
 * RateBridge" on the plugin's real settings page, approves once in RateBridge, approves WooCommerce's own
 * key grant (keys posted to RateBridge's https callback by WordPress), and lands back on the settings page
 * connected: the plugin's PHP, inside WordPress, traded the single-use code for the connector key with
 * wp_remote_post over TLS. Nothing typed into the plugin's settings, nothing secret in a URL or a log.
 *
 * The same test-only concession as store-link.test.ts: RateBridge's front listens on a port of its own, and
 * WordPress's safe HTTP (the grant's callback) is allowed that port (php/ratebridge-test-site.php).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWooTestApp, type WooTestApp } from '../woocommerce-bridge/woocommerce-test-app.js';
import { decodeEntities, inputValue } from './browser-session.js';
import { makeLocalCa } from './local-ca.js';
import { startRecordingBridge, type RecordingBridge } from './recording-bridge.js';
import { probeWordPress } from './wordpress-probe.js';
import { startWordPressSite, type WordPressSite } from './wordpress-site.js';
import { notices, WpAdmin } from './wp-admin.js';

const wordpress = await probeWordPress();

const PRODUCT = {
  name: 'Dining chair',
  sku: 'CHAIR-01',
  price: '120.00',
  weight: '7.5',
  length: '60',
  width: '55',
  height: '90',
};

describe.skipIf(!wordpress.ok)('one-click connect in a real WordPress + WooCommerce', () => {
  let front: RecordingBridge;
  let app: WooTestApp;
  let site: WordPressSite;
  let admin: WpAdmin;

  beforeAll(async () => {
    const ca = await makeLocalCa();
    front = await startRecordingBridge({ tls: { cert: ca.cert, key: ca.key } });
    app = await startWooTestApp({ publicUrl: front.url });
    front.forwardTo(app.url);
    site = await startWordPressSite({
      hpos: true,
      fallbackLabel: 'Standard freight',
      fallbackCost: '19.95',
      products: [PRODUCT],
      trustCa: ca.ca,
      safePorts: [Number(new URL(front.url).port)],
    });
    admin = await WpAdmin.signIn(site);
  }, 180_000);
  afterAll(async () => {
    await site?.close();
    await app?.close();
    await front?.close();
  }, 60_000);

  /** "Connect to RateBridge" on the settings page: the form posted to its button's formaction. */
  async function clickConnect(): Promise<URL> {
    const settings = await admin.settingsPage();
    expect(settings.text).toContain('>Connect to RateBridge</button>');
    const formaction = /id="ratebridge-connect" formaction="([^"]+)"/.exec(settings.text)?.[1] ?? '';
    const started = await admin.session.post(decodeEntities(formaction), {
      ratebridge_connect_nonce: inputValue(settings.text, 'ratebridge_connect_nonce') ?? '',
      _wpnonce: inputValue(settings.text, '_wpnonce') ?? '',
      woocommerce_ratebridge_bridge_url: front.url,
      woocommerce_ratebridge_key_id: '',
      woocommerce_ratebridge_key_secret: '',
      woocommerce_ratebridge_timeout: '3',
    });
    expect(started.status).toBe(302);
    return new URL(started.headers.get('location') ?? '');
  }

  it('connects the plugin and the store from one click, the key reaching WordPress server to server', async () => {
    const connectUrl = await clickConnect();
    expect(`${connectUrl.origin}${connectUrl.pathname}`).toBe(`${front.url}/woocommerce/one-click`);
    expect(connectUrl.searchParams.get('store_url')).toBe(site.url);

    // In RateBridge: signed in, the merchant sees the store that asks and approves once.
    const merchant = await app.signIn(`woo:${new URL(site.url).host}`);
    const page = await app.fetch(connectUrl.href, { headers: { cookie: merchant.cookie } });
    expect(page.status).toBe(200);
    const approval = /name="approval" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
    const approved = await app.fetch('/woocommerce/one-click/approve', {
      method: 'POST',
      headers: {
        cookie: merchant.cookie,
        origin: new URL(front.url).origin,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ approval }).toString(),
    });
    expect(approved.status).toBe(303);
    const grantCookie = (approved.headers.get('set-cookie') ?? '').split(';')[0] ?? '';

    // In WooCommerce: its own approval page; the keys go to RateBridge's callback, the browser comes back.
    const authorize = await admin.session.request(approved.headers.get('location') ?? '');
    const approve = /<a href="([^"]+)" class="button button-primary wc-auth-approve"/.exec(
      authorize.text,
    )?.[1];
    const granted = await admin.session.request(decodeEntities(approve ?? ''));
    expect(granted.status).toBe(302);
    const cookies = { cookie: `${merchant.cookie}; ${grantCookie}` };
    const back = await app.fetch(granted.headers.get('location') ?? '', { headers: cookies });
    expect(back.status).toBe(303);
    const finished = await app.fetch(back.headers.get('location') ?? '', { headers: cookies });
    expect(finished.status).toBe(303);
    const pluginReturn = finished.headers.get('location') ?? '';
    expect(
      pluginReturn.startsWith(`${site.url}/wp-admin/admin-post.php?action=ratebridge_connect_return&`),
    ).toBe(true);

    // Back in WordPress: the plugin trades the code itself and shows the settings, connected.
    const returned = await admin.session.request(pluginReturn);
    expect(returned.status).toBe(302);
    expect(returned.headers.get('location')).toContain('ratebridge_connected=1');
    const landed = await admin.session.request(returned.headers.get('location') ?? '');
    expect(notices(landed.text)).toContain(
      'RateBridge: Connected. Checkout now asks RateBridge for live rates.',
    );
    const state = await site.state();
    expect(state.has_secret).toBe(true);
    expect(state.settings).toMatchObject({ bridge_url: front.url, key_secret: '' });
    expect(state.transients.filter((name) => name.startsWith('ratebridge_one_click_'))).toEqual([]);
    const keys = (await merchant.api('GET', '/connector-keys')).body as { keys: { id: string }[] };
    expect(keys.keys.map((key) => key.id)).toEqual([state.settings.key_id]);
    expect(front.callsTo('/woocommerce/one-click/exchange')).toHaveLength(1);
    expect(front.callsTo('/woocommerce/auth-callback')).toHaveLength(1);
    const store = (await merchant.api('GET', '/woocommerce/store')).body as { store: { status: string } };
    expect(store.store.status).toBe('connected');

    // Nothing secret in any URL the browser saw, in RateBridge's logs or in WordPress's debug log.
    const seen = [connectUrl.href, pluginReturn, front.calls.map((call) => call.path).join('\n')];
    const debugLog = await site.debugLog();
    // What the plugin caused (its folder, text domain or classes named), as plugin-checkout.test.ts reads it.
    expect(debugLog.filter((line) => /ratebridge-shipping|RateBridge_|PHP Fatal error/i.test(line))).toEqual(
      [],
    );
    for (const text of [...seen, app.logs(), debugLog.join('\n')]) expect(text).not.toMatch(/rbs_/);
  }, 180_000);
});
