/**
 * WooCommerce's own key grant (`/wc-auth/v1/authorize`), the way a merchant connects a store in one click:
 *
 *   GET /woocommerce/connect?store_url=…  -> 302 to <store>/wc-auth/v1/authorize?app_name=RateBridge&
 *       scope=read&user_id=<state>&return_url=…/woocommerce/connected?state=<state>&callback_url=…
 *   the store admin approves; WooCommerce POSTs {key_id, user_id, consumer_key, consumer_secret,
 *       key_permissions} to callback_url (it needs a 200), then sends the browser to return_url.
 *
 * The state is sealed (AES-GCM: authentic and opaque) and carries the tenant, the store URL, an expiry and a
 * nonce. It is one-time twice over: one callback, one sign-in. A cookie set when the flow starts binds the
 * sign-in to the browser that started it, and the sign-in waits until the store itself has accepted the
 * keys, so a leaked or forged callback never signs anyone in.
 *
 * Scope: `read`. RateBridge only reads (products, variations, the unit settings); a key that can also write
 * orders and products is more than a shipping quote needs, and a merchant should not have to grant it.
 * WooCommerce refuses to create webhooks with a read-only key ("The API key provided does not have write
 * permissions"), so the product webhooks of a granted store are registered by the RateBridge plugin inside
 * WordPress (store-setup.ts, `acceptPluginWebhooks`); a read_write key pasted by hand still has them
 * registered over the REST API.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Core } from '../core/index.js';
import { parseStoreUrl, type StoreAddress } from './store-url.js';

export const GRANT_APP_NAME = 'RateBridge';
export const GRANT_SCOPE = 'read';
export const GRANT_COOKIE = 'rb_woo_grant';
const GRANT_TTL_MS = 60 * 60_000;
const STATE_OWNER = 'woocommerce-grant-state';

const claimsSchema = z.object({ n: z.string().min(16), t: z.string(), u: z.string(), e: z.number() });

export interface GrantClaims {
  readonly nonce: string;
  readonly address: StoreAddress;
  readonly expiresAt: number;
}

/** Recorded from the callback on (nothing is stored for a grant merely begun: /connect is public). */
export type GrantProgress =
  | { readonly stage: 'verifying' }
  | { readonly stage: 'connected' }
  | { readonly stage: 'failed'; readonly detail: string };

const progressSchema = z.discriminatedUnion('stage', [
  z.object({ stage: z.literal('verifying') }),
  z.object({ stage: z.literal('connected') }),
  z.object({ stage: z.literal('failed'), detail: z.string() }),
]);

export function createKeyGrant(core: Pick<Core, 'sealer' | 'store' | 'config'>, now: () => number) {
  const { sealer, store, config } = core;
  const progressKey = (nonce: string) => `woo-grant:${nonce}`;

  return {
    ttlMs: GRANT_TTL_MS,

    /** A new grant for `address`: its sealed state and the store URL to send the merchant to. */
    begin(address: StoreAddress): { state: string; nonce: string; authorizeUrl: string } {
      const nonce = randomBytes(16).toString('base64url');
      const state = sealer.seal(
        JSON.stringify({ n: nonce, t: address.tenant, u: address.url, e: now() + GRANT_TTL_MS }),
        STATE_OWNER,
      );
      const returnUrl = `${config.publicUrl}/woocommerce/connected?state=${encodeURIComponent(state)}`;
      const query = new URLSearchParams({
        app_name: GRANT_APP_NAME,
        scope: GRANT_SCOPE,
        user_id: state,
        return_url: returnUrl,
        callback_url: `${config.publicUrl}/woocommerce/auth-callback`,
      });
      return { state, nonce, authorizeUrl: `${address.url}/wc-auth/v1/authorize?${query.toString()}` };
    },

    /** The claims of a state this app sealed and that has not expired; undefined otherwise. */
    open(state: string): GrantClaims | undefined {
      let claims: z.infer<typeof claimsSchema>;
      try {
        claims = claimsSchema.parse(JSON.parse(sealer.open(state, STATE_OWNER)));
      } catch {
        return undefined;
      }
      const address = parseStoreUrl(claims.u);
      if (!address || address.tenant !== claims.t || claims.e < now()) return undefined;
      return { nonce: claims.n, address, expiresAt: claims.e };
    },

    /** True the first time only: each state delivers keys once and signs in once. */
    async useOnce(nonce: string, purpose: 'callback' | 'sign-in'): Promise<boolean> {
      return store.cacheSetIfAbsent(`woo-grant-used:${purpose}:${nonce}`, 1, GRANT_TTL_MS);
    },

    async progress(nonce: string): Promise<GrantProgress | undefined> {
      const parsed = progressSchema.safeParse(await store.cacheGet(progressKey(nonce)));
      return parsed.success ? parsed.data : undefined;
    },

    async setProgress(nonce: string, progress: GrantProgress): Promise<void> {
      await store.cacheSet(progressKey(nonce), { ...progress }, GRANT_TTL_MS);
    },
  };
}

export type KeyGrant = ReturnType<typeof createKeyGrant>;
