/**
 * One-click connect walked end to end over real sockets: the plugin's PHP (its test stubs with a real cURL
 * transport) starts from "Connect to RateBridge", the merchant signs in, sees which store asks and approves
 * once, WooCommerce's key grant (the fake WooCommerce) gives RateBridge read-only REST keys, and the plugin's
 * PHP trades the single-use code for the connector key in its own call to RateBridge, then uses that key
 * (webhook offer, admin link). The secret is never in a URL, a page or a log line.
 */
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityResponse, ListedConnectorKey } from '../../core/wire/admin-api-types.js';
import { tempDir } from '../support/temp-dir.js';
import { startWooTestApp, type WooTestApp } from '../woocommerce-bridge/woocommerce-test-app.js';
import { decodeEntities } from '../wordpress/browser-session.js';
import { startFakeWooCommerce, type FakeWooCommerce } from '../fakes/woocommerce/index.js';

const run = promisify(execFile);
const PLUGIN_SCRIPT = path.join(import.meta.dirname, 'php', 'one-click-plugin.php');
const hasPhp = await run('php', ['-r', 'exit(function_exists("curl_init") ? 0 : 1);']).then(
  () => true,
  () => false,
);

interface PluginRun {
  location?: string;
  died?: string;
  url?: string;
  error?: string;
  http_calls: string[];
  logs: string[];
}

describe.skipIf(!hasPhp && !process.env.CI)('one-click connect from the WordPress plugin', () => {
  let fake: FakeWooCommerce;
  let app: WooTestApp;
  let stateDir: { dir: string; remove: () => Promise<void> };
  let bridgeUrl = '';
  const plugin = async (...args: string[]): Promise<PluginRun> => {
    const { stdout } = await run(
      'php',
      [PLUGIN_SCRIPT, path.join(stateDir.dir, 'wp.json'), fake.url, ...args],
      {
        env: { ...process.env, RATEBRIDGE_TEST_CA_FILE: path.join(stateDir.dir, 'front-ca.pem') },
      },
    );
    return JSON.parse(stdout) as PluginRun;
  };

  beforeAll(async () => {
    // RateBridge behind an https front, as WooCommerce posts granted keys to https callbacks only; the
    // plugin's PHP trusts the front's CA as WordPress trusts a public one.
    app = await startWooTestApp({ httpsFront: true });
    fake = await startFakeWooCommerce({ products: 3, trustedCa: app.frontCa, safePorts: app.safePorts });
    stateDir = await tempDir('one-click-wp');
    await writeFile(path.join(stateDir.dir, 'front-ca.pem'), app.frontCa ?? '');
    bridgeUrl = app.config.publicUrl;
  });
  afterAll(async () => {
    await app?.close();
    await fake?.close();
    await stateDir?.remove();
  });

  it('connects the plugin and the store in one trip, the secret travelling only in the exchange answer', async () => {
    const seenUrls: string[] = [];
    // 1. "Connect to RateBridge" in the plugin's settings sends the browser to RateBridge.
    const start = await plugin('start', bridgeUrl);
    const connectUrl = new URL(start.location ?? '');
    expect(`${connectUrl.origin}${connectUrl.pathname}`).toBe(`${bridgeUrl}/woocommerce/one-click`);
    expect(connectUrl.searchParams.get('store_url')).toBe(fake.url);
    expect(start.http_calls).toEqual([]);
    seenUrls.push(connectUrl.href);

    // 2. Not signed in yet: RateBridge says to sign in first; signed in, it names the store that asks.
    const anonymous = await app.fetch(connectUrl.href);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.text()).toContain('Sign in to RateBridge first');
    const merchant = await app.signIn(`woo:${new URL(fake.url).host}`);
    const page = await app.fetch(connectUrl.href, { headers: { cookie: merchant.cookie } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(`id="asking-store">${new URL(fake.url).host}<`);
    const approvalId = /name="approval" value="([^"]+)"/.exec(html)?.[1] ?? '';

    // 3. One approval (a same-origin form post) leads to WooCommerce's own key grant for that store.
    const approved = await app.fetch('/woocommerce/one-click/approve', {
      method: 'POST',
      headers: {
        cookie: merchant.cookie,
        origin: new URL(bridgeUrl).origin,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ approval: approvalId }).toString(),
    });
    expect(approved.status).toBe(303);
    const authorize = new URL(approved.headers.get('location') ?? '');
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${fake.url}/wc-auth/v1/authorize`);
    const grantCookie = (approved.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const storeAdmin = fake.signIn();
    const wcPage = await storeAdmin.fetch(authorize.href);
    const approveHref =
      /<a href="([^"]+)" class="button button-primary wc-auth-approve"/.exec(wcPage.text)?.[1] ?? '';
    const granted = await storeAdmin.fetch(decodeEntities(approveHref));
    const grantReturn = String(granted.headers.location);
    seenUrls.push(authorize.href, grantReturn);

    // 4. The grant's return waits for the store's verdict, then finishes: back to the plugin with a code.
    const cookies = `${merchant.cookie}; ${grantCookie}`;
    const back = await app.fetch(grantReturn, { headers: { cookie: cookies } });
    expect(back.status).toBe(303);
    const finish = back.headers.get('location') ?? '';
    expect(finish).toMatch(/^\/woocommerce\/one-click\/finish\?approval=/);
    const finished = await app.fetch(finish, { headers: { cookie: merchant.cookie } });
    expect(finished.status).toBe(303);
    const pluginReturn = new URL(finished.headers.get('location') ?? '');
    expect(`${pluginReturn.origin}${pluginReturn.pathname}`).toBe(`${fake.url}/wp-admin/admin-post.php`);
    expect(pluginReturn.searchParams.get('state')).toBe(connectUrl.searchParams.get('state'));
    const code = pluginReturn.searchParams.get('ratebridge_code') ?? '';
    expect(code).toMatch(/^rbc_/);
    seenUrls.push(finish, pluginReturn.href);
    expect((await app.fetch(finish, { headers: { cookie: merchant.cookie } })).status).toBe(401);

    // 5. The plugin's PHP trades the code in its own call, saves the key, and offers its webhooks with it.
    const done = await plugin('return', JSON.stringify(Object.fromEntries(pluginReturn.searchParams)));
    expect(done.died).toBeUndefined();
    expect(done.location).toContain('section=ratebridge&ratebridge_connected=1');
    expect(done.http_calls).toEqual([
      `${bridgeUrl}/woocommerce/one-click/exchange`,
      `${bridgeUrl}/woocommerce/webhook-setup`,
    ]);
    const wp = JSON.parse(await readFile(path.join(stateDir.dir, 'wp.json'), 'utf8')) as {
      options: Record<string, unknown>;
    };
    const secret = String(wp.options.ratebridge_key_secret);
    const settings = wp.options.woocommerce_ratebridge_settings as { bridge_url: string; key_id: string };
    expect(secret).toMatch(/^rbs_/);
    expect(settings.bridge_url).toBe(bridgeUrl);
    expect(JSON.stringify(settings)).not.toContain(secret);
    expect(Object.keys(wp.options.ratebridge_webhook_ids as object)).toEqual([
      'product.created',
      'product.updated',
      'product.deleted',
    ]);

    // 6. Both halves are connected: the store's read-only REST key, and the plugin's key in RateBridge's list.
    const store = (await merchant.api('GET', '/woocommerce/store')).body as { store: { status: string } };
    expect(store.store.status).toBe('connected');
    expect(fake.keys.at(-1)?.permissions).toBe('read');
    const keys = (await merchant.api('GET', '/connector-keys')).body as { keys: ListedConnectorKey[] };
    expect(keys.keys.map((key) => key.id)).toEqual([settings.key_id]);
    // The owner who approved made the key, and the trail says who granted the store's keys and made it.
    expect(keys.keys[0]?.createdBy).toEqual({ actor: 'merchant' });
    const trail = (await merchant.api('GET', '/activity')).body as ActivityResponse;
    expect(trail.entries.map((entry) => [entry.action, entry.actor, entry.subject])).toEqual(
      expect.arrayContaining([
        ['woocommerce_keys_granted', 'merchant', undefined],
        ['one_click_key_created', 'merchant', settings.key_id],
      ]),
    );
    const link = await plugin('admin-link');
    expect(link.url).toMatch(new RegExp(`^${bridgeUrl}/admin/login/`));

    // 7. The code was single use; and the secret appeared in no URL, page or log line.
    const replay = await app.fetch('/woocommerce/one-click/exchange', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, code_verifier: 'v'.repeat(43), store_url: fake.url }),
    });
    expect(replay.status).toBe(401);
    expect(((await replay.json()) as { error: { code: string } }).error.code).toBe(
      'RB_ERR_ONE_CLICK_CODE_INVALID',
    );
    for (const text of [...seenUrls, html, app.logs(), ...done.logs, ...link.logs])
      expect(text).not.toContain(secret);
    // Nor the code, where it is not meant to be: it is a handle, but a live one for two minutes.
    expect(app.logs()).not.toContain(code);
  });
});
