/**
 * Which page `/` and `/sandbox` answer (admin-ui/server/front-pages.ts), wired as server.ts wires them,
 * over a real socket: the welcome page for a browser, the embedded app for a Shopify launch (shop, host or
 * embedded in the query) when Shopify is on, and the coded JSON answers for JSON clients. No browser.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import express from 'express';
import helmet from 'helmet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminUiRouter } from '../../admin-ui/server/admin-ui-routes.js';
import { frontPagesRouter, type FrontPagesOptions } from '../../admin-ui/server/front-pages.js';
import { listen } from '../support/listen.js';
import { tempDir } from '../support/temp-dir.js';

const page = (marker: string) =>
  `<!doctype html><html><head><meta charset="utf-8" /><title>${marker}</title></head><body></body></html>`;
const HTML = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };
const JSON_ONLY = { accept: 'application/json' };

async function serve(options: FrontPagesOptions) {
  const app = express();
  app.use(helmet());
  app.use(frontPagesRouter(options));
  if (options.sandbox) {
    app.use('/sandbox', (_request, response) => {
      response.status(404).json({ error: { code: 'route_not_found', message: 'Nothing in the sandbox.' } });
    });
  }
  if (options.shopifyRoot)
    app.use('/', adminUiRouter({ distDir: options.distDir, shopify: { apiKey: 'k-1' } }));
  app.use((_request, response) => {
    response.status(404).json({ error: { code: 'RB_ERR_ROUTE_NOT_FOUND', message: 'Nothing here.' } });
  });
  return listen(app);
}

describe('the front pages', () => {
  let dist: { dir: string; remove: () => Promise<void> };
  const servers: { url: string; close: () => Promise<void> }[] = [];
  const start = async (options: Partial<FrontPagesOptions> = {}) => {
    const server = await serve({ distDir: dist.dir, sandbox: true, shopifyRoot: false, ...options });
    servers.push(server);
    return server.url;
  };
  const title = async (response: Response) => /<title>([^<]*)<\/title>/.exec(await response.text())?.[1];

  beforeAll(async () => {
    dist = await tempDir('front-pages');
    await mkdir(path.join(dist.dir, 'assets'));
    for (const name of ['index', 'welcome', 'sandbox'])
      await writeFile(path.join(dist.dir, `${name}.html`), page(name));
  });
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close()));
    await dist.remove();
  });

  it('answers a browser at / with the welcome page (no-cache, the default CSP) and at /sandbox with its page', async () => {
    const url = await start();
    const welcome = await fetch(`${url}/`, { headers: HTML });
    expect(welcome.status).toBe(200);
    expect(welcome.headers.get('cache-control')).toBe('no-cache');
    expect(welcome.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await title(welcome)).toBe('welcome');
    expect(await title(await fetch(`${url}/sandbox`, { headers: HTML }))).toBe('sandbox');
    expect(await title(await fetch(`${url}/sandbox/`, { headers: HTML }))).toBe('sandbox');
  });

  it('keeps the coded JSON answers for a JSON client', async () => {
    const url = await start();
    const root = await fetch(`${url}/`, { headers: JSON_ONLY });
    expect([root.status, await root.json()]).toEqual([
      404,
      { error: { code: 'RB_ERR_ROUTE_NOT_FOUND', message: 'Nothing here.' } },
    ]);
    const sandbox = await fetch(`${url}/sandbox`, { headers: JSON_ONLY });
    expect(await sandbox.json()).toMatchObject({ error: { code: 'route_not_found' } });
  });

  it('leaves a Shopify launch at / to the embedded app when Shopify is on, and only then', async () => {
    const shopifyOn = await start({ shopifyRoot: true });
    for (const query of [
      '?shop=demo-1.myshopify.com&host=abc&embedded=1',
      '?host=abc',
      '?embedded=1',
      '?shop=demo-1.myshopify.com',
    ]) {
      const launch = await fetch(`${shopifyOn}/${query}`, { headers: HTML });
      const html = await launch.text();
      expect([query, /<title>([^<]*)/.exec(html)?.[1]]).toEqual([query, 'index']);
      expect(html).toContain('app-bridge.js');
    }
    expect(await title(await fetch(`${shopifyOn}/`, { headers: HTML }))).toBe('welcome');
    const shopifyOff = await start({ shopifyRoot: false });
    expect(await title(await fetch(`${shopifyOff}/?host=abc`, { headers: HTML }))).toBe('welcome');
  });

  it('serves no sandbox page when the sandbox is off', async () => {
    const url = await start({ sandbox: false });
    const response = await fetch(`${url}/sandbox`, { headers: HTML });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: 'RB_ERR_ROUTE_NOT_FOUND' } });
  });

  it('answers 503 RB_ERR_ADMIN_UI_NOT_BUILT, saying to build, before the build', async () => {
    const empty = await tempDir('front-pages-empty');
    try {
      const url = await start({ distDir: empty.dir });
      const response = await fetch(`${url}/`, { headers: HTML });
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({ error: { code: 'RB_ERR_ADMIN_UI_NOT_BUILT' } });
    } finally {
      await empty.remove();
    }
  });
});
