/**
 * Serves the built admin UI (admin-ui/dist): hashed assets with a year-long immutable cache, index.html
 * with `no-cache` (so a deploy is picked up on the next visit), and index.html for any other page path
 * under the mount (the app routes on the client). Mounted at /admin after the session routes and /admin/api.
 *
 * The same build runs embedded in Shopify admin: with `shopify` set, index.html gains App Bridge (its
 * script must be the first one, loaded from Shopify's CDN) and a CSP that lets Shopify admin frame it.
 */
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { Router, type Request, type Response } from 'express';
import { rbError } from '../../core/index.js';

export interface AdminUiOptions {
  /** The Vite build output: admin-ui/dist. */
  readonly distDir: string;
  /** Serve index.html for the Shopify embedded host (App Bridge + framing by Shopify admin). */
  readonly shopify?: { readonly apiKey: string };
}

const HASHED_ASSET_CACHE = 'public, max-age=31536000, immutable';
/** Paths that belong to the server's APIs, never to the app (mounted at the root, the router sees them all). */
const SERVER_AREAS = /^\/(assets|api|shopify|woocommerce|admin|sandbox|healthz|readyz)(\/|$)/;
const APP_BRIDGE_SRC = 'https://cdn.shopify.com/shopifycloud/app-bridge.js';
const SHOP_DOMAIN = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;

/** admin-ui/dist, found from this file both as source (admin-ui/server) and compiled (dist/admin-ui/server). */
export function adminUiDistDir(): string {
  const source = fileURLToPath(new URL('../', import.meta.url));
  const compiled = fileURLToPath(new URL('../../../admin-ui/', import.meta.url));
  // The source tree holds index.html (Vite's entry); the compiled tree (dist/admin-ui) has no such file.
  const root = existsSync(path.join(source, 'index.html')) ? source : compiled;
  return path.join(root, 'dist');
}

export function adminUiRouter(options: AdminUiOptions): Router {
  const { distDir } = options;
  const router = Router();
  let cached: { mtimeMs: number; html: string } | undefined;

  async function indexHtml(): Promise<string | undefined> {
    const file = path.join(distDir, 'index.html');
    const info = await stat(file).catch(() => undefined);
    if (!info) return undefined;
    if (cached?.mtimeMs !== info.mtimeMs)
      cached = { mtimeMs: info.mtimeMs, html: await readFile(file, 'utf8') };
    return cached.html;
  }

  router.use(
    '/assets',
    express.static(path.join(distDir, 'assets'), {
      index: false,
      immutable: true,
      maxAge: '365d',
      setHeaders: (response) => response.setHeader('Cache-Control', HASHED_ASSET_CACHE),
    }),
  );

  // Any other file Vite copied (none today besides index.html) is not hashed: revalidate it.
  router.use(
    express.static(distDir, {
      index: false,
      dotfiles: 'ignore',
      setHeaders: (response) => response.setHeader('Cache-Control', 'no-cache'),
    }),
  );

  router.get('/{*path}', async (request, response, next) => {
    // Only page requests fall back to the app: a missing file (an old chunk name), an API route the server
    // does not have, or any request asking for JSON stay 404s, so a client never receives HTML where it
    // expects JSON (mounted at the root for Shopify, this router sees /shopify/api/… paths too).
    if (path.extname(request.path) !== '' || SERVER_AREAS.test(request.path)) return next();
    if (request.accepts(['html', 'json']) !== 'html') return next();
    const html = await indexHtml();
    if (html === undefined) {
      sendNotBuilt(response);
      return;
    }
    response.setHeader('Cache-Control', 'no-cache');
    response.type('html');
    if (options.shopify) {
      embedInShopify(request, response);
      response.send(withAppBridge(html, options.shopify.apiKey));
      return;
    }
    response.send(html);
  });

  return router;
}

/** 503 with the coded body every RateBridge error has; the UI is served once `npm run build` has run. */
export function sendNotBuilt(response: Response): void {
  response
    .status(503)
    .setHeader('Cache-Control', 'no-store')
    .json(rbError('RB_ERR_ADMIN_UI_NOT_BUILT').toJSON());
}

function withAppBridge(html: string, apiKey: string): string {
  const tags =
    `<meta name="shopify-api-key" content="${escapeAttribute(apiKey)}" />` +
    `<script src="${APP_BRIDGE_SRC}"></script>`;
  // Right after <meta charset>: App Bridge must run before our module script.
  return html.replace(/(<meta charset="[^"]*"\s*\/?>)/i, `$1${tags}`);
}

/**
 * Shopify admin frames the embedded app: helmet's defaults forbid framing and foreign scripts, so this page
 * gets its own policy. Framing is limited to Shopify admin and the shop named in the URL (shopify.dev,
 * "Set up iframe protection"); connect-src to Shopify is UNCONFIRMED as needed by App Bridge and kept narrow.
 */
function embedInShopify(request: Request, response: Response): void {
  const shop = typeof request.query.shop === 'string' ? request.query.shop.toLowerCase() : '';
  const ancestors = ['https://admin.shopify.com', ...(SHOP_DOMAIN.test(shop) ? [`https://${shop}`] : [])];
  response.removeHeader('X-Frame-Options');
  response.setHeader(
    'Content-Security-Policy',
    [
      "default-src 'self'",
      "base-uri 'self'",
      "font-src 'self' https: data:",
      "form-action 'self'",
      `frame-ancestors ${ancestors.join(' ')}`,
      "img-src 'self' data: https://cdn.shopify.com",
      "object-src 'none'",
      "script-src 'self' https://cdn.shopify.com",
      "script-src-attr 'none'",
      "style-src 'self' https: 'unsafe-inline'",
      "connect-src 'self' https://*.shopify.com",
    ].join(';'),
  );
}

function escapeAttribute(value: string): string {
  return value.replace(/[&"<>]/g, (c) => `&#${c.charCodeAt(0)};`);
}
