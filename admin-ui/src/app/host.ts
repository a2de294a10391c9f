/**
 * Where this one build is running. Inside Shopify admin, App Bridge defines `window.shopify` (and Shopify
 * always adds `host` to the app URL); every API call then carries a session token. Anywhere else it is the
 * standalone admin, authenticated by its httpOnly session cookie.
 */
export type Host =
  | { readonly kind: 'shopify'; readonly apiBase: '/shopify/api'; readonly basePath: string }
  | { readonly kind: 'standalone'; readonly apiBase: '/admin/api'; readonly basePath: '/admin' };

export function detectHost(win: Window = window): Host {
  const embedded = 'shopify' in win || new URLSearchParams(win.location.search).has('host');
  if (!embedded) return { kind: 'standalone', apiBase: '/admin/api', basePath: '/admin' };
  // The embedded page is served at the app's root URL; keep whatever prefix it was served under.
  const basePath = win.location.pathname.startsWith('/admin') ? '/admin' : '';
  return { kind: 'shopify', apiBase: '/shopify/api', basePath };
}

/** App Bridge's session token, or undefined when App Bridge did not load (blocked script, opened outside admin). */
export async function shopifyIdToken(win: Window = window): Promise<string | undefined> {
  const bridge = (win as Window & { shopify?: { idToken?: () => Promise<string> } }).shopify;
  if (!bridge?.idToken) return undefined;
  return bridge.idToken();
}
