/**
 * How WooCommerce decides who a REST request is (includes/class-wc-rest-authentication.php, 9.9.5):
 *
 * - only for requests whose URI has `/wp-json/wc/` (`is_request_to_rest_api()`): a `?rest_route=` request
 *   never meets WooCommerce's key authentication, so keys do nothing there;
 * - when WordPress sees HTTPS (`is_ssl()`): `?consumer_key=&consumer_secret=` first, else HTTP Basic. An
 *   unknown key is no error (the request goes on as a visitor); a wrong secret is "Consumer secret is invalid.";
 * - then, and always over plain http, OAuth 1.0a one-legged from the query, body or `Authorization: OAuth`:
 *   signature (HMAC-SHA1/SHA256 over the home URL with `http` or `https` as WordPress sees it), then a
 *   timestamp within 15 minutes and a nonce not used before (the key's `nonces`, one per timestamp);
 * - the key's permissions against the method (`check_permissions()`).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type http from 'node:http';
import { restError, type Reply } from './rest-reply.js';
import type { FakeKey, RecordedWooRequest } from './types.js';

export interface AuthContext {
  readonly keys: readonly FakeKey[];
  readonly homeUrl: string;
  readonly seesHttps: boolean;
  readonly stripAuthorizationHeader: boolean;
  readonly nowSeconds: () => number;
}

export type AuthOutcome =
  | { readonly kind: 'key'; readonly key: FakeKey; readonly via: RecordedWooRequest['auth'] }
  | { readonly kind: 'visitor' }
  | { readonly kind: 'refused'; readonly reply: Reply };

const NONCE_WINDOW_SECONDS = 15 * 60;
const authError = (message: string) => restError(401, 'woocommerce_rest_authentication_error', message);

export function authenticate(
  request: http.IncomingMessage,
  requestUrl: URL,
  body: URLSearchParams,
  context: AuthContext,
): AuthOutcome {
  const header = context.stripAuthorizationHeader ? undefined : request.headers.authorization;
  let refused: Reply | undefined;
  if (context.seesHttps) {
    const basic = basicAuthentication(requestUrl, header, context);
    if (basic.kind === 'key') return permitted(basic.key, basic.via, request.method);
    if (basic.kind === 'refused') refused = basic.reply;
  }
  const oauth = oauthAuthentication(request, requestUrl, body, header, context);
  if (oauth.kind === 'key') return permitted(oauth.key, oauth.via, request.method);
  if (oauth.kind === 'refused') return oauth;
  return refused ? { kind: 'refused', reply: refused } : { kind: 'visitor' };
}

function basicAuthentication(requestUrl: URL, header: string | undefined, context: AuthContext): AuthOutcome {
  let ck = requestUrl.searchParams.get('consumer_key') ?? '';
  let cs = requestUrl.searchParams.get('consumer_secret') ?? '';
  let via: RecordedWooRequest['auth'] = 'query';
  if (!ck || !cs) {
    [ck, cs, via] = ['', '', 'basic'];
    if (header?.startsWith('Basic ')) {
      const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon > 0) [ck, cs] = [decoded.slice(0, colon), decoded.slice(colon + 1)];
    }
  }
  if (!ck || !cs) return { kind: 'visitor' };
  const key = findKey(context, ck);
  if (!key) return { kind: 'visitor' };
  if (!sameText(key.consumerSecret, cs))
    return { kind: 'refused', reply: authError('Consumer secret is invalid.') };
  return { kind: 'key', key, via };
}

const OAUTH_PARAMS = [
  'oauth_consumer_key',
  'oauth_timestamp',
  'oauth_nonce',
  'oauth_signature',
  'oauth_signature_method',
];

function oauthAuthentication(
  request: http.IncomingMessage,
  requestUrl: URL,
  body: URLSearchParams,
  header: string | undefined,
  context: AuthContext,
): AuthOutcome {
  // array_merge($_GET, $_POST), then the header's oauth_* (PHP keeps the last of a repeated name).
  const params = new Map([...requestUrl.searchParams, ...body]);
  for (const [name, value] of headerParams(header)) params.set(name, value);
  const missing = OAUTH_PARAMS.filter((name) => !params.get(name));
  if (missing.length === OAUTH_PARAMS.length) return { kind: 'visitor' };
  if (missing.length > 0) {
    const noun = missing.length === 1 ? 'parameter' : 'parameters';
    return {
      kind: 'refused',
      reply: restError(
        401,
        'woocommerce_rest_authentication_missing_parameter',
        `Missing OAuth ${noun} ${missing.join(', ')}`,
      ),
    };
  }
  const key = findKey(context, params.get('oauth_consumer_key') ?? '');
  if (!key) return { kind: 'refused', reply: authError('Consumer key is invalid.') };
  const signatureProblem = checkSignature(request, requestUrl, params, key, context);
  if (signatureProblem) return { kind: 'refused', reply: authError(signatureProblem) };
  const replayProblem = checkTimestampAndNonce(
    key,
    Number(params.get('oauth_timestamp')),
    params.get('oauth_nonce') ?? '',
    context.nowSeconds(),
  );
  if (replayProblem) return { kind: 'refused', reply: authError(replayProblem) };
  return { kind: 'key', key, via: 'oauth1' };
}

function headerParams(header: string | undefined): [string, string][] {
  if (!header?.startsWith('OAuth ')) return [];
  return [...header.matchAll(/(oauth_[a-z_-]*)=(?:"([^"]*)"|([^,]*))/g)].map((match) => [
    match[1] ?? '',
    decodeURIComponent(match[2] ?? match[3] ?? ''),
  ]);
}

function checkSignature(
  request: http.IncomingMessage,
  requestUrl: URL,
  params: Map<string, string>,
  key: FakeKey,
  context: AuthContext,
): string | undefined {
  const home = new URL(context.homeUrl);
  // get_home_url(null, $path, is_ssl() ? 'https' : 'http'): the home host, the scheme WordPress sees.
  const base = `${context.seesHttps ? 'https' : 'http'}://${home.host}${requestUrl.pathname}`;
  const pairs = [...params]
    .filter(([name]) => name !== 'oauth_signature')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => rfc3986(`${rfc3986(name)}=${rfc3986(value)}`));
  const toSign = `${(request.method ?? 'GET').toUpperCase()}&${rfc3986(base)}&${pairs.join('%26')}`;
  const method = params.get('oauth_signature_method');
  if (method !== 'HMAC-SHA1' && method !== 'HMAC-SHA256') {
    return 'Invalid signature - signature method is invalid.';
  }
  const expected = createHmac(method === 'HMAC-SHA256' ? 'sha256' : 'sha1', `${key.consumerSecret}&`)
    .update(toSign)
    .digest('base64');
  const given = decodeURIComponent((params.get('oauth_signature') ?? '').replaceAll(' ', '+'));
  return sameText(expected, given) ? undefined : 'Invalid signature - provided signature does not match.';
}

function checkTimestampAndNonce(key: FakeKey, timestamp: number, nonce: string, now: number) {
  if (!(timestamp >= now - NONCE_WINDOW_SECONDS && timestamp <= now + NONCE_WINDOW_SECONDS)) {
    return 'Invalid timestamp.';
  }
  if ([...key.nonces.values()].includes(nonce)) return 'Invalid nonce - nonce has already been used.';
  // One nonce per timestamp: a second request in the same second replaces the first one's nonce.
  key.nonces.set(timestamp, nonce);
  for (const seen of [...key.nonces.keys()]) {
    if (seen < now - NONCE_WINDOW_SECONDS) key.nonces.delete(seen);
  }
  return undefined;
}

function permitted(key: FakeKey, via: RecordedWooRequest['auth'], method = 'GET'): AuthOutcome {
  const reading = ['GET', 'HEAD'].includes(method.toUpperCase());
  const writing = ['POST', 'PUT', 'PATCH', 'DELETE'].includes(method.toUpperCase());
  if (reading && key.permissions === 'write') {
    return { kind: 'refused', reply: authError('The API key provided does not have read permissions.') };
  }
  if (writing && key.permissions === 'read') {
    return { kind: 'refused', reply: authError('The API key provided does not have write permissions.') };
  }
  return { kind: 'key', key, via };
}

function findKey(context: AuthContext, consumerKey: string): FakeKey | undefined {
  return context.keys.find((key) => key.consumerKey === consumerKey && !key.revoked);
}

function sameText(a: string, b: string): boolean {
  const [left, right] = [Buffer.from(a), Buffer.from(b)];
  return left.length === right.length && timingSafeEqual(left, right);
}

/** PHP's rawurlencode (RFC 3986; `~` stays). */
export function rfc3986(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}
