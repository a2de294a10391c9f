/**
 * Every error RateBridge reports is declared here, once: a stable code (`RB_ERR_*`) the admin UI maps to
 * help text, what it means, the HTTP status it renders as, the fix, and a message a merchant can act on.
 * docs/admin-api.md's error table is generated from this file (`npm run docs:errors`) and a test keeps the
 * two, and the UI's help map, in step. Messages never carry secret material: callers pass only labels,
 * names and counts into the templates.
 */

import type { ErrorBody, ErrorDetail } from './wire/admin-api-types.js';

export type { ErrorDetail } from './wire/admin-api-types.js';

interface ErrorDefinition {
  /** What happened, in one line (docs/admin-api.md's error table). */
  readonly meaning: string;
  /** What the merchant (or operator) does about it. */
  readonly fix: string;
  readonly status: number;
  readonly message: (...args: never[]) => string;
}

export const ERRORS = {
  // --- HTTP edge ---------------------------------------------------------------------------------
  RB_ERR_BAD_JSON: {
    meaning: 'The body of a request is not valid JSON.',
    fix: 'Send valid JSON (the admin UI always does: reload it if you see this there).',
    status: 400,
    message: () => 'The request body is not valid JSON.',
  },
  RB_ERR_BODY_TOO_LARGE: {
    meaning: "A request body is over the endpoint's size limit.",
    fix: 'Send less at once (split a CSV import into smaller files).',
    status: 413,
    message: (limit: string) => `The request body is larger than the ${limit} this endpoint accepts.`,
  },
  RB_ERR_UNSUPPORTED_MEDIA_TYPE: {
    meaning: 'A body came with a Content-Type the endpoint does not read.',
    fix: 'Send application/json (or text/csv where an upload is expected).',
    status: 415,
    message: (what = 'the request body as application/json') => `Send ${what}.`,
  },
  RB_ERR_VALIDATION: {
    meaning: 'One or more fields are missing or out of range; `details` names each.',
    fix: 'Correct the fields listed in `details` and send again.',
    status: 400,
    message: (summary: string) => `Some fields need attention: ${summary}`,
  },
  RB_ERR_ROUTE_NOT_FOUND: {
    meaning: 'Nothing is served at this path.',
    fix: 'Check the address against docs/admin-api.md.',
    status: 404,
    message: () => 'There is nothing at this address.',
  },
  RB_ERR_NOT_FOUND: {
    meaning: 'The record does not exist for this store (or belongs to another).',
    fix: 'Reload: it may have been deleted in another tab.',
    status: 404,
    message: (what: string) => `${what} was not found.`,
  },
  RB_ERR_UNAUTHENTICATED: {
    meaning: 'No valid session came with the request.',
    fix: 'Sign in again with a new sign-in link (npm start prints one; the plugin\'s "Open RateBridge" makes one).',
    status: 401,
    /** `why`: a more precise reason where one is known (an unknown connector key). */
    message: (why?: string) => why ?? 'Sign in again: your session is missing or has expired.',
  },
  RB_ERR_FORBIDDEN: {
    meaning: 'The request is not allowed for this session or store.',
    fix: 'Open RateBridge from its own address, for the store you mean, and try again.',
    status: 403,
    message: () => 'You are not allowed to do this.',
  },
  RB_ERR_RATE_LIMITED: {
    meaning: 'Too many attempts in a short time (token checks, sign-ins).',
    fix: 'Wait the seconds in Retry-After, then try again.',
    status: 429,
    message: (retryAfterSeconds: number) =>
      `Too many attempts. Wait ${retryAfterSeconds} seconds and try again.`,
  },
  RB_ERR_CONFLICT: {
    meaning:
      "The change conflicts with the record's current state (changed meanwhile, or a step is missing).",
    fix: 'Reload to see the current state, then try again.',
    status: 409,
    message: () => 'Someone else changed this at the same moment. Reload and try again.',
  },
  RB_ERR_INTERNAL: {
    meaning: "A fault on RateBridge's side; it was logged with the request id.",
    fix: 'Try again; if it persists, report the X-Request-Id to the operator.',
    status: 500,
    message: () => 'Something went wrong on our side. It has been logged; please try again.',
  },
  RB_ERR_STORE_UNAVAILABLE: {
    meaning: "RateBridge's own storage (Redis or the data folder) does not answer.",
    fix: 'Try again in a moment; operators: check Redis or DATA_DIR (docs/deploy.md).',
    status: 503,
    message: () => 'RateBridge cannot reach its storage right now. Try again in a moment.',
  },

  RB_ERR_METRICS_OFF: {
    meaning: '/metrics is not served: METRICS_TOKEN is not set.',
    fix: 'Operators: set METRICS_TOKEN (or METRICS_PORT for a private listener) and restart (docs/deploy.md, Metrics).',
    status: 404,
    message: () => 'There is nothing at this address (metrics are off: METRICS_TOKEN is not set).',
  },
  RB_ERR_METRICS_UNAUTHORIZED: {
    meaning: 'GET /metrics came without the bearer token METRICS_TOKEN, or with a wrong one.',
    fix: "Operators: put METRICS_TOKEN in the scraper's bearer token (Prometheus: authorization.credentials).",
    status: 401,
    message: () => 'Send the metrics token as "Authorization: Bearer <METRICS_TOKEN>".',
  },

  RB_ERR_IMPORT_IN_PROGRESS: {
    meaning: 'Another packaging import for this store is still running.',
    fix: 'Wait for it to finish, then upload the file again.',
    status: 409,
    message: () =>
      'Another packaging import for this store is still running. Wait for it to finish, then try again.',
  },
  RB_ERR_CSV_INVALID: {
    meaning: 'The packaging CSV has problems; nothing was imported. `details` names each row and column.',
    fix: 'Fix the rows listed in `details` (docs/packaging-csv.md) and upload the whole file again.',
    status: 400,
    message: (count: number, first: string) =>
      `Nothing was imported: the file has ${count} problem${count === 1 ? '' : 's'}. Fix ${count === 1 ? 'it' : 'them'} and upload it again. ${first}`.trim(),
  },
  RB_ERR_BOX_LIMIT: {
    meaning: 'The store has as many boxes as it may.',
    fix: 'Delete a box you no longer use, then add the new one.',
    status: 409,
    message: (max: number) => `A store can have at most ${max} boxes. Delete one you no longer use.`,
  },
  // --- configuration (start-up only, never an HTTP response) -------------------------------------
  RB_ERR_CONFIG: {
    meaning: 'Start-up: the environment variables have problems (all are listed).',
    fix: 'Fix each variable named and start again (README, Configuration).',
    status: 500,
    message: (problems: string) => `RateBridge cannot start; fix its configuration: ${problems}`,
  },
  RB_ERR_DATA_DIR_LOCKED: {
    meaning: 'Start-up: another live process uses the same DATA_DIR.',
    fix: 'Stop that process, give this one its own DATA_DIR, or set REDIS_URL to run several.',
    status: 500,
    message: (dataDir: string, pid: number) =>
      `RateBridge cannot start: DATA_DIR ${dataDir} is in use by process ${pid}. Stop that process, or give this one its own DATA_DIR (the embedded store serves one process; set REDIS_URL to run several).`,
  },
  RB_ERR_KEYS_DO_NOT_OPEN_STORE: {
    meaning:
      'Start-up: the store (Redis) holds records sealed with keys this instance does not have, so it could not open the tokens and secrets there.',
    fix: 'Give every instance the same RATEBRIDGE_KEYS (docs/deploy.md, Keys); never let an instance on a shared Redis generate its own.',
    status: 500,
    message: (where: string, keySource: string) =>
      `RateBridge cannot start: the records in ${where} were sealed with keys ${keySource} does not hold. Set RATEBRIDGE_KEYS to the key ring the other instances use (docs/deploy.md, Keys).`,
  },
  RB_ERR_PORT_IN_USE: {
    meaning: 'Start-up: the HOST:PORT to listen on is taken.',
    fix: 'Stop whatever listens there, or set PORT to a free port.',
    status: 500,
    message: (address: string) =>
      `RateBridge cannot start: ${address} is already in use. Stop whatever listens there, or set PORT to a free port.`,
  },
  RB_ERR_NODE_TOO_OLD: {
    meaning: 'Start-up: Node.js is older than 22.12.',
    fix: 'Install Node.js 24 LTS (or 22.12+).',
    status: 500,
    message: (found: string) =>
      `RateBridge cannot start: it needs Node.js 22.12 or newer (24 LTS recommended); this is ${found}. Install a newer Node.js.`,
  },

  // --- sealing and signing ----------------------------------------------------------------------
  RB_ERR_SEAL_UNREADABLE: {
    meaning:
      'A stored secret could not be opened: altered, moved between records, or not sealed by RateBridge.',
    fix: 'Reconnect the token or key it belongs to; operators: check RATEBRIDGE_KEYS.',
    status: 500,
    message: () =>
      'A stored secret could not be opened (it was altered, moved or sealed with a key no longer configured).',
  },
  RB_ERR_SEAL_UNKNOWN_KEY: {
    meaning: 'A stored secret was sealed with a key that RATEBRIDGE_KEYS no longer has.',
    fix: 'Put the old key back in RATEBRIDGE_KEYS (after the new one) until records are re-sealed (docs/deploy.md, Keys).',
    status: 500,
    message: (keyId: string) =>
      `A stored secret was sealed with key "${keyId}", which is not in RATEBRIDGE_KEYS.`,
  },
  RB_ERR_SIGNATURE_MISSING: {
    meaning: "A request that must be signed (the plugin's, Shopify's callback) came unsigned.",
    fix: "Check the connector key id and secret in the plugin's settings (or the Shopify app secret).",
    status: 401,
    message: (why?: string) =>
      why ??
      'The request is not signed. Check the key id and secret configured where this request comes from.',
  },
  RB_ERR_SIGNATURE_MALFORMED: {
    meaning: 'The signature header is not `t=<unix seconds>,v1=<hex>`.',
    fix: 'Update the RateBridge plugin; check nothing between it and RateBridge rewrites headers.',
    status: 401,
    message: () => 'The request signature is not in the form t=<unix seconds>,v1=<hex>.',
  },
  RB_ERR_SIGNATURE_INVALID: {
    meaning: 'The signature does not match the body with the configured secret.',
    fix: "Paste the connector key's secret again in the plugin (create a new key if it was lost).",
    status: 401,
    message: () =>
      'The request signature does not match. Check the secret configured where this request comes from.',
  },
  RB_ERR_SIGNATURE_EXPIRED: {
    meaning: "The signature's time is more than five minutes from ours.",
    fix: "Fix the sending server's clock (NTP).",
    status: 401,
    message: () =>
      "The request signature is too old or from the future. Check the server's clock (it must be within five minutes).",
  },
  RB_ERR_SIGNATURE_REPLAYED: {
    meaning: "A signed request (or a grant's state) was used a second time.",
    fix: 'Nothing to do for a real client: each request signs anew; start a connection again from RateBridge.',
    status: 401,
    message: () => 'This signed request was already used once and cannot be replayed.',
  },
  RB_ERR_LOGIN_LINK_INVALID: {
    meaning: "A sign-in link (or a grant's return page) is forged, expired (15 minutes) or already used.",
    fix: 'Ask for a new link: restart npm start, or use "Open RateBridge" in the plugin.',
    status: 401,
    message: () => 'This sign-in link is invalid, has expired or was already used. Ask for a new one.',
  },
  RB_ERR_ROLE_REQUIRED: {
    meaning: "The signed-in person's role does not allow this; the message names the role it needs.",
    fix: "Ask the store's owner for that role (People, in the admin), or for them to do it.",
    status: 403,
    message: (needed: string, have: string) =>
      `This needs the ${needed} role; you are signed in as ${have === 'admin' ? 'an' : 'a'} ${have}. Ask the store's owner.`,
  },
  RB_ERR_KEY_MAKER_REMOVED: {
    meaning:
      'A connector key made by a person since removed from the store asked for a sign-in link; it still signs the checkout.',
    fix: "An owner creates a new connector key, pastes it into the plugin's settings, then revokes the old one.",
    status: 403,
    message: () =>
      "The person who made this connector key is no longer in the store, so it cannot sign anyone in (it still answers the store's rates). An owner should create a new key, put it in the plugin's settings and revoke this one.",
  },
  RB_ERR_LAST_OWNER: {
    meaning: 'A role change or removal would leave the store with no owner.',
    fix: 'Make another person an owner first, then change or remove this one.',
    status: 409,
    message: () =>
      'This would leave the store without an owner. Make someone else an owner first, then try again.',
  },
  RB_ERR_OWN_MEMBERSHIP: {
    meaning: 'An owner tried to change their own role or remove themselves.',
    fix: 'Ask another owner of the store to do it.',
    status: 409,
    message: () => 'You cannot change your own role or remove yourself. Ask another owner of the store.',
  },
  RB_ERR_ALREADY_MEMBER: {
    meaning: 'An invitation names an address that is already a member of the store.',
    fix: "Change the member's role on the People page instead of inviting them again.",
    status: 409,
    message: () =>
      'That address is already a member of this store. Change their role on the People page instead.',
  },
  RB_ERR_INVITATION_INVALID: {
    meaning: 'An invitation link is forged, expired (7 days), withdrawn or already used.',
    fix: "Ask the store's owner for a new invitation.",
    status: 401,
    message: () => 'This invitation is invalid, has expired or was already used. Ask for a new one.',
  },
  RB_ERR_MAIL_UNAVAILABLE: {
    meaning: 'The mail server did not take an invitation; the invitation was not kept.',
    fix: 'Try again later, or invite with the link shown to copy; operators: check the SMTP settings.',
    status: 503,
    message: () =>
      'The invitation could not be mailed just now, so it was not made. Try again, or choose to copy the link instead.',
  },
  RB_ERR_CROSS_SITE: {
    meaning: "A change did not name RateBridge's own origin (Origin or Referer).",
    fix: 'Use the admin from its own address; a proxy must pass the Origin header through.',
    status: 403,
    message: () =>
      'This change must come from the RateBridge admin itself (the request did not say it came from this site). Reload the admin and try again.',
  },
  RB_ERR_ENCODING_UNSUPPORTED: {
    meaning: 'A body came with a Content-Encoding we do not read.',
    fix: 'Send it uncompressed, or as gzip, deflate or br.',
    status: 415,
    message: () =>
      'The request body uses a Content-Encoding RateBridge does not accept: send it as gzip, deflate, br or uncompressed.',
  },
  RB_ERR_BODY_UNDECODABLE: {
    meaning: 'A body\'s Content-Encoding does not match its bytes (e.g. "gzip" that is not gzip).',
    fix: 'Send the body as its Content-Encoding says, or uncompressed.',
    status: 400,
    message: () =>
      'The request body could not be decoded: its Content-Encoding does not match what was sent. Send it uncompressed or correctly compressed.',
  },

  // --- freight platforms and tokens -------------------------------------------------------------
  RB_ERR_CONNECTION_NEEDS_ATTENTION: {
    meaning: 'The connection failed its last check (not revoked) and cannot be used until it passes.',
    fix: 'Open Connections, read the last check, and check the connection again (or replace its token).',
    status: 409,
    message: (platform: string, label: string, detail: string) =>
      `The ${platform} connection "${label}" needs attention before it can be used: ${detail}`,
  },
  RB_ERR_UNKNOWN_PLATFORM: {
    meaning: 'The freight platform named is not one RateBridge supports (or the sandbox is off).',
    fix: 'Choose MachShip or Big Post (GET /platforms lists what is on).',
    status: 400,
    message: (platform: string) => `"${platform}" is not a freight platform RateBridge supports.`,
  },
  RB_ERR_TOKEN_EMPTY: {
    meaning: 'The token field was empty.',
    fix: 'Paste the API token you created in your freight platform.',
    status: 400,
    message: () => 'Paste the API token you created in your freight platform; the field is empty.',
  },
  RB_ERR_TOKEN_WHITESPACE: {
    meaning: 'The pasted token has spaces or line breaks inside it.',
    fix: 'Copy the token again, on its own.',
    status: 400,
    message: () =>
      'The pasted token contains spaces or line breaks inside it. Copy the token again, on its own.',
  },
  RB_ERR_TOKEN_CONTROL_CHARACTERS: {
    meaning: 'The pasted token has invisible control characters.',
    fix: "Copy the token again from the platform's token page.",
    status: 400,
    message: () =>
      'The pasted token contains invisible control characters. Copy the token again from your freight platform.',
  },
  RB_ERR_TOKEN_TOO_LONG: {
    meaning: 'The pasted text is too long to be an API token.',
    fix: 'Paste only the token.',
    status: 400,
    message: (max: number) =>
      `The pasted text is longer than ${max} characters, too long to be an API token. Paste only the token.`,
  },
  RB_ERR_TOKEN_REJECTED: {
    meaning: 'The freight platform does not accept the token: mistyped, expired or revoked.',
    fix: 'Create a new token in the platform (shown once: copy it straight away) and paste it.',
    status: 422,
    message: (detail: string) => detail,
  },
  RB_ERR_TOKEN_FORBIDDEN: {
    meaning: 'The token works but lacks a permission quoting needs.',
    fix: 'Create the token as a user who can read locations and quote, or widen its permissions.',
    status: 422,
    message: (detail: string) => detail,
  },
  RB_ERR_TOKEN_WRONG_ENVIRONMENT: {
    meaning: 'The token belongs to the other environment (test vs live).',
    fix: 'Choose the environment the token was made in, or make a token in the one you want.',
    status: 422,
    message: (detail: string) => detail,
  },
  RB_ERR_PLATFORM_UNREACHABLE: {
    meaning: 'The freight platform did not answer in time or failed; nothing is known about the token.',
    fix: 'Try again in a few minutes.',
    status: 502,
    message: (detail: string) => detail,
  },
  RB_ERR_PLATFORM_RATE_LIMITED: {
    meaning: 'The freight platform asked RateBridge to slow down.',
    fix: 'Wait the seconds in Retry-After, then try again.',
    status: 429,
    message: (detail: string) => detail,
  },
  RB_ERR_PLATFORM_BUDGET_EXHAUSTED: {
    meaning:
      "The connection's token has used the requests its platform allows for now (per minute or per day: the platform's fair-use terms, or the connection's own limits); nothing was sent.",
    fix: "Wait the seconds in Retry-After. Checkouts keep being answered meanwhile from saved prices or your fallback rates. If your platform account allows more, set the connection's limits (PUT /api/connections/:id/budget).",
    status: 429,
    message: (detail: string) => detail,
  },
  RB_ERR_LABEL_TAKEN: {
    meaning: 'Another connection of this store has that name.',
    fix: "Choose another name, or replace that connection's token.",
    status: 409,
    message: (label: string) =>
      `You already have a connection named "${label}". Choose another name or replace that connection's token.`,
  },
  RB_ERR_TOKEN_ALREADY_CONNECTED: {
    meaning: 'The same token is already connected under another name.',
    fix: 'Use that connection; each token is connected once.',
    status: 409,
    message: (label: string) =>
      `This token is already connected as "${label}". Each token can be connected once.`,
  },
  RB_ERR_CONNECTION_REVOKED: {
    meaning: "The connection's token no longer works (revoked or expired at the platform).",
    fix: 'Create a new token in the platform and replace it on the connection.',
    status: 409,
    message: (label: string) =>
      `The token of "${label}" no longer works. Create a new token in your freight platform and replace it.`,
  },

  // --- WooCommerce stores -------------------------------------------------------------------------
  RB_ERR_STORE_URL_INVALID: {
    meaning: 'What was entered as the store address is not a web address.',
    fix: 'Enter the store address as it appears in the browser, e.g. https://shop.example.com.',
    status: 400,
    message: () => 'Enter your store address, e.g. https://shop.example.com.',
  },
  RB_ERR_STORE_NOT_PUBLIC: {
    meaning: 'The store address points at a private, loopback or reserved network address.',
    fix: 'Use the public address customers use; RateBridge does not call into private networks.',
    status: 400,
    message: () => 'RateBridge connects only to stores on a public address.',
  },
  RB_ERR_OTHER_STORE: {
    meaning:
      "The store address is not the store this admin belongs to (a WooCommerce merchant's admin is one store's).",
    fix: 'Open RateBridge from the store you mean to connect ("Open RateBridge" in its plugin settings).',
    status: 403,
    message: () => 'This RateBridge admin belongs to another store. Sign in from that store to connect it.',
  },
  RB_ERR_STORE_NOT_CONNECTED: {
    meaning: 'The step needs a connected WooCommerce store and this one is not connected yet.',
    fix: 'Connect the store in RateBridge (Settings, WooCommerce store) first, then repeat the step.',
    status: 409,
    /** `then`: what to do once connected ("save the plugin settings again"). */
    message: (then: string) => `Connect this store in RateBridge first (Settings → Store), then ${then}.`,
  },
  RB_ERR_WEBHOOKS_BEING_REGISTERED: {
    meaning: "RateBridge is registering the store's product webhooks itself at this moment.",
    fix: 'Save the plugin settings again in a minute.',
    status: 409,
    message: () =>
      'RateBridge is registering the product webhooks itself right now. Save the plugin settings again in a minute.',
  },
  RB_ERR_GRANT_EXPIRED: {
    meaning: "WooCommerce's key delivery came with a connection request that is unknown, used or expired.",
    fix: 'Start connecting again from RateBridge; each request is good for 15 minutes and one use.',
    status: 401,
    message: () =>
      'This connection request is invalid or has expired. Start connecting again from RateBridge.',
  },
  RB_ERR_GRANT_OTHER_BROWSER: {
    meaning: 'The return from WooCommerce reached a browser other than the one that started connecting.',
    fix: 'Finish in the browser you started in, or start again from RateBridge.',
    status: 403,
    message: () =>
      'Finish connecting in the browser you started in, or start connecting again from RateBridge.',
  },
  RB_ERR_GRANT_DENIED: {
    meaning: 'The store admin chose "Deny" on WooCommerce\'s authorisation page.',
    fix: 'Start again and choose "Approve".',
    status: 403,
    message: () => 'The connection was not approved in WooCommerce. Start again and choose "Approve".',
  },
  RB_ERR_GRANT_PENDING: {
    meaning: 'WooCommerce sent the keys, and RateBridge is still checking them with the store.',
    fix: 'Reload the page in a few seconds.',
    status: 409,
    message: () =>
      'RateBridge is still checking the new keys with your store. Reload this page in a few seconds.',
  },
  RB_ERR_KEY_NAME_TAKEN: {
    meaning: 'An active connector key already has this name.',
    fix: 'Choose another name, or revoke the key of that name first.',
    status: 409,
    message: (name: string) =>
      `A connector key named "${name}" already exists. Choose another name, or revoke that key first.`,
  },
  RB_ERR_KEY_LIMIT: {
    meaning: 'The store has as many active connector keys as it may.',
    fix: 'Revoke a key you no longer use, then create the new one.',
    status: 409,
    message: (max: number) =>
      `A store can have at most ${max} active connector keys. Revoke one you no longer use.`,
  },
  RB_ERR_STORE_KEY_REJECTED: {
    meaning:
      'The WooCommerce store does not accept the REST API key (wrong, revoked, or its host strips credentials).',
    fix: 'Create a new key in WooCommerce → Settings → Advanced → REST API, or connect again through the key grant.',
    status: 422,
    message: (detail: string) => detail,
  },
  RB_ERR_STORE_KEY_FORBIDDEN: {
    meaning:
      'The WooCommerce key works but may not do this (read-only, or its user cannot manage WooCommerce).',
    fix: 'Give the key Read (or Read/Write) permission for a user who can manage WooCommerce.',
    status: 422,
    message: (detail: string) => detail,
  },
  RB_ERR_STORE_HTTPS_UNSEEN: {
    meaning:
      'WordPress does not see the store as HTTPS (a TLS proxy in front of it), so WooCommerce ignores any REST API key; the key may be fine.',
    fix: "Make WordPress see HTTPS (e.g. $_SERVER['HTTPS'] = 'on' in wp-config.php behind a proxy sending X-Forwarded-Proto: https), then connect again; no new key is needed.",
    status: 422,
    message: (detail: string) => detail,
  },
  RB_ERR_STORE_UNREACHABLE: {
    meaning: 'The WooCommerce store could not be reached or did not answer in time.',
    fix: 'Check the store URL and that the store is online, then try again.',
    status: 502,
    message: (detail: string) => detail,
  },
  RB_ERR_ONE_CLICK_REQUEST_INVALID: {
    meaning:
      'The plugin\'s "Connect to RateBridge" link is malformed, or its return address is not on the store it names.',
    fix: 'Update the RateBridge plugin, then click "Connect to RateBridge" again in its settings.',
    status: 400,
    message: (detail: string) => detail,
  },
  RB_ERR_ONE_CLICK_APPROVAL_INVALID: {
    meaning:
      'A one-click connect approval expired (15 minutes), was already used, or belongs to another sign-in.',
    fix: 'Click "Connect to RateBridge" in the plugin\'s settings again, signed in to RateBridge as that store.',
    status: 401,
    message: () =>
      'This connection request has expired or was already used. Click "Connect to RateBridge" in the plugin again.',
  },
  RB_ERR_ONE_CLICK_CODE_INVALID: {
    meaning:
      "The plugin's one-click code is unknown, expired (2 minutes), already used, or not for this store and verifier.",
    fix: 'Click "Connect to RateBridge" in the plugin\'s settings again (or paste a connector key by hand).',
    status: 401,
    message: () =>
      'This connection code is invalid, has expired or was already used. Connect again from the plugin.',
  },
  // --- Shopify ----------------------------------------------------------------------------------
  RB_ERR_SHOPIFY_PLAN: {
    meaning: "Shopify refused the carrier service: the shop's plan lacks carrier-calculated shipping.",
    fix: 'Move to a plan that includes it (Advanced or higher, or yearly billing), or ask Shopify Support to add it.',
    status: 422,
    message: () =>
      'Your Shopify plan does not include carrier-calculated shipping, so Shopify refused to add RateBridge as a carrier service. It is included with the Advanced Shopify plan or higher, with the Shopify plan billed yearly, and on development stores; on a monthly Shopify plan it can be added for a fee by Shopify Support. Change the plan or ask Shopify Support, then go live again.',
  },
  RB_ERR_SHOPIFY_REFUSED: {
    meaning: 'Shopify refused a change and said why (its userErrors).',
    fix: "Do what Shopify's message says, then try again.",
    status: 422,
    message: (detail: string) => `Shopify refused the change: ${detail}`,
  },
  RB_ERR_SHOPIFY_UNREACHABLE: {
    meaning: 'Shopify did not answer in time; nothing was changed.',
    fix: 'Try again in a minute.',
    status: 502,
    message: () => 'Shopify did not answer in time. Nothing was changed; try again in a minute.',
  },
  RB_ERR_SHOPIFY_STAFF_UNKNOWN: {
    meaning:
      'Shopify could not say just now whether the staff member is the account owner, and the change needs more than a viewer.',
    fix: 'Wait the seconds in Retry-After and try again; reading keeps working meanwhile.',
    status: 503,
    message: () =>
      'Shopify could not confirm just now who may make this change. Nothing was changed; try again in a minute.',
  },
  RB_ERR_SHOPIFY_SESSION_MISSING: {
    meaning: 'RateBridge holds no access token for this shop yet.',
    fix: 'Open the app once from the Shopify admin, then try again.',
    status: 409,
    message: () =>
      'RateBridge has no access to this shop yet. Open the app from your Shopify admin once, then try again.',
  },
  RB_ERR_NOT_LIVE: {
    meaning: 'Going live needs a connection, a pickup location and a checked test quote.',
    fix: 'Finish those steps in the wizard, then go live.',
    status: 409,
    message: () =>
      'Connect a freight platform, add a pickup location and check a test quote before going live.',
  },

  // --- admin UI ---------------------------------------------------------------------------------
  RB_ERR_ADMIN_UI_NOT_BUILT: {
    meaning: "The admin UI's files are missing from admin-ui/dist.",
    fix: 'Run npm run build (npm start builds it when needed).',
    status: 503,
    message: () => 'The admin UI has not been built yet: run npm run build (or npm start, which builds it).',
  },
  RB_ERR_PLUGIN_ZIP_NOT_BUILT: {
    meaning: 'The WordPress plugin zip is missing from dist/plugin.',
    fix: 'Run npm run plugin:zip on the server (npm run build builds it too).',
    status: 503,
    message: () => 'The WordPress plugin zip has not been built yet: run npm run plugin:zip.',
  },
} as const satisfies Record<`RB_ERR_${string}`, ErrorDefinition>;

export type ErrorCode = keyof typeof ERRORS;
type MessageArgs<C extends ErrorCode> = Parameters<(typeof ERRORS)[C]['message']>;

export class RateBridgeError extends Error {
  override readonly name = 'RateBridgeError';
  readonly status: number;
  /** Sent as Retry-After with 429s and 503s. */
  retryAfterSeconds: number | undefined;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: readonly ErrorDetail[] = [],
    options?: { cause?: unknown; status?: number; retryAfterSeconds?: number },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.status = options?.status ?? ERRORS[code].status;
    this.retryAfterSeconds = options?.retryAfterSeconds;
  }

  withRetryAfter(seconds: number | undefined): this {
    this.retryAfterSeconds = seconds;
    return this;
  }

  /** The body every RateBridge HTTP error renders as. */
  toJSON(): ErrorBody & { readonly error: { readonly code: ErrorCode } } {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.details.length > 0 ? { details: this.details } : {}),
      },
    };
  }
}

/** Builds the declared error for `code`, its message filled from `args`. */
export function rbError<C extends ErrorCode>(code: C, ...args: MessageArgs<C>): RateBridgeError {
  const template = ERRORS[code].message as (...a: MessageArgs<C>) => string;
  return new RateBridgeError(code, template(...args));
}

/** The same, with per-field details (validation problems). */
export function rbErrorWithDetails<C extends ErrorCode>(
  code: C,
  details: readonly ErrorDetail[],
  ...args: MessageArgs<C>
): RateBridgeError {
  const template = ERRORS[code].message as (...a: MessageArgs<C>) => string;
  return new RateBridgeError(code, template(...args), details);
}

export function isRateBridgeError(value: unknown): value is RateBridgeError {
  return value instanceof RateBridgeError;
}
