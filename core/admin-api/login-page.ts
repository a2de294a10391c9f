/**
 * The page a sign-in link opens: it says which store the link signs into and asks to confirm, so a link
 * someone else sent cannot quietly put a merchant into the sender's store (login CSRF), where they might
 * paste their own freight token. Plain HTML (the admin UI may not be built), no script, no inline handler.
 */
import { escapeHtml } from '../http/escape-html.js';
import { simplePage } from '../http/simple-page.js';
import { storeDisplayName } from './store-display.js';

export interface LoginPageInput {
  /** The tenant the link signs into. */
  readonly tenant: string;
  /** The tenant this browser is signed into now, if any. */
  readonly current?: string;
  /** Where the form posts (the link's own path). */
  readonly action: string;
}

export function loginPage(input: LoginPageInput): string {
  const target = storeDisplayName(input.tenant);
  const switching =
    input.current !== undefined && input.current !== input.tenant
      ? `<p class="warn">You are signed in to ${escapeHtml(storeDisplayName(input.current))}. Continuing signs you out of it.</p>`
      : '';
  return simplePage(
    'Sign in to RateBridge',
    `<h1>Sign in to RateBridge</h1>
<p>This link signs you in to the RateBridge admin of <span class="store">${escapeHtml(target)}</span>.</p>
${switching}
<p>Only continue if you asked for this link yourself. Anyone signed in to this store can change its freight
connections and prices.</p>
<form method="post" action="${escapeHtml(input.action)}">
<button type="submit">Sign in to ${escapeHtml(target)}</button>
</form>
`,
  );
}
