/**
 * The page GET /woocommerce/connect answers: where the merchant is about to be sent and what they will be
 * asked, with one link to continue. RateBridge never redirects to a store by itself: a store URL is typed
 * input, and a server redirect to it would be an open redirect for anyone who can get a link clicked.
 */
import { escapeHtml, simplePage } from '../core/index.js';

export interface ConnectPageInput {
  readonly storeUrl: string;
  readonly authorizeUrl: string;
  /** What the grant needs and does not have (WooCommerce would refuse to deliver the keys), one a line. */
  readonly warnings: readonly string[];
}

export function connectPage(input: ConnectPageInput): string {
  const host = new URL(input.storeUrl).host;
  const warning =
    input.warnings.length > 0
      ? `<div class="warn" role="alert"><p>The key grant will probably fail, and WooCommerce's error page does not lead back here:</p><ul>${input.warnings
          .map((text) => `<li>${escapeHtml(text)}</li>`)
          .join('')}</ul><p>Connect with pasted keys instead (RateBridge → WooCommerce store).</p></div>`
      : '';
  return simplePage(
    `Connect ${host} to RateBridge`,
    `<h1>Connect your WooCommerce store</h1>
<p>You are about to leave RateBridge for <strong>${escapeHtml(host)}</strong>, where WooCommerce asks you to
approve <strong>read-only</strong> access for RateBridge (products, their sizes and the store's units).</p>
<p>Sign in there as a store administrator and choose "Approve"; WooCommerce then sends you back here.</p>
${warning}
<p><a class="button" id="continue" href="${escapeHtml(input.authorizeUrl)}">Continue to ${escapeHtml(host)}</a>
<a href="/admin/">Cancel</a></p>
`,
  );
}
