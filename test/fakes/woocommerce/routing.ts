/**
 * Which part of WordPress a request reaches, as the permalink setting decides (wp-includes/rest-api.php,
 * `rest_api_register_rewrites()`; class-wc-auth.php, `add_endpoint()`):
 *
 * - `/wp-json/<route>` only with pretty permalinks (plain ones have no rewrite rules: the web server 404s);
 *   `?rest_route=<route>` always. WooCommerce's key authentication looks for `wp-json/wc/` in the request
 *   URI (`is_request_to_rest_api()`), so it never runs for `?rest_route=`;
 * - `/wc-auth/v1/<route>` only with pretty permalinks; `?wc-auth-version=1&wc-auth-route=<route>` always;
 * - `?wc-auth/v1=<route>` (what `wc_get_endpoint_url()` builds under plain permalinks) is just the home page.
 */
import type { Permalinks } from './types.js';

export type Destination =
  | { readonly kind: 'rest'; readonly route: string; readonly wooAuth: boolean }
  | { readonly kind: 'grant'; readonly route: string }
  | { readonly kind: 'home' }
  | { readonly kind: 'not-found' };

export function destination(url: URL, basePath: string, permalinks: Permalinks): Destination {
  if (!url.pathname.startsWith(`${basePath}/`) && url.pathname !== basePath) return { kind: 'not-found' };
  const path = url.pathname.slice(basePath.length) || '/';
  const params = url.searchParams;
  const atIndex = path === '/' || path === '/index.php';
  if (path.startsWith('/wp-json/') || path === '/wp-json') {
    if (permalinks === 'plain') return { kind: 'not-found' };
    return {
      kind: 'rest',
      route: path.slice('/wp-json'.length) || '/',
      wooAuth: path.startsWith('/wp-json/wc/'),
    };
  }
  if (atIndex && params.has('rest_route')) {
    return { kind: 'rest', route: params.get('rest_route') ?? '/', wooAuth: false };
  }
  const pretty = /^\/wc-auth\/v1\/(.*)$/.exec(path);
  if (pretty && permalinks === 'pretty')
    return { kind: 'grant', route: (pretty[1] ?? '').replace(/\/+$/, '') };
  if (params.get('wc-auth-version') && params.get('wc-auth-route')) {
    return { kind: 'grant', route: params.get('wc-auth-route') ?? '' };
  }
  if (atIndex) return { kind: 'home' };
  return { kind: 'not-found' };
}
