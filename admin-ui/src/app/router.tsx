/**
 * A small path router: the admin has a handful of pages and no nested layouts, so a dependency would buy
 * little. Paths are relative to the host's base (/admin standalone, the app root embedded); Shopify's
 * query parameters (host, shop, embedded) are kept on every navigation so App Bridge keeps working.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';

export interface Route {
  /** The path inside the app, e.g. `/settings/connections`. */
  readonly path: string;
  readonly params: URLSearchParams;
}

interface RouterValue {
  readonly route: Route;
  readonly basePath: string;
  navigate(to: string, options?: { replace?: boolean }): void;
  /** The full href of an app path (for real links that open in a new tab too). */
  href(to: string): string;
}

const RouterContext = createContext<RouterValue | undefined>(undefined);
const KEPT_PARAMS = ['host', 'shop', 'embedded', 'locale'];

function readRoute(basePath: string): Route {
  const { pathname, search } = window.location;
  const inner = pathname.startsWith(basePath) ? pathname.slice(basePath.length) : pathname;
  return { path: inner === '' ? '/' : inner.replace(/\/+$/, '') || '/', params: new URLSearchParams(search) };
}

export function RouterProvider({ basePath, children }: { basePath: string; children: ReactNode }) {
  const [route, setRoute] = useState(() => readRoute(basePath));

  useEffect(() => {
    const onPop = () => setRoute(readRoute(basePath));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, [basePath]);

  const href = useCallback(
    (to: string) => {
      const [path = '/', query = ''] = to.split('?');
      const params = new URLSearchParams(query);
      const current = new URLSearchParams(window.location.search);
      for (const key of KEPT_PARAMS) {
        const value = current.get(key);
        if (value !== null && !params.has(key)) params.set(key, value);
      }
      const search = params.toString();
      return `${basePath}${path.startsWith('/') ? path : `/${path}`}${search ? `?${search}` : ''}`;
    },
    [basePath],
  );

  const navigate = useCallback(
    (to: string, options: { replace?: boolean } = {}) => {
      const next = href(to);
      if (options.replace) window.history.replaceState(null, '', next);
      else window.history.pushState(null, '', next);
      setRoute(readRoute(basePath));
      window.scrollTo(0, 0);
    },
    [basePath, href],
  );

  const value = useMemo(() => ({ route, basePath, navigate, href }), [route, basePath, navigate, href]);
  return <RouterContext.Provider value={value}>{children}</RouterContext.Provider>;
}

export function useRouter(): RouterValue {
  const value = useContext(RouterContext);
  if (!value) throw new Error('useRouter outside RouterProvider');
  return value;
}
