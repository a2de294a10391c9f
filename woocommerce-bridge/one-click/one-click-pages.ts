/**
 * The two pages of one-click connect: the approval (which store asks, what it gets, one button) and the
 * way to sign in first. Plain server pages without script (simplePage), like the sign-in confirmation.
 */
import { escapeHtml, simplePage } from '../../core/index.js';
import { GRANT_SCOPE } from '../key-grant.js';

export interface ApprovalPageInput {
  readonly approvalId: string;
  readonly storeUrl: string;
  /** The tenant signed in, as the merchant knows it. */
  readonly signedInAs: string;
  /** The plugin's return page, told the merchant said no. */
  readonly cancelUrl: string;
  /** Shown when WooCommerce is known to refuse delivering keys to our callback URL. */
  readonly callbackWarning?: string;
}

export function approvalPage(input: ApprovalPageInput): string {
  const host = new URL(input.storeUrl).host;
  return simplePage(
    `Connect ${host} to RateBridge`,
    `<h1>Connect your WooCommerce store</h1>
<p>The RateBridge plugin on <strong class="store" id="asking-store">${escapeHtml(host)}</strong> asks to connect
to this RateBridge (signed in as <strong>${escapeHtml(input.signedInAs)}</strong>).</p>
<p>Approving gives the plugin its own connector key for live rates, and sends you on to your store, where
WooCommerce asks you to approve <strong>${escapeHtml(GRANT_SCOPE)}-only</strong> access for RateBridge (products, their
sizes and the store's units). Then you are back in WordPress, connected.</p>
${input.callbackWarning ? `<p class="warn" role="alert">${escapeHtml(input.callbackWarning)}</p>` : ''}
<form method="post" action="/woocommerce/one-click/approve">
<input type="hidden" name="approval" value="${escapeHtml(input.approvalId)}">
<p><button type="submit" id="approve">Approve and connect</button>
<a href="${escapeHtml(input.cancelUrl)}" id="cancel">Cancel</a></p>
</form>
`,
  );
}

export function signInFirstPage(storeUrl: string): string {
  const host = new URL(storeUrl).host;
  return simplePage(
    'Sign in to RateBridge first',
    `<h1>Sign in to RateBridge first</h1>
<p>The RateBridge plugin on <strong class="store">${escapeHtml(host)}</strong> asks to connect, but this browser is
not signed in to RateBridge.</p>
<p>Open your RateBridge sign-in link in this browser (the one RateBridge's operator gave you, or the one
<code>npm start</code> prints), then reload this page.</p>
<p><a class="button" href="" id="reload">Reload</a></p>
`,
  );
}
