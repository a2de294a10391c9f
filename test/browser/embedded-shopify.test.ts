/**
 * The admin UI embedded in Shopify admin, in Chromium: a page standing in for https://admin.shopify.com
 * frames the app at its root URL (`/?shop=…&host=…&embedded=1`), as Shopify does. RateBridge runs in process
 * (server.ts through the app harness, over a real socket) with the Shopify front end on, talking to a fake
 * Shopify (test/e2e/fake-shopify.ts) for the token exchange; the sandbox freight platform runs on its own
 * port. App Bridge's CDN script is answered with a stub whose `shopify.idToken()` returns a fresh session
 * token minted by the fake and signed with the app's secret, so every API call is authenticated for real.
 *
 * Proves: the embedded page is framed by Shopify admin (and refused elsewhere) under its own CSP, App Bridge
 * is its first script, the UI detects the host and calls /shopify/api with a Bearer session token on every
 * call (never /admin/api), the first call installs the shop (token exchange at the fake), and a merchant can
 * connect a sandbox token through the wizard and see the connection on the Connections page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shopifyAgainstFake } from '../support/shopify-admin-client.js';
import type { Browser, Page, Request, Route } from 'playwright-core';
import { startAppHarness, type AppHarness } from '../support/app-harness.js';
import { startFakeShopify, type FakeShopify } from '../e2e/fake-shopify.js';
import {
  assertAdminUiBuilt,
  chromiumSkipReason,
  eventually,
  launchChromium,
  screenshots,
  watchForProblems,
} from './browser-support.js';
import { freePort } from '../support/listen.js';

const skip = chromiumSkipReason();

const SHOP = 'ratebridge-embedded.myshopify.com';
const STORE_HANDLE = 'ratebridge-embedded';
const API_KEY = 'embedded-test-api-key';
const API_SECRET = 'embedded-test-api-secret-not-real';
const APP_BRIDGE_SRC = 'https://cdn.shopify.com/shopifycloud/app-bridge.js';
const SHOPIFY_ADMIN = 'https://admin.shopify.com';
const ADMIN_APP_PAGE = `${SHOPIFY_ADMIN}/store/${STORE_HANDLE}/apps/ratebridge`;
/** Shopify's `host` parameter: base64 of the shop's admin URL without the scheme. */
const HOST_PARAM = Buffer.from(`admin.shopify.com/store/${STORE_HANDLE}`).toString('base64');
/** Where App Bridge's session tokens come from inside the page (a Playwright binding). */
const MINT_BINDING = 'rbMintSessionToken';

/**
 * What the UI touches of App Bridge: `shopify.idToken()` (every API call), and the `ui-nav-menu` element that
 * NavMenu renders (App Bridge moves its links into Shopify admin's navigation, so the page never shows it).
 * The rest mirrors App Bridge's surface cheaply. It also reports where it ran: App Bridge must be the page's
 * first script, loaded synchronously, with the `shopify-api-key` meta already in the document.
 */
const APP_BRIDGE_STUB = `(() => {
  const script = document.currentScript;
  const meta = document.querySelector('meta[name="shopify-api-key"]');
  const params = new URLSearchParams(location.search);
  const toasts = [];
  window.shopify = {
    config: { apiKey: meta ? meta.content : '', shop: params.get('shop'), host: params.get('host'), locale: 'en' },
    environment: { embedded: true, mobile: false, pos: false },
    idToken: () => window.${MINT_BINDING}(),
    toast: { show: (message) => { toasts.push(String(message)); return String(toasts.length); }, hide: () => {} },
    loading: () => {},
  };
  window.rbAppBridgeStub = {
    apiKey: meta ? meta.content : null,
    firstScript: document.scripts[0] === script,
    synchronous: !script.async && !script.defer && script.type === '',
    toasts,
  };
  customElements.define('ui-nav-menu', class extends HTMLElement {
    connectedCallback() { this.hidden = true; }
  });
})();`;

/** Shopify admin's page for the app: the app in an iframe named app-iframe. */
function adminPage(appSrc: string): string {
  return (
    '<!doctype html><html><head><meta charset="utf-8" /><link rel="icon" href="data:," />' +
    '<title>RateBridge · Shopify</title></head><body style="margin:0">' +
    `<iframe id="app-iframe" name="app-iframe" title="RateBridge" src="${appSrc}" ` +
    'style="display:block;width:100%;height:880px;border:0"></iframe></body></html>'
  );
}

/** What RateBridge logged at warn or above: a clean embedded session logs nothing there. */
function serverWarnings(logs: string): string[] {
  return logs
    .split('\n')
    .filter((line) => line.trim() !== '')
    .filter((line) => ((JSON.parse(line) as { level?: number }).level ?? 0) >= 40);
}

interface ApiCall {
  readonly method: string;
  readonly path: string;
  readonly authorization: string | undefined;
}

describe.skipIf(skip !== undefined)('the admin UI embedded in Shopify admin, in Chromium', () => {
  let fake: FakeShopify;
  let app: AppHarness;
  let appUrl: string;
  let browser: Browser;

  beforeAll(async () => {
    assertAdminUiBuilt();
    fake = await startFakeShopify({ apiKey: API_KEY, apiSecret: API_SECRET });
    fake.addShop(SHOP);
    // The app must know its own URL before it starts (the carrier service callback, CSP, PUBLIC_URL).
    const port = await freePort();
    appUrl = `http://127.0.0.1:${port}`;
    app = await startAppHarness({
      env: { PORT: String(port), PUBLIC_URL: appUrl },
      shopify: shopifyAgainstFake({ apiKey: API_KEY, apiSecret: API_SECRET, appUrl, fakeUrl: fake.url }),
    });
    // Chromium's Local Network Access checks refuse a public site (Shopify admin) framing a loopback
    // address; in production the app is on a public URL, so this address is declared public.
    browser = await launchChromium([`--ip-address-space-overrides=127.0.0.1:${port}=public`]);
  }, 30_000);
  afterAll(async () => {
    await browser?.close();
    await app?.store.deleteTenant(SHOP);
    await app?.close();
    await fake?.close();
  });

  /** Answers App Bridge with the stub and Shopify admin with its frame; anything else outside the app is refused. */
  async function routeShopify(page: Page, outerHtml: string, outerOrigin: string, outside: string[]) {
    await page.route('**/*', async (route: Route) => {
      const url = route.request().url();
      if (url === APP_BRIDGE_SRC) {
        await route.fulfill({
          status: 200,
          contentType: 'text/javascript; charset=utf-8',
          body: APP_BRIDGE_STUB,
        });
      } else if (url.startsWith(`${outerOrigin}/`)) {
        await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: outerHtml });
      } else if (url.startsWith(`${appUrl}/`)) {
        await route.continue();
      } else {
        outside.push(url);
        await route.abort('blockedbyclient');
      }
    });
  }

  /** The URL Shopify admin frames: the app's root URL with Shopify's parameters. */
  const appSrc = () =>
    `${appUrl}/?${new URLSearchParams({ embedded: '1', host: HOST_PARAM, locale: 'en', shop: SHOP }).toString()}`;

  it(
    'runs framed by Shopify admin, authenticates with session tokens and connects a sandbox token',
    { timeout: 30_000 },
    async () => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const problems = watchForProblems(page);
      const shot = await screenshots('embedded-shopify');

      // App Bridge's session tokens: fresh for each call, as App Bridge's are, and remembered for the checks.
      const minted: string[] = [];
      await page.exposeFunction(MINT_BINDING, () => {
        const token = fake.mintSessionToken(SHOP);
        minted.push(token);
        return token;
      });
      const outside: string[] = [];
      await routeShopify(page, adminPage(appSrc()), SHOPIFY_ADMIN, outside);

      const calls: ApiCall[] = [];
      const statuses = new Map<string, number[]>();
      page.on('request', (request: Request) => {
        const url = new URL(request.url());
        if (url.origin !== appUrl || !/^\/(shopify|admin)\/api\//.test(url.pathname)) return;
        calls.push({
          method: request.method(),
          path: url.pathname,
          authorization: request.headers().authorization,
        });
      });
      page.on('response', (response) => {
        const url = new URL(response.url());
        if (url.origin !== appUrl || !url.pathname.startsWith('/shopify/api/')) return;
        const key = `${response.request().method()} ${url.pathname}`;
        statuses.set(key, [...(statuses.get(key) ?? []), response.status()]);
      });
      const documentResponse = page.waitForResponse(
        (response) => response.url() === appSrc() && response.request().resourceType() === 'document',
      );

      // Shopify admin opens the app: the iframe loads the app's root URL with Shopify's parameters.
      await page.goto(ADMIN_APP_PAGE);
      const frame = page.frameLocator('#app-iframe');
      const heading = (name: string) => frame.getByRole('heading', { level: 1, name });

      // The page Shopify frames: its own CSP lets Shopify admin and the shop (and nobody else) frame it.
      const served = await documentResponse;
      expect(served.status()).toBe(200);
      const headers = await served.allHeaders();
      const csp = headers['content-security-policy'] ?? '';
      const frameAncestors = /(?:^|;)\s*frame-ancestors ([^;]*)/.exec(csp)?.[1]?.trim().split(/\s+/);
      expect(frameAncestors, csp).toEqual([SHOPIFY_ADMIN, `https://${SHOP}`]);
      expect(csp).toMatch(/(?:^|;)\s*script-src 'self' https:\/\/cdn\.shopify\.com(?:;|$)/);
      expect(headers['x-frame-options']).toBeUndefined();
      expect(headers['cache-control']).toBe('no-cache');

      // Screen 1 of the wizard, rendered inside the frame.
      await eventually(() => heading('Connect your freight platform').isVisible()).toBe(true);
      await eventually(() => frame.getByText('Step 1 of 5').isVisible()).toBe(true);
      await shot(page, 'connect');
      const appFrame = page.frames().find((f) => f.url().startsWith(`${appUrl}/`));
      expect(appFrame?.url()).toBe(appSrc());
      expect(
        await appFrame?.evaluate(() => (globalThis as { rbAppBridgeStub?: unknown }).rbAppBridgeStub),
      ).toEqual({
        apiKey: API_KEY,
        firstScript: true,
        synchronous: true,
        toasts: [],
      });

      // Installed on the first call: the browser's session token exchanged for an offline token at Shopify.
      await eventually(() => fake.requests.filter((r) => r.endpoint === 'token').length).toBeGreaterThan(0);
      const exchanges = fake.requests.filter((r) => r.endpoint === 'token');
      for (const exchange of exchanges) {
        expect(exchange.shop).toBe(SHOP);
        const body = exchange.body as Record<string, unknown>;
        expect(body.client_id).toBe(API_KEY);
        expect(minted).toContain(body.subject_token);
      }

      // Connect a sandbox token through the embedded API.
      const token = await app.createSandboxToken('embedded-shop', 'test');
      await frame.getByLabel('Freight platform', { exact: true }).selectOption('sandbox');
      await frame.getByLabel('Connection name', { exact: true }).fill('Embedded sandbox');
      await frame.getByLabel('API token', { exact: true }).fill(token);
      await frame.getByRole('button', { name: 'Connect and verify' }).click();
      await eventually(() => heading('Add your pickup locations').isVisible()).toBe(true);
      expect(statuses.get('POST /shopify/api/connections')).toEqual([201]);
      await shot(page, 'connected');

      // Shopify admin's navigation: NavMenu's links (hidden in the page), keeping Shopify's parameters.
      // Loading one in the frame, as a click in Shopify admin's navigation does, shows the connection.
      const navMenu = frame.locator('ui-nav-menu');
      expect(await navMenu.isHidden()).toBe(true);
      const connectionsHref = await navMenu
        .getByRole('link', { name: 'Connections', includeHidden: true })
        .getAttribute('href');
      const target = new URL(connectionsHref ?? '', appUrl);
      expect(target.pathname).toBe('/settings/connections');
      expect(Object.fromEntries(target.searchParams)).toEqual({
        embedded: '1',
        host: HOST_PARAM,
        locale: 'en',
        shop: SHOP,
      });
      await appFrame?.goto(target.href);
      await eventually(() => heading('Connections').isVisible()).toBe(true);
      const card = frame.getByRole('region', { name: 'Embedded sandbox' });
      await eventually(() => card.isVisible()).toBe(true);
      await eventually(() => card.getByText('Active', { exact: true }).isVisible()).toBe(true);
      expect(await card.innerText()).toContain('RateBridge Sandbox, test environment');
      await shot(page, 'connections');

      // Activity names the staff member from the session token and the Shopify admin; without read_users
      // the card says every staff member with access may change tokens.
      const activityHref = await navMenu
        .getByRole('link', { name: 'Activity', includeHidden: true })
        .getAttribute('href');
      await appFrame?.goto(new URL(activityHref ?? '', appUrl).href);
      await eventually(() => heading('Activity').isVisible()).toBe(true);
      await eventually(() => frame.getByRole('table').innerText()).toMatch(
        /Connected a freight platform\s+you\s+in the Shopify admin/,
      );
      expect(await frame.getByText('RateBridge cannot tell the account owner apart').isVisible()).toBe(true);
      await shot(page, 'activity');

      // The connection belongs to the shop's tenant, as the server sees it.
      const listed = await fetch(`${appUrl}/shopify/api/connections`, {
        headers: { authorization: `Bearer ${fake.mintSessionToken(SHOP)}` },
      });
      expect(listed.status).toBe(200);
      const { connections } = (await listed.json()) as { connections: { label: string; status: string }[] };
      expect(connections.map((c) => [c.label, c.status])).toEqual([['Embedded sandbox', 'active']]);

      // Every call went to /shopify/api with a fresh session token from App Bridge; none to /admin/api.
      expect(calls.length).toBeGreaterThan(5);
      expect(calls.filter((call) => !call.path.startsWith('/shopify/api/'))).toEqual([]);
      const bearers = calls.map((call) => /^Bearer (\S+)$/.exec(call.authorization ?? '')?.[1]);
      expect(bearers.filter((bearer) => bearer === undefined || !minted.includes(bearer))).toEqual([]);
      expect(new Set(bearers).size).toBe(calls.length);
      expect(calls).toContainEqual(
        expect.objectContaining({ method: 'POST', path: '/shopify/api/connections' }),
      );

      expect(outside).toEqual([]);
      expect(problems()).toEqual([]);
      expect(serverWarnings(app.logs())).toEqual([]);
      await page.close();
    },
  );

  it('cannot be framed by a site other than Shopify admin or the shop', { timeout: 15_000 }, async () => {
    const page = await browser.newPage();
    const refusals: string[] = [];
    const blocked: string[] = [];
    page.on('console', (message) => {
      if (message.text().includes('frame-ancestors')) refusals.push(message.text());
    });
    page.on('requestfailed', (request) => {
      if (request.url() === appSrc()) blocked.push(request.failure()?.errorText ?? '');
    });
    await page.exposeFunction(MINT_BINDING, () => fake.mintSessionToken(SHOP));
    const outside: string[] = [];
    const elsewhere = 'https://shop-lookalike.example';
    await routeShopify(page, adminPage(appSrc()), elsewhere, outside);
    await page.goto(`${elsewhere}/apps/ratebridge`);
    // Chromium blocks the framed document on its CSP and says so on the console.
    await eventually(() => blocked).toEqual(['net::ERR_BLOCKED_BY_RESPONSE']);
    await eventually(() => refusals.length).toBeGreaterThan(0);
    expect(refusals[0]).toContain(`frame-ancestors ${SHOPIFY_ADMIN} https://${SHOP}`);
    expect(await page.frameLocator('#app-iframe').getByRole('heading').count()).toBe(0);
    expect(outside).toEqual([]);
    await page.close();
  });
});
