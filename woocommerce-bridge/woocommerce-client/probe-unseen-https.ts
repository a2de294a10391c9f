/**
 * Tells a revoked key from a store that cannot see HTTPS, when both answer the same. Over https WooCommerce
 * reads Basic and query-string keys only when WordPress sees HTTPS (`is_ssl()`), and an unknown key is no
 * error there either: a revoked key and a TLS proxy that does not tell WordPress it is HTTPS both end as a
 * visitor's 401 `woocommerce_rest_cannot_view`. OAuth 1.0a is checked in both cases, over the URL as
 * WordPress sees it: signed over the store's `http://` URL and sent over https, it works when the key is
 * fine and WordPress does not see HTTPS, and an unknown key is "Consumer key is invalid." either way.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { wooErrorSchema } from '../woocommerce-resources.js';
import { readBounded } from './read-bounded.js';
import type { WooClientOptions, WooCredentials } from './woo-types.js';

export type UnseenHttpsProbe = 'key-works' | 'key-refused' | 'inconclusive';

const MAX_BYTES = 64 * 1024;

export async function probeUnseenHttps(
  credentials: WooCredentials,
  options: WooClientOptions,
  signal?: AbortSignal,
): Promise<UnseenHttpsProbe> {
  const target = new URL(`${credentials.storeUrl}/wp-json/wc/v3/products`);
  if (target.protocol !== 'https:' || !options.agents.allowsHost(target.hostname)) return 'inconclusive';
  const params: Record<string, string> = {
    per_page: '1',
    oauth_consumer_key: credentials.consumerKey,
    oauth_nonce: randomBytes(16).toString('hex'),
    oauth_signature_method: 'HMAC-SHA256',
    oauth_timestamp: String(Math.floor(Date.now() / 1000)),
  };
  const signedAs = `http://${target.host}${target.pathname}`;
  params.oauth_signature = oauthSignature(signedAs, params, credentials.consumerSecret);
  for (const [name, value] of Object.entries(params)) target.searchParams.set(name, value);
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const answer = await readBounded(options.agents, target, {
    signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    maxBytes: MAX_BYTES,
  });
  if (answer.status === 200) return 'key-works';
  const error = wooErrorSchema.safeParse(json(answer.text));
  if (answer.status === 401 && error.success && error.data.code === 'woocommerce_rest_authentication_error')
    return 'key-refused';
  return 'inconclusive';
}

/** RFC 5849 one-legged HMAC-SHA256, as WooCommerce checks it (check_oauth_signature()). */
function oauthSignature(url: string, params: Record<string, string>, secret: string): string {
  const pairs = Object.keys(params)
    .sort()
    .map((name) => rfc3986(`${rfc3986(name)}=${rfc3986(params[name] ?? '')}`));
  const base = `GET&${rfc3986(url)}&${pairs.join('%26')}`;
  return createHmac('sha256', `${secret}&`).update(base).digest('base64');
}

function rfc3986(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function json(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
