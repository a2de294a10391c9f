/**
 * The page GET /woocommerce/connect answers: where the merchant is about to be sent and what they will be
 * asked, with one link to continue. RateBridge never redirects to a store by itself: a store URL is typed
 * input, and a server redirect to it would be an open redirect for anyone who can get a link clicked.
 */
import { escapeHtml } from '../core/index.js';

export interface ConnectPageInput {
  readonly storeUrl: string;
  readonly authorizeUrl: string;
  /** Shown when WooCommerce is known to refuse delivering keys to our callback URL. */
  readonly callbackWarning?: string;
}

export function connectPage(input: ConnectPageInput): string {
  const host = new URL(input.storeUrl).host;
  const warning = input.callbackWarning
    ? `<p class="warn" role="alert">${escapeHtml(input.callbackWarning)}</p>`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Connect ${escapeHtml(host)} to RateBridge</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;max-width:34rem;margin:4rem auto;padding:0 1rem;color:#202223}
h1{font-size:1.4rem}.warn{background:#fff4e5;border-left:4px solid #b98900;padding:.5rem .75rem}
a.button{display:inline-block;background:#008060;color:#fff;border-radius:.4rem;padding:.6rem 1.2rem;text-decoration:none}
a.button:focus-visible{outline:3px solid #005bd3;outline-offset:2px}
</style>
</head>
<body>
<main>
<h1>Connect your WooCommerce store</h1>
<p>You are about to leave RateBridge for <strong>${escapeHtml(host)}</strong>, where WooCommerce asks you to
approve <strong>read-only</strong> access for RateBridge (products, their sizes and the store's units).</p>
<p>Sign in there as a store administrator and choose "Approve"; WooCommerce then sends you back here.</p>
${warning}
<p><a class="button" id="continue" href="${escapeHtml(input.authorizeUrl)}">Continue to ${escapeHtml(host)}</a>
<a href="/admin/">Cancel</a></p>
</main>
</body>
</html>
`;
}
