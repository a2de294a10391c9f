/**
 * Every error code the admin UI can meet, with a title and a sentence of help: what to do next. The
 * server's own message (written for the merchant, often with a platform's detail) is shown beside it; an
 * unknown code falls back to that message alone. This is the only file that knows codes by name.
 */
import type { PlatformName } from '../../../core/wire/admin-api-types';
import { isApiError } from './api-error';

export interface HelpContext {
  /** The freight platform the failing action was about, for platform-specific steps. */
  readonly platform?: PlatformName;
}

interface Help {
  readonly title: string;
  readonly help?: string | ((context: HelpContext) => string);
}

const WHERE_TO_CREATE_TOKEN: Readonly<Record<PlatformName, string>> = {
  machship:
    'Create a new token in MachShip under My API Tokens (your user menu) and paste it here; MachShip shows a token only once, so copy it straight away.',
  bigpost:
    "Create a new access token in Big Post's API settings and paste it here; test tokens come from Big Post's staging site, live tokens from the live site.",
  sandbox:
    'Create a new sandbox token (POST /sandbox/api-tokens with a name and environment) and paste it here; the sandbox shows it only once.',
};
const createToken = (context: HelpContext) =>
  context.platform
    ? WHERE_TO_CREATE_TOKEN[context.platform]
    : 'Create a new API token in your freight platform and paste it here; platforms show a token only once, so copy it straight away.';

export const ERROR_HELP: Readonly<Record<string, Help>> = {
  // --- tokens and platforms -------------------------------------------------------------------
  RB_ERR_TOKEN_EMPTY: { title: 'Paste your API token', help: createToken },
  RB_ERR_TOKEN_WHITESPACE: {
    title: 'The token has spaces or line breaks inside it',
    help: 'Tip: use the copy button your freight platform shows beside the token, rather than selecting the text by hand.',
  },
  RB_ERR_TOKEN_CONTROL_CHARACTERS: {
    title: 'The token contains invisible characters',
    help: 'Copy it again straight from your freight platform (not through a document or chat, which can add them).',
  },
  RB_ERR_TOKEN_TOO_LONG: {
    title: 'That is more than a token',
    help: 'Paste only the token itself, not a whole page or a header line.',
  },
  RB_ERR_TOKEN_REJECTED: {
    title: 'The freight platform did not accept this token',
    help: (context) => `It may be mistyped, expired or revoked. ${createToken(context)}`,
  },
  RB_ERR_TOKEN_FORBIDDEN: {
    title: 'The token works but lacks a permission',
    help: (context) =>
      context.platform === 'machship'
        ? "Give the token's MachShip user access to quoting and company locations, or create the token as a user who has them."
        : 'Give the token permission to quote (and to read warehouses), or create a token for a user who has it.',
  },
  RB_ERR_TOKEN_WRONG_ENVIRONMENT: {
    title: 'This token belongs to the other environment',
    help: (context) =>
      context.platform === 'machship'
        ? 'A MachShip token is test or live according to the MachShip user it was created on: choose the other environment above, or create the token on the right user.'
        : 'Choose the other environment above (test or live), or create a token in the environment you want.',
  },
  RB_ERR_PLATFORM_UNREACHABLE: {
    title: 'The freight platform did not answer',
    help: 'Nothing was saved. The platform may be down or slow right now: try again in a minute.',
  },
  RB_ERR_PLATFORM_RATE_LIMITED: {
    title: 'The freight platform asked us to slow down',
    help: 'Wait a minute and try again. Checkout keeps working meanwhile (from the cache, or your fallback rates).',
  },
  RB_ERR_PLATFORM_BUDGET_EXHAUSTED: {
    title: 'This connection has used its requests for now',
    help: "RateBridge keeps each token inside its platform's fair-use limits, so the platform never suspends it. Checkout keeps working from saved prices or your fallback rates; wait a minute (or until tomorrow for the daily limit), or raise the connection's limits if your platform account allows more.",
  },
  RB_ERR_RATE_LIMITED: {
    title: 'Too many attempts',
    help: 'For your security RateBridge allows ten token attempts in ten minutes. Wait, then try again.',
  },
  RB_ERR_LABEL_TAKEN: {
    title: 'That name is taken',
    help: 'Give this connection another name, or replace the token of the existing connection in Settings → Connections.',
  },
  RB_ERR_TOKEN_ALREADY_CONNECTED: {
    title: 'This token is already connected',
    help: 'Each token is connected once. To use a new token, replace it on the existing connection in Settings → Connections.',
  },
  RB_ERR_CONNECTION_REVOKED: {
    title: 'This connection’s token no longer works',
    help: (context) => `Replace its token in Settings → Connections. ${createToken(context)}`,
  },
  RB_ERR_UNKNOWN_PLATFORM: {
    title: 'Unsupported freight platform',
    help: 'Choose one of the platforms listed.',
  },

  // --- Shopify go-live ------------------------------------------------------------------------
  RB_ERR_SHOPIFY_PLAN: {
    title: 'Your Shopify plan does not include carrier-calculated shipping',
    help: 'Live rates need the Advanced Shopify plan or higher, the Shopify plan billed yearly, or a development store; on a monthly Shopify plan, Shopify Support can add carrier-calculated shipping for a fee. Change plan or ask Shopify Support, then try again.',
  },

  RB_ERR_SHOPIFY_REFUSED: {
    title: 'Shopify refused the change',
    help: 'Check the reason above; if it mentions a permission, open RateBridge from Apps in Shopify admin to accept the updated access, then try again.',
  },
  RB_ERR_SHOPIFY_UNREACHABLE: {
    title: 'Shopify did not answer',
    help: 'Nothing was changed. Try again in a minute.',
  },
  RB_ERR_SHOPIFY_SESSION_MISSING: {
    title: 'RateBridge has no access to this shop yet',
    help: 'Open RateBridge once from Apps in your Shopify admin, then try again.',
  },
  RB_ERR_NOT_LIVE: {
    title: 'Finish the earlier steps first',
    help: 'Connect a freight platform, add a pickup location and run a test quote (Setup), then go live.',
  },

  // --- input -----------------------------------------------------------------------------------
  RB_ERR_VALIDATION: {
    title: 'Some things need attention',
    help: 'Fix what is marked or listed, then try again.',
  },
  RB_ERR_BAD_JSON: {
    title: 'The request could not be read',
    help: 'Reload the page and try again.',
  },
  RB_ERR_BODY_TOO_LARGE: {
    title: 'That is too large to send',
    help: 'Send less at once: split a large packaging CSV into files of up to 5 MB.',
  },
  RB_ERR_UNSUPPORTED_MEDIA_TYPE: {
    title: 'That file type is not accepted',
    help: 'Upload a .csv file (comma-separated values, UTF-8).',
  },
  RB_ERR_ENCODING_UNSUPPORTED: {
    title: 'The upload was sent in a form RateBridge cannot read',
    help: 'Something between your browser and RateBridge compressed the upload oddly. Try again, or from another browser or network.',
  },
  RB_ERR_BODY_UNDECODABLE: {
    title: 'The upload could not be read',
    help: 'Something between your browser and RateBridge changed the upload. Try again; if it persists, try another browser or network.',
  },

  // --- sessions and access ---------------------------------------------------------------------
  RB_ERR_UNAUTHENTICATED: {
    title: 'You are signed out',
    help: "Open the sign-in link printed by npm start (or the 'Open RateBridge' link in your WooCommerce plugin).",
  },
  RB_ERR_LOGIN_LINK_INVALID: {
    title: 'This sign-in link no longer works',
    help: 'Sign-in links work once, for 15 minutes. Ask for a new one (restart npm start, or use the link in your WooCommerce plugin).',
  },
  RB_ERR_STORE_KEY_REJECTED: {
    title: 'The store did not accept the key',
    help: 'Create a new key in WooCommerce → Settings → Advanced → REST API (or connect through the key grant) and paste it here.',
  },
  RB_ERR_STORE_KEY_FORBIDDEN: {
    title: 'The key may not do this',
    help: 'Give the key Read permission for a user who can manage WooCommerce, then paste it again.',
  },
  RB_ERR_STORE_HTTPS_UNSEEN: {
    title: 'WordPress does not see HTTPS',
    help: "A proxy in front of the store ends HTTPS without telling WordPress, so WooCommerce ignores every key. Keep your key: make WordPress see HTTPS (e.g. $_SERVER['HTTPS'] = 'on' in wp-config.php when X-Forwarded-Proto is https), then connect again.",
  },
  RB_ERR_STORE_UNREACHABLE: {
    title: 'The store could not be reached',
    help: 'Check the store address and that the store is online, then try again.',
  },
  RB_ERR_CROSS_SITE: {
    title: 'Refused as a cross-site request',
    help: 'Changes are accepted only from the RateBridge admin page itself. Reload the admin from its own address and try again.',
  },
  RB_ERR_SHOPIFY_STAFF_UNKNOWN: {
    title: 'Shopify could not confirm your access',
    help: 'Shopify did not say just now whether you are the account owner. Nothing was changed: try again in a minute.',
  },
  RB_ERR_ROLE_REQUIRED: {
    title: 'Your role does not allow this',
    help: "Ask the store's owner to do it, or to give you the role the message names.",
  },
  RB_ERR_KEY_MAKER_REMOVED: {
    title: 'This connector key can no longer sign anyone in',
    help: "Its maker was removed from the store. It still answers the store's rates: an owner creates a new key on Connector keys, puts it in the plugin's settings, then revokes this one.",
  },
  RB_ERR_LAST_OWNER: {
    title: 'The store needs an owner',
    help: 'Make another person an owner first, then change or remove this one.',
  },
  RB_ERR_OWN_MEMBERSHIP: {
    title: 'You cannot change your own membership',
    help: 'Ask another owner of the store to change your role or remove you.',
  },
  RB_ERR_ALREADY_MEMBER: {
    title: 'Already a member',
    help: 'That address is already in this store. Change their role in the list of people instead.',
  },
  RB_ERR_INVITATION_INVALID: {
    title: 'This invitation no longer works',
    help: "Invitations work once, for seven days, until withdrawn. Ask the store's owner for a new one.",
  },
  RB_ERR_MAIL_UNAVAILABLE: {
    title: 'The invitation could not be mailed',
    help: 'Try again in a while, or choose “Show me the link to pass on myself” and send it yourself.',
  },
  RB_ERR_FORBIDDEN: {
    title: 'Not allowed',
    help: 'Open RateBridge from its own address (not from another site) and try again.',
  },
  RB_ERR_NOT_FOUND: {
    title: 'Not found',
    help: 'It may have been deleted in another tab. Reload to see the current state.',
  },
  RB_ERR_ROUTE_NOT_FOUND: {
    title: 'Not available on this server',
    help: 'This RateBridge server does not offer this yet. Update it, or ask whoever runs it.',
  },
  RB_ERR_CONFLICT: {
    title: 'Not possible right now',
    help: 'Reload the page to see the current state, then try again.',
  },
  RB_ERR_CONNECTION_NEEDS_ATTENTION: {
    title: 'Connection needs attention',
    help: 'Open Connections, read the last check, and check the connection again (or replace its token).',
  },
  RB_ERR_IMPORT_IN_PROGRESS: {
    title: 'An import is already running',
    help: 'Wait for the other packaging import to finish, then upload the file again.',
  },
  RB_ERR_CSV_INVALID: {
    title: 'Nothing was imported',
    help: 'Fix the rows listed below (each names its line and column), then upload the whole file again.',
  },
  RB_ERR_STORE_URL_INVALID: {
    title: 'Not a store address',
    help: 'Enter the address as it appears in the browser, e.g. https://shop.example.com.',
  },
  RB_ERR_STORE_NOT_PUBLIC: {
    title: 'Not a public address',
    help: 'Use the public address your customers use; RateBridge does not call into private networks.',
  },
  RB_ERR_OTHER_STORE: {
    title: 'Another store',
    help: 'This admin belongs to one store. Open RateBridge from the store you mean ("Open RateBridge" in its plugin settings).',
  },
  RB_ERR_STORE_NOT_CONNECTED: {
    title: 'Store not connected yet',
    help: 'Connect the store under Settings, WooCommerce store, then repeat the step.',
  },
  RB_ERR_WEBHOOKS_BEING_REGISTERED: {
    title: 'Webhooks being registered',
    help: 'RateBridge is registering the product webhooks itself; save the plugin settings again in a minute.',
  },
  RB_ERR_GRANT_EXPIRED: {
    title: 'Connection request expired',
    help: 'Each connection request is good for 15 minutes and one use. Start connecting again.',
  },
  RB_ERR_GRANT_OTHER_BROWSER: {
    title: 'Another browser',
    help: 'Finish connecting in the browser you started in, or start again.',
  },
  RB_ERR_GRANT_DENIED: {
    title: 'Not approved in WooCommerce',
    help: 'Start again and choose "Approve" on WooCommerce\'s page.',
  },
  RB_ERR_GRANT_PENDING: {
    title: 'Still checking the keys',
    help: 'RateBridge is checking the new keys with your store. Reload in a few seconds.',
  },
  RB_ERR_KEY_NAME_TAKEN: {
    title: 'Name already used',
    help: 'Choose another name, or revoke the active key of that name first.',
  },
  RB_ERR_BOX_LIMIT: {
    title: 'Too many boxes',
    help: 'Delete a box you no longer use, then add the new one.',
  },
  RB_ERR_KEY_LIMIT: {
    title: 'Too many active keys',
    help: 'Revoke a connector key you no longer use, then create the new one.',
  },

  // --- our side -----------------------------------------------------------------------------------
  RB_ERR_INTERNAL: {
    title: 'Something went wrong on our side',
    help: 'It has been logged. Try again; if it keeps happening, contact support.',
  },
  RB_ERR_STORE_UNAVAILABLE: {
    title: 'RateBridge cannot reach its storage',
    help: 'Try again in a moment. Checkout uses your fallback rates meanwhile.',
  },
  RB_ERR_SEAL_UNREADABLE: {
    title: 'A stored secret could not be opened',
    help: 'Replace the token of the affected connection; if it keeps happening, whoever runs RateBridge should check RATEBRIDGE_KEYS.',
  },
  RB_ERR_SEAL_UNKNOWN_KEY: {
    title: 'A stored secret uses a key this server does not have',
    help: 'Whoever runs RateBridge should restore the missing key in RATEBRIDGE_KEYS; or replace the affected token.',
  },
  RB_ERR_ADMIN_UI_NOT_BUILT: {
    title: 'The admin UI is not built',
    help: 'Run npm run build (npm start builds it when needed).',
  },
  RB_ERR_ONE_CLICK_REQUEST_INVALID: {
    title: 'The connect link from WordPress is not valid',
    help: 'Update the RateBridge plugin in WordPress, then click "Connect to RateBridge" in its settings again.',
  },
  RB_ERR_ONE_CLICK_APPROVAL_INVALID: {
    title: 'This connection request has expired',
    help: 'Go back to the plugin\'s settings in WordPress and click "Connect to RateBridge" again.',
  },
  RB_ERR_ONE_CLICK_CODE_INVALID: {
    title: 'The connection code is no longer valid',
    help: 'Click "Connect to RateBridge" in the plugin again, or create a connector key here and paste it.',
  },
  RB_ERR_PLUGIN_ZIP_NOT_BUILT: {
    title: 'The WordPress plugin zip is not built',
    help: 'Whoever runs RateBridge should run npm run plugin:zip (npm run build builds it too), then try again.',
  },

  // --- raised by the UI itself ---------------------------------------------------------------------
  RB_UI_NETWORK: {
    title: 'RateBridge did not answer',
    help: 'Check your internet connection, then try again.',
  },
  RB_UI_BAD_RESPONSE: {
    title: 'Unexpected answer',
    help: 'Something between you and RateBridge answered instead of it. Try again in a moment.',
  },
  RB_UI_APP_BRIDGE_MISSING: {
    title: 'Open RateBridge from Shopify admin',
    help: 'Shopify App Bridge did not load. Open the app from Apps → RateBridge in Shopify admin, and allow scripts from cdn.shopify.com.',
  },
};

export interface ExplainedError {
  readonly title: string;
  /** The server's sentence for this case (or ours, when it sent none). */
  readonly message: string;
  /** What to do next; absent when the message already says it. */
  readonly help?: string;
  readonly code?: string;
  readonly retryAfterSeconds?: number;
}

/** Turns anything thrown by an API call into a title, a sentence and what to do. */
export function explainError(error: unknown, context: HelpContext = {}): ExplainedError {
  if (!isApiError(error)) {
    return {
      title: 'Something went wrong',
      message: error instanceof Error && error.message ? error.message : 'An unexpected error happened.',
      help: 'Reload the page and try again.',
    };
  }
  const known = ERROR_HELP[error.code];
  const help = typeof known?.help === 'function' ? known.help(context) : known?.help;
  const message = error.message || help || 'The request failed.';
  return {
    title: known?.title ?? 'That did not work',
    message,
    ...(help && help !== message ? { help } : {}),
    code: error.code,
    ...(error.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: error.retryAfterSeconds }),
  };
}
