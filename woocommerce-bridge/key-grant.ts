/**
 * WooCommerce's own key grant (`/wc-auth/v1/authorize`), the way a merchant connects a store in one click:
 *
 *   GET /woocommerce/connect?store_url=…  (signed in) -> a page with one link to
 *       <store>/wc-auth/v1/authorize?app_name=RateBridge&scope=read&user_id=<state>&
 *       return_url=…/woocommerce/connected?state=<state>&callback_url=…
 *   the store admin approves; WooCommerce POSTs {key_id, user_id, consumer_key, consumer_secret,
 *       key_permissions} to callback_url (it needs a 200), then sends the browser to return_url.
 *
 * Only a signed-in merchant can start one, and the state is bound to them: it is sealed (AES-GCM: authentic
 * and opaque) and carries the merchant's tenant, the store URL, an expiry (15 minutes) and a nonce. It is
 * one-time twice over, durably (`claimOnce`: across restarts and instances): one callback, one return. A
 * cookie set when the flow starts binds the return to the browser that started it, and the return waits
 * until the store itself has accepted the keys. Nobody is signed in by a grant: the merchant already is.
 *
 * Scope: `read`. RateBridge only reads (products, variations, the unit settings); a key that can also write
 * orders and products is more than a shipping quote needs, and a merchant should not have to grant it.
 * WooCommerce refuses to create webhooks with a read-only key ("The API key provided does not have write
 * permissions"), so the product webhooks of a granted store are registered by the RateBridge plugin inside
 * WordPress (store-setup.ts, `acceptPluginWebhooks`); a read_write key pasted by hand still has them
 * registered over the REST API.
 *
 * One-click connect from the plugin (one-click-routes.ts) starts a grant with `then`, a path of ours sealed
 * into the state: once connected, the return page leads there (its finish step) instead of the admin.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Core } from '../core/index.js';
import type { KeyCreator } from '../core/wire/admin-api-types.js';
import { keyCreatorSchema } from '../core/wire/woocommerce-schema.js';
import { parseStoreUrl, type StoreAddress } from './store-url.js';

export const GRANT_APP_NAME = 'RateBridge';
export const GRANT_SCOPE = 'read';
export const GRANT_COOKIE = 'rb_woo_grant';
const GRANT_TTL_MS = 15 * 60_000;
const STATE_OWNER = 'woocommerce-grant-state';

// h: where the return page leads once connected (one-click connect); a path on our own origin.
const claimsSchema = z.object({
  n: z.string().min(16),
  t: z.string(),
  u: z.string(),
  e: z.number(),
  h: z.string().startsWith('/').optional(),
  // b: who started it (actor, address), for the store's trail when the keys arrive; sealed, so never shown.
  b: keyCreatorSchema.optional(),
});

export interface GrantClaims {
  readonly nonce: string;
  /** The RateBridge tenant of the merchant who started the grant: the keys are stored there. */
  readonly tenant: string;
  readonly address: StoreAddress;
  readonly expiresAt: number;
  /** Where the return page sends the merchant once connected, instead of the admin (a path of ours). */
  readonly then?: string;
  /** Who started the grant (absent on states sealed before it was kept). */
  readonly by?: KeyCreator;
}

/** Recorded from the callback on. */
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

    /** A new grant by `tenant` for `address`: its sealed state and the store URL to send the merchant to. */
    begin(
      tenant: string,
      address: StoreAddress,
      then?: string,
      by?: KeyCreator,
    ): { state: string; nonce: string; authorizeUrl: string } {
      const nonce = randomBytes(16).toString('base64url');
      const state = sealer.seal(
        JSON.stringify({ n: nonce, t: tenant, u: address.url, e: now() + GRANT_TTL_MS, h: then, b: by }),
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
      if (!address || claims.e < now()) return undefined;
      return {
        nonce: claims.n,
        tenant: claims.t,
        address,
        expiresAt: claims.e,
        ...(claims.h === undefined ? {} : { then: claims.h }),
        ...(claims.b === undefined ? {} : { by: claims.b }),
      };
    },

    /** True the first time only, even after a restart: each state delivers keys once and returns once. */
    async useOnce(nonce: string, purpose: 'callback' | 'return'): Promise<boolean> {
      return store.claimOnce(`woo-grant-used:${purpose}:${nonce}`, GRANT_TTL_MS);
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
