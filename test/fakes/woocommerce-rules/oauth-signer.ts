/**
 * OAuth 1.0a one-legged request signing as RFC 5849 §3.4 states it (and as the oauth-1.0a library the
 * WooCommerce JS client uses does it), written apart from the fake so that a mistake in one is not
 * mirrored in the other: the parameters to put in the query of a GET to `url`.
 */
import { createHmac, randomBytes } from 'node:crypto';

export interface SignOptions {
  readonly consumerKey: string;
  readonly consumerSecret: string;
  readonly method?: string;
  readonly algorithm?: 'sha1' | 'sha256';
  /** Seconds before now the request claims to be made (negative: in the future). */
  readonly ageSeconds?: number;
}

export function oauthParams(url: string, options: SignOptions): Record<string, string> {
  const target = new URL(url);
  const params: Record<string, string> = {
    oauth_consumer_key: options.consumerKey,
    oauth_nonce: randomBytes(16).toString('hex'),
    oauth_signature_method: options.algorithm === 'sha1' ? 'HMAC-SHA1' : 'HMAC-SHA256',
    oauth_timestamp: String(Math.floor(Date.now() / 1000) - (options.ageSeconds ?? 0)),
    oauth_version: '1.0',
  };
  // §3.4.1.3: the query's and the protocol parameters, encoded, sorted by name then value.
  const pairs = [...target.searchParams, ...Object.entries(params)]
    .map(([name, value]) => [percent(name), percent(value)] as const)
    .sort(([a, av], [b, bv]) => (a === b ? (av < bv ? -1 : 1) : a < b ? -1 : 1))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
  const base = `${target.protocol}//${target.host}${target.pathname}`;
  const text = [(options.method ?? 'GET').toUpperCase(), percent(base), percent(pairs)].join('&');
  const key = `${percent(options.consumerSecret)}&`;
  params.oauth_signature = createHmac(options.algorithm ?? 'sha256', key)
    .update(text)
    .digest('base64');
  return params;
}

/** `url` with the OAuth parameters added to its query. */
export function signedUrl(url: string, options: SignOptions): string {
  const target = new URL(url);
  for (const [name, value] of Object.entries(oauthParams(url, options))) target.searchParams.set(name, value);
  return target.href;
}

/** RFC 3986 unreserved characters stay; everything else is %XX. */
function percent(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}
