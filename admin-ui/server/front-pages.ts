/**
 * The server's own pages outside the admin, from the same build (admin-ui/dist): the welcome page at `/`
 * and the sandbox platform's token page at `/sandbox`, each served only to a request asking for HTML (a
 * JSON client falls through to the coded JSON answers). Mount before the sandbox's router.
 *
 * Shopify opens the embedded app at the app's root URL with `shop`, `host` and `embedded` in the query:
 * with Shopify enabled such a request is left to the embedded app (adminUiRouter with `shopify`).
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { Router, type Request, type RequestHandler } from 'express';
import { sendNotBuilt } from './admin-ui-routes.js';

export interface FrontPagesOptions {
  readonly distDir: string;
  /** The sandbox is mounted (its page is served only then). */
  readonly sandbox: boolean;
  /** The Shopify app is enabled: its launches at `/` go to the embedded admin. */
  readonly shopifyRoot: boolean;
}

const SHOPIFY_LAUNCH_PARAMS = ['host', 'shop', 'embedded'] as const;

function isShopifyLaunch(request: Request): boolean {
  return SHOPIFY_LAUNCH_PARAMS.some((name) => request.query[name] !== undefined);
}

export function frontPagesRouter(options: FrontPagesOptions): Router {
  const router = Router();
  const welcome = htmlPage(path.join(options.distDir, 'welcome.html'));
  router.get('/', (request, response, next) => {
    if (options.shopifyRoot && isShopifyLaunch(request)) return next();
    return welcome(request, response, next);
  });
  if (options.sandbox) router.get('/sandbox', htmlPage(path.join(options.distDir, 'sandbox.html')));
  return router;
}

/** One built page, re-read when the build changes it (mtime), with `no-cache` so a deploy shows at once. */
function htmlPage(file: string): RequestHandler {
  let cached: { mtimeMs: number; html: string } | undefined;
  return async (request, response, next) => {
    if (request.accepts(['html', 'json']) !== 'html') return next();
    const info = await stat(file).catch(() => undefined);
    if (!info) return sendNotBuilt(response);
    if (cached?.mtimeMs !== info.mtimeMs)
      cached = { mtimeMs: info.mtimeMs, html: await readFile(file, 'utf8') };
    response.setHeader('Cache-Control', 'no-cache');
    response.type('html').send(cached.html);
  };
}
