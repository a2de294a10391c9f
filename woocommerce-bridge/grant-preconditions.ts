/**
 * What WooCommerce's key grant needs before a merchant is sent to their store, checked here so they are
 * told before they leave (a failed grant ends on WooCommerce's own error page, which never returns):
 * WooCommerce posts the keys to our callback with WordPress's `wp_safe_remote_post`, which calls only
 * https (WooCommerce: "The callback_url needs to be over SSL"), ports 80, 443 and 8080, public addresses
 * (or the store's own host), and verifies the certificate against WordPress's CA bundle (Mozilla's roots,
 * as Node's are); the authorize page and the REST API need pretty permalinks.
 */
import dns from 'node:dns';
import tls from 'node:tls';
import type { StoreAgents } from './store-agents.js';
import { readBounded } from './woocommerce-client/read-bounded.js';
import { isNonPublicAddress } from './store-agents.js';
import type { GrantCheck, GrantCheckItem } from '../core/wire/store-link-schema.js';

/** WordPress's wp_safe_remote_post, which WooCommerce uses for the callback, only calls these ports. */
export const CALLBACK_PORTS = new Set(['', '80', '443', '8080']);
const PROBE_TIMEOUT_MS = 5000;

export interface GrantPreconditionDeps {
  readonly publicUrl: string;
  readonly agents: StoreAgents;
  /** A certificate authority to count as in WordPress's bundle besides the public roots (tests). */
  readonly callbackCa?: string | undefined;
}

export async function checkGrantPreconditions(
  deps: GrantPreconditionDeps,
  storeUrl: string,
): Promise<GrantCheck> {
  const callback = new URL(deps.publicUrl);
  const secure = callback.protocol === 'https:';
  const checks: GrantCheckItem[] = [
    {
      id: 'callback_https',
      ok: secure,
      detail: secure
        ? `RateBridge is served over https (${callback.origin}).`
        : `WooCommerce sends the keys only to an https address, and RateBridge is at ${callback.origin}. Serve RateBridge over https (PUBLIC_URL), or connect with pasted keys.`,
    },
    portCheck(callback),
    await publicCheck(callback, new URL(storeUrl)),
    secure ? await certificateCheck(deps, callback) : skippedCertificate(),
    await restCheck(deps.agents, storeUrl),
  ];
  return { ready: checks.every((check) => check.ok !== false), checks };
}

function portCheck(callback: URL): GrantCheckItem {
  const ok = CALLBACK_PORTS.has(callback.port);
  return {
    id: 'callback_port',
    ok,
    detail: ok
      ? `RateBridge listens on port ${callback.port || (callback.protocol === 'https:' ? '443' : '80')}, one WordPress calls.`
      : `WordPress calls only ports 80, 443 and 8080, and RateBridge is on port ${callback.port}: WooCommerce could not deliver the keys. Serve RateBridge on one of those ports, or connect with pasted keys.`,
  };
}

async function publicCheck(callback: URL, store: URL): Promise<GrantCheckItem> {
  const same = callback.hostname.toLowerCase() === store.hostname.toLowerCase();
  const address = same ? undefined : await lookup(callback.hostname);
  const ok = same || (address !== undefined && !isNonPublicAddress(address));
  return {
    id: 'callback_public',
    ok,
    detail: ok
      ? `${callback.hostname} is an address WordPress calls.`
      : `${callback.hostname} is not a public address (${address ?? 'unknown'}), and WordPress calls only public addresses or its own host: WooCommerce could not deliver the keys. Connect with pasted keys.`,
  };
}

async function lookup(hostname: string): Promise<string | undefined> {
  try {
    return (await dns.promises.lookup(hostname.replace(/^\[|\]$/g, ''))).address;
  } catch {
    return undefined;
  }
}

function skippedCertificate(): GrantCheckItem {
  return { id: 'callback_certificate', ok: null, detail: 'No certificate to check without https.' };
}

/** A TLS handshake with RateBridge's own public address, trusting what WordPress's bundle trusts. */
function certificateCheck(deps: GrantPreconditionDeps, callback: URL): Promise<GrantCheckItem> {
  const ca = deps.callbackCa === undefined ? undefined : [...tls.rootCertificates, deps.callbackCa];
  return new Promise((resolve) => {
    const answer = (ok: boolean | null, detail: string) => {
      socket.destroy();
      resolve({ id: 'callback_certificate', ok, detail });
    };
    const socket = tls.connect({
      host: callback.hostname,
      port: Number(callback.port || 443),
      servername: callback.hostname,
      ...(ca ? { ca } : {}),
      timeout: PROBE_TIMEOUT_MS,
    });
    socket.once('secureConnect', () =>
      socket.authorized
        ? answer(true, `The certificate of ${callback.host} is one WordPress trusts.`)
        : answer(false, untrusted(callback, String(socket.authorizationError))),
    );
    socket.once('error', (error: NodeJS.ErrnoException) =>
      answer(
        /CERT|SSL|TLS|SELF_SIGNED/i.test(error.code ?? '') ? false : null,
        untrusted(callback, error.code ?? 'no answer'),
      ),
    );
    socket.once('timeout', () =>
      answer(null, `RateBridge could not reach its own address ${callback.host} to check its certificate.`),
    );
  });
}

const untrusted = (callback: URL, why: string) =>
  `The certificate of ${callback.host} is not one WordPress trusts (${why}): WooCommerce would refuse to deliver the keys. Use a certificate from a public authority, or connect with pasted keys.`;

/** GET <store>/wp-json/: WordPress's REST index lists `wc/v3` when WooCommerce is active and permalinks are pretty. */
async function restCheck(agents: StoreAgents, storeUrl: string): Promise<GrantCheckItem> {
  const answer = await fetchIndex(agents, `${storeUrl}/wp-json/`);
  const item = (ok: boolean | null, detail: string): GrantCheckItem => ({ id: 'store_rest', ok, detail });
  if (answer.status === 0) return item(null, `The store did not answer at ${storeUrl}; check the address.`);
  if (answer.status >= 300 && answer.status < 400)
    return item(
      false,
      `The store redirects to ${answer.location ?? 'another address'}: use the address it redirects to.`,
    );
  if (answer.status === 200 && answer.namespaces.includes('wc/v3'))
    return item(true, "WooCommerce's REST API answers (pretty permalinks are on).");
  if (answer.status === 200)
    return item(
      false,
      "WordPress answers but WooCommerce's REST API does not: check that WooCommerce is active.",
    );
  return item(
    false,
    'The store has no REST API at /wp-json/: turn on pretty permalinks (Settings → Permalinks, anything but "Plain"); the key grant and the REST API need them.',
  );
}

async function fetchIndex(
  agents: StoreAgents,
  url: string,
): Promise<{ status: number; namespaces: string[]; location?: string }> {
  const answer = await readBounded(agents, new URL(url), {
    signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
    maxBytes: 1024 * 1024,
  });
  return {
    status: answer.status,
    namespaces: namespacesOf(answer.text),
    ...(answer.location ? { location: answer.location.split('?')[0] } : {}),
  };
}

function namespacesOf(text: string): string[] {
  try {
    const parsed = JSON.parse(text) as { namespaces?: unknown };
    return Array.isArray(parsed.namespaces)
      ? parsed.namespaces.filter((n): n is string => typeof n === 'string')
      : [];
  } catch {
    return [];
  }
}
