/**
 * WooCommerce's key grant, `WC_Auth` (includes/class-wc-auth.php, 9.9.5), under /wc-auth/v1/<route> with
 * pretty permalinks, or `?wc-auth-version=1&wc-auth-route=<route>` with any:
 *
 * - every route first validates `app_name`, `user_id`, `return_url`, `callback_url`, `scope` (all non-empty;
 *   scope read | write | read_write; both URLs valid, `https://` put in front of one without `://`; the
 *   callback https);
 * - `login`: a visitor gets the login form, a signed-in user is sent on to `authorize`;
 * - `authorize`: a visitor is sent to `login`; a user with manage_woocommerce sees the approval page, whose
 *   Approve link carries a `wc_auth_nonce` and whose Deny link is the return_url with success=0;
 * - `access_granted`: the nonce is checked, a key is created and POSTed as
 *   `{key_id, user_id, consumer_key, consumer_secret, key_permissions}` to callback_url through WordPress's
 *   safe HTTP; anything but a 200 deletes the key; success redirects to return_url with success=1&user_id;
 * - anything else, and every failure, is wp_die()'s "Access denied" page with 401: never back to return_url.
 *
 * The links it builds use `wc_get_endpoint_url()`, which under plain permalinks gives `?wc-auth/v1=<route>`,
 * a URL WordPress does not route to WC_Auth: a grant cannot finish on a store with plain permalinks.
 */
import { phpJsonEncode } from './php-json.js';
import { WORDPRESS_VERSION } from './versions.js';
import { safeRequest, type SafeHttpContext } from './wordpress-http.js';
import { isValidUrl } from './filter-validate-url.js';
import type { WpSessions, WpUser } from './wp-sessions.js';
import type { FakeKey, KeyPermissions, Permalinks } from './types.js';

export interface GrantContext {
  readonly homeUrl: () => string;
  readonly permalinks: () => Permalinks;
  readonly sessions: WpSessions;
  readonly issueKey: (permissions: KeyPermissions, userId: number) => FakeKey;
  readonly deleteKey: (key: FakeKey) => void;
  readonly safeHttp: () => SafeHttpContext;
}

export interface HtmlReply {
  readonly status: number;
  readonly body: string;
  readonly headers?: Record<string, string>;
}

const PARAMS = ['app_name', 'user_id', 'return_url', 'callback_url', 'scope'] as const;
type GrantData = Record<(typeof PARAMS)[number], string>;
const NONCE_ACTION = 'wc_auth_grant_access';

export async function answerGrant(
  ctx: GrantContext,
  route: string,
  request: URLSearchParams,
  cookie: string | undefined,
): Promise<HtmlReply> {
  let data: GrantData;
  try {
    data = validate(request);
  } catch (error) {
    return accessDenied((error as Error).message);
  }
  const user = ctx.sessions.userOf(cookie);
  const name = route.trim().toLowerCase();
  if (name === 'login') return user ? redirect(buildUrl(ctx, data, 'authorize')) : loginPage(ctx, data);
  if (name === 'authorize' && !user) return redirect(buildUrl(ctx, data, 'login'));
  if (name === 'authorize' && user?.manageWooCommerce) return approvalPage(ctx, data, user);
  if (name === 'access_granted' && user?.manageWooCommerce) return grant(ctx, data, request, user);
  return accessDenied('You do not have permission to access this page');
}

/** `make_validation()`. */
function validate(request: URLSearchParams): GrantData {
  const data = {} as GrantData;
  for (const param of PARAMS) {
    const value = request.get(param);
    if (!value) throw new Error(`Missing parameter ${param}`);
    data[param] = value;
  }
  if (!['read', 'write', 'read_write'].includes(data.scope)) throw new Error(`Invalid scope ${data.scope}`);
  for (const param of ['return_url', 'callback_url'] as const) {
    const url = formattedUrl(data[param]);
    if (!isValidUrl(url)) throw new Error(`The ${url} is not a valid URL`);
  }
  if (!formattedUrl(data.callback_url).toLowerCase().startsWith('https://')) {
    throw new Error('The callback_url needs to be over SSL');
  }
  return data;
}

/** `get_formatted_url()`: urldecode, and https:// in front when there is no scheme. */
function formattedUrl(url: string): string {
  let decoded = url;
  try {
    decoded = decodeURIComponent(url.replaceAll('+', ' '));
  } catch {
    // PHP's urldecode leaves malformed escapes as they are.
  }
  return decoded.includes('://') ? decoded : `https://${decoded}`;
}

/** `build_url()` through `wc_get_endpoint_url()`. */
function buildUrl(ctx: GrantContext, data: GrantData, endpoint: string, extra: Record<string, string> = {}) {
  const query = new URLSearchParams({
    app_name: data.app_name,
    user_id: data.user_id,
    return_url: formattedUrl(data.return_url),
    callback_url: formattedUrl(data.callback_url),
    scope: data.scope,
    ...extra,
  });
  return ctx.permalinks() === 'pretty'
    ? `${ctx.homeUrl()}/wc-auth/v1/${endpoint}/?${query}`
    : `${ctx.homeUrl()}/?wc-auth/v1=${endpoint}&${query}`;
}

/** `add_query_arg( array( 'success' => …, 'user_id' => … ), return_url )`. */
function returnUrl(data: GrantData, success: 0 | 1): string {
  const url = formattedUrl(data.return_url);
  const separator = url.includes('?') ? '&' : '?';
  return `${url}${separator}success=${success}&user_id=${encodeURIComponent(data.user_id)}`;
}

async function grant(
  ctx: GrantContext,
  data: GrantData,
  request: URLSearchParams,
  user: WpUser,
): Promise<HtmlReply> {
  if (!ctx.sessions.verifyNonce(request.get('wc_auth_nonce') ?? '', NONCE_ACTION, user)) {
    return accessDenied('Invalid nonce verification');
  }
  const key = ctx.issueKey(data.scope as KeyPermissions, user.userId);
  const consumerData = {
    key_id: key.keyId,
    user_id: data.user_id,
    consumer_key: key.consumerKey,
    consumer_secret: key.consumerSecret,
    key_permissions: key.permissions,
  };
  const posted = await safeRequest(
    formattedUrl(data.callback_url),
    {
      method: 'POST',
      headers: {
        'content-type': 'application/json;charset=UTF-8',
        'user-agent': `WordPress/${WORDPRESS_VERSION}; ${ctx.homeUrl()}`,
      },
      body: phpJsonEncode(consumerData),
    },
    ctx.safeHttp(),
  );
  if (!posted.ok || posted.response.status !== 200) {
    ctx.deleteKey(key);
    return accessDenied(
      posted.ok
        ? 'An error occurred in the request and at the time were unable to send the consumer data'
        : posted.error,
    );
  }
  return redirect(returnUrl(data, 1));
}

function approvalPage(ctx: GrantContext, data: GrantData, user: WpUser): HtmlReply {
  const scope = { read: 'Read', write: 'Write', read_write: 'Read/Write' }[data.scope] ?? data.scope;
  const granted = buildUrl(ctx, data, 'access_granted', {
    wc_auth_nonce: ctx.sessions.createNonce(NONCE_ACTION, user),
  });
  return page(
    200,
    'Application authentication request',
    `<h1>${escapeHtml(data.app_name)} would like to connect to your store</h1>` +
      `<p>This will give "${escapeHtml(data.app_name)}" <strong>${scope}</strong> access.</p>` +
      `<p class="wc-auth-actions"><a href="${escUrl(granted)}" class="button button-primary wc-auth-approve">Approve</a>` +
      ` <a href="${escUrl(returnUrl(data, 0))}" class="button wc-auth-deny">Deny</a></p>`,
  );
}

function loginPage(ctx: GrantContext, data: GrantData): HtmlReply {
  return page(
    200,
    'Application authentication request',
    `<p>To connect to ${escapeHtml(data.app_name)} you need to be logged in. Log in to your store below, or ` +
      `<a href="${escUrl(returnUrl(data, 0))}">cancel and return to ${escapeHtml(data.app_name)}</a></p>` +
      `<form method="post" class="wc-auth-login" action="${escUrl(buildUrl(ctx, data, 'authorize'))}"></form>`,
  );
}

/** wp_die( "Error: <message>.", "Access denied", 401 ). */
function accessDenied(message: string): HtmlReply {
  return page(401, 'Access denied', `<div class="wp-die-message">Error: ${escapeHtml(message)}.</div>`);
}

function page(status: number, title: string, body: string): HtmlReply {
  return {
    status,
    body: `<!DOCTYPE html><html><head><title>${title}</title></head><body id="error-page">${body}</body></html>`,
  };
}

function redirect(location: string): HtmlReply {
  return { status: 302, body: '', headers: { location } };
}

/** esc_url(): `&` as `&#038;`. */
function escUrl(url: string): string {
  return url.replaceAll('&', '&#038;').replaceAll('"', '%22').replaceAll("'", '&#039;');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
