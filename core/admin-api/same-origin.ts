/**
 * Whether a state-changing request was sent by a page of our own origin. SameSite=Strict keeps the session
 * cookie off cross-site requests, but a request that names no origin at all (some proxies, old clients, a
 * form posted from a sandboxed frame) would pass a check that only refuses foreign Origin headers, so the
 * rule is positive: Origin, else Referer, must be ours.
 *
 * In development the same server answers on several loopback names (localhost, 127.0.0.1, [::1]) while
 * PUBLIC_URL names one of them; all of them on the configured port count as ours. Production stays strict.
 */
import type { IncomingHttpHeaders } from 'node:http';

export interface SameOriginOptions {
  readonly publicUrl: string;
  /** Accept the other loopback names of PUBLIC_URL's port (development and tests only). */
  readonly loopbackAliases: boolean;
}

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];

export function ownOrigins(options: SameOriginOptions): ReadonlySet<string> {
  const url = new URL(options.publicUrl);
  const origins = new Set([url.origin]);
  if (options.loopbackAliases && LOOPBACK_NAMES.includes(url.hostname)) {
    const port = url.port === '' ? '' : `:${url.port}`;
    for (const name of LOOPBACK_NAMES) origins.add(`${url.protocol}//${name}${port}`);
  }
  return origins;
}

/** True when the request's Origin (or, without one, its Referer) is one of `origins`. */
export function isSameOrigin(headers: IncomingHttpHeaders, origins: ReadonlySet<string>): boolean {
  const origin = headers.origin;
  if (typeof origin === 'string' && origin !== 'null') return origins.has(origin);
  const referer = headers.referer;
  if (typeof referer !== 'string') return false;
  try {
    return origins.has(new URL(referer).origin);
  } catch {
    return false;
  }
}
