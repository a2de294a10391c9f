/**
 * Serving the built admin UI (admin-ui/server/admin-ui-routes.ts) over a real socket: caching, the SPA
 * fallback and what must not fall back, the "not built" answer, and the Shopify-embedded variant. No
 * browser needed; it lives beside the browser tests because it serves what they drive.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import express from 'express';
import helmet from 'helmet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminUiRouter } from '../../admin-ui/server/admin-ui-routes.js';
import { listen } from '../support/listen.js';
import { tempDir } from '../support/temp-dir.js';

const INDEX =
  '<!doctype html><html><head><meta charset="utf-8" /><script type="module" src="/admin/assets/index-AbC123.js"></script></head><body></body></html>';

async function serve(distDir: string, options: { shopify?: { apiKey: string } } = {}) {
  const app = express();
  app.use(helmet());
  app.use('/admin/api', (_request, response) => {
    response.status(401).json({ error: { code: 'RB_ERR_UNAUTHENTICATED', message: 'Sign in again.' } });
  });
  app.use('/admin', adminUiRouter({ distDir, ...options }));
  app.use((_request, response) => {
    response
      .status(404)
      .json({ error: { code: 'RB_ERR_ROUTE_NOT_FOUND', message: 'There is nothing at this address.' } });
  });
  return listen(app);
}

describe('the admin UI router', () => {
  let dir: { dir: string; remove: () => Promise<void> };
  let built: { url: string; close: () => Promise<void> };
  let embedded: { url: string; close: () => Promise<void> };

  beforeAll(async () => {
    dir = await tempDir('admin-ui');
    await mkdir(path.join(dir.dir, 'assets'));
    await writeFile(path.join(dir.dir, 'index.html'), INDEX);
    await writeFile(path.join(dir.dir, 'assets', 'index-AbC123.js'), 'console.log(1);');
    built = await serve(dir.dir);
    embedded = await serve(dir.dir, { shopify: { apiKey: 'client-id-1' } });
  });
  afterAll(async () => {
    await built.close();
    await embedded.close();
    await dir.remove();
  });

  it('serves index.html with no-cache at the mount and for any page path under it', async () => {
    for (const page of ['/admin/', '/admin', '/admin/setup', '/admin/settings/rate-log/rl_abc']) {
      const response = await fetch(`${built.url}${page}`);
      expect(response.status, page).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(await response.text()).toBe(INDEX);
    }
  });

  it('caches hashed assets for a year, immutable, under the default CSP', async () => {
    const response = await fetch(`${built.url}/admin/assets/index-AbC123.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(response.headers.get('content-type')).toMatch(/javascript/);
    const page = await fetch(`${built.url}/admin/`);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('answers 404 JSON, not the app, for a missing asset or an API route it does not have', async () => {
    for (const missing of ['/admin/assets/index-Old999.js', '/admin/assets/', '/admin/favicon.ico']) {
      const response = await fetch(`${built.url}${missing}`);
      expect(response.status, missing).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    }
    const api = await fetch(`${built.url}/admin/api/anything`);
    expect(api.status).toBe(401);
    // A JSON client on any path (the embedded API mounted beside a root fallback) gets JSON, never the app.
    const json = await fetch(`${built.url}/admin/shopify/api/unknown`, {
      headers: { accept: 'application/json' },
    });
    expect(json.status).toBe(404);
    expect(json.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('answers 503 with a coded error saying to build when index.html is missing', async () => {
    const empty = await tempDir('admin-ui-empty');
    const server = await serve(empty.dir);
    try {
      const response = await fetch(`${server.url}/admin/`);
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({
        error: { code: 'RB_ERR_ADMIN_UI_NOT_BUILT', message: expect.stringContaining('run npm run build') },
      });
    } finally {
      await server.close();
      await empty.remove();
    }
  });

  it('mounted at the root (Shopify), never answers a server API path with the app, whatever Accept says', async () => {
    const app = express();
    app.use('/', adminUiRouter({ distDir: dir.dir, shopify: { apiKey: 'client-id-1' } }));
    app.use((_request, response) => {
      response.status(404).json({ error: { code: 'RB_ERR_ROUTE_NOT_FOUND', message: 'Nothing here.' } });
    });
    const root = await listen(app);
    try {
      for (const apiPath of [
        '/shopify/api/nope',
        '/woocommerce/x',
        '/healthz/x',
        '/shopify/carrier-service/x',
        '/sandbox/x',
      ]) {
        const response = await fetch(`${root.url}${apiPath}`, { headers: { accept: '*/*' } });
        expect([apiPath, response.status]).toEqual([apiPath, 404]);
        expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      }
      const page = await fetch(`${root.url}/?shop=demo-1.myshopify.com&host=abc`, {
        headers: { accept: 'text/html' },
      });
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('app-bridge.js');
    } finally {
      await root.close();
    }
  });

  it('embedded in Shopify: loads App Bridge first and lets Shopify admin and the shop frame the page', async () => {
    const response = await fetch(`${embedded.url}/admin/?shop=demo-1.myshopify.com&host=abc`);
    const html = await response.text();
    expect(html).toContain('<meta name="shopify-api-key" content="client-id-1" />');
    expect(html.indexOf('https://cdn.shopify.com/shopifycloud/app-bridge.js')).toBeLessThan(
      html.indexOf('/admin/assets/'),
    );
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain('frame-ancestors https://admin.shopify.com https://demo-1.myshopify.com');
    expect(csp).toContain("script-src 'self' https://cdn.shopify.com");
    expect(response.headers.get('x-frame-options')).toBeNull();

    const forged = await fetch(`${embedded.url}/admin/?shop=evil.example.com`);
    expect(forged.headers.get('content-security-policy')).toContain(
      'frame-ancestors https://admin.shopify.com;',
    );
  });
});
