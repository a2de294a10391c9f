/**
 * The key grant's three routes (key-grant.ts has the flow), mounted at `/woocommerce`:
 *
 *   GET  /connect?store_url=…   signed-in merchants only: a page with one link to the store's authorize page
 *   POST /auth-callback         WooCommerce delivers the keys (JSON); 200 at once, checked afterwards
 *   GET  /connected?state=…     the grant's return page: waits for the store's verdict, then the admin
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { parseCookie, stringifySetCookie } from 'cookie';
import { Router, type Response } from 'express';
import { z } from 'zod';
import {
  RateBridgeError,
  constantTimeEqual,
  jsonBody,
  parseWith,
  rbError,
  rememberSecret,
  type Core,
} from '../core/index.js';
import { connectPage } from './connect-page.js';
import { GRANT_COOKIE, type GrantProgress } from './key-grant.js';
import { isStoreTenant, parseStoreUrl, type StoreAddress } from './store-url.js';
import type { WooCommerceBridge } from './woocommerce-bridge.js';

const connectQuery = z.object({ store_url: z.string().max(2048, 'is too long') });
const connectedQuery = z.object({
  state: z.string().min(1).max(4096),
  success: z.string().optional(),
  user_id: z.string().optional(),
});
/** WooCommerce's keys: `ck_`/`cs_` and a hash. Extra fields are ignored (newer WooCommerce versions). */
const grantCallbackBody = z.object({
  key_id: z.union([z.number().int(), z.string().regex(/^\d{1,20}$/)]).transform(Number),
  user_id: z.union([z.string(), z.number()]).transform(String),
  consumer_key: z.string().regex(/^ck_[A-Za-z0-9_-]{8,128}$/, 'is not a WooCommerce consumer key'),
  consumer_secret: z.string().regex(/^cs_[A-Za-z0-9_-]{8,128}$/, 'is not a WooCommerce consumer secret'),
  key_permissions: z.string().max(32),
});

/** WordPress's wp_safe_remote_post, which WooCommerce uses for the callback, only calls these ports. */
const CALLBACK_PORTS = new Set(['', '80', '443', '8080']);

export function grantRoutes(core: Core, bridge: WooCommerceBridge): Router {
  const router = Router();
  const { config } = core;
  const secureCookie = config.publicUrl.startsWith('https:');

  const grantCookie = (response: Response, value: string, maxAgeMs: number) =>
    response.setHeader(
      'Set-Cookie',
      stringifySetCookie({
        name: GRANT_COOKIE,
        value,
        httpOnly: true,
        secure: secureCookie,
        // Lax: the cookie must come back on the top-level navigation from the store to return_url.
        sameSite: 'lax',
        path: '/woocommerce',
        maxAge: maxAgeMs / 1000,
      }),
    );

  router.get('/connect', async (request, response) => {
    const tenant = await core.sessions.currentTenant(request.headers);
    if (tenant === undefined) throw rbError('RB_ERR_UNAUTHENTICATED');
    const address = await grantableAddress(tenant, parseWith(connectQuery, request.query).store_url);
    if (config.env === 'production' && !secureCookie) {
      // WooCommerce delivers keys only to an https callback; config already requires https in production.
      throw rbError('RB_ERR_INTERNAL');
    }
    const { nonce, authorizeUrl } = bridge.grant.begin(tenant, address);
    grantCookie(response, nonce, bridge.grant.ttlMs);
    response.setHeader('Cache-Control', 'no-store');
    response
      .status(200)
      .type('html')
      .send(
        connectPage({
          storeUrl: address.url,
          authorizeUrl,
          ...callbackWarning(config.publicUrl),
        }),
      );
  });

  router.post('/auth-callback', jsonBody('16kb'), async (request, response) => {
    const body = parseWith(grantCallbackBody, request.body);
    rememberSecret(body.consumer_key);
    rememberSecret(body.consumer_secret);
    const claims = bridge.grant.open(body.user_id);
    if (!claims) {
      throw new RateBridgeError(
        'RB_ERR_SIGNATURE_INVALID',
        'This connection request is invalid or has expired. Start connecting again from RateBridge.',
      );
    }
    if (!(await bridge.grant.useOnce(claims.nonce, 'callback'))) throw rbError('RB_ERR_SIGNATURE_REPLAYED');
    const { tenant, address } = claims;
    const pending = await bridge.setup.receiveGrantedKeys(tenant, address, {
      consumerKey: body.consumer_key,
      consumerSecret: body.consumer_secret,
      wcKeyId: body.key_id,
      permissions: body.key_permissions,
    });
    await bridge.grant.setProgress(claims.nonce, { stage: 'verifying' });
    // WooCommerce waits for this answer before it sends the merchant on: answer first, check after.
    response.status(200).json({});
    void bridge.tasks.run('woocommerce-grant-check', async (signal) => {
      const outcome = await bridge.setup.verifyPending(tenant, pending, signal);
      await bridge.grant.setProgress(
        claims.nonce,
        outcome.ok ? { stage: 'connected' } : { stage: 'failed', detail: outcome.detail },
      );
    });
  });

  router.get('/connected', async (request, response) => {
    const query = parseWith(connectedQuery, request.query);
    const claims = bridge.grant.open(query.state);
    if (!claims) throw rbError('RB_ERR_LOGIN_LINK_INVALID');
    const cookie = parseCookie(request.headers.cookie ?? '')[GRANT_COOKIE];
    if (!cookie || !constantTimeEqual(cookie, claims.nonce)) {
      // The approval came back in another browser than the one that started it: spend the return, so the
      // starting browser cannot learn the outcome of an approval someone else made.
      await bridge.grant.useOnce(claims.nonce, 'return');
      throw new RateBridgeError(
        'RB_ERR_FORBIDDEN',
        'Finish connecting in the browser you started in, or start connecting again from RateBridge.',
      );
    }
    if (query.success === '0') {
      throw new RateBridgeError(
        'RB_ERR_FORBIDDEN',
        'The connection was not approved in WooCommerce. Start again and choose "Approve".',
      );
    }
    const progress = await verdict(claims.nonce, bridge.connectedWaitMs);
    if (progress?.stage === 'connected') {
      if (!(await bridge.grant.useOnce(claims.nonce, 'return'))) throw rbError('RB_ERR_LOGIN_LINK_INVALID');
      grantCookie(response, '', 0);
      response.setHeader('Cache-Control', 'no-store');
      // The merchant started signed in; the admin picks their session up again from its own page.
      response.redirect(303, '/admin/');
      return;
    }
    if (progress?.stage === 'failed') throw rbError('RB_ERR_TOKEN_REJECTED', progress.detail);
    if (progress === undefined) throw rbError('RB_ERR_LOGIN_LINK_INVALID');
    throw new RateBridgeError(
      'RB_ERR_CONFLICT',
      'RateBridge is still checking the new keys with your store. Reload this page in a few seconds.',
    );
  });

  /** The store `tenant` may connect: a real store address, theirs, that the SSRF guard lets us call. */
  async function grantableAddress(tenant: string, input: string): Promise<StoreAddress> {
    const address = parseStoreUrl(input);
    if (!address) {
      throw new RateBridgeError(
        'RB_ERR_VALIDATION',
        'Enter your store address, e.g. https://shop.example.com.',
        [{ path: 'store_url', message: 'is not a store address' }],
      );
    }
    // A WooCommerce merchant's admin belongs to one store; other tenants (the demo store) may connect any.
    if (isStoreTenant(tenant) && address.tenant !== tenant) {
      throw new RateBridgeError(
        'RB_ERR_FORBIDDEN',
        'This RateBridge admin belongs to another store. Sign in from that store to connect it.',
      );
    }
    if (!(await bridge.storeHostAllowed(new URL(address.url).hostname))) {
      throw new RateBridgeError(
        'RB_ERR_VALIDATION',
        'RateBridge connects only to stores on a public address.',
        [{ path: 'store_url', message: 'is not a public address' }],
      );
    }
    return address;
  }

  /** Polls the grant's progress until the store has answered or `waitMs` passed. */
  async function verdict(nonce: string, waitMs: number): Promise<GrantProgress | undefined> {
    const until = Date.now() + waitMs;
    for (;;) {
      const progress = await bridge.grant.progress(nonce);
      const settled = progress === undefined || progress.stage === 'connected' || progress.stage === 'failed';
      if (settled || Date.now() >= until) return progress;
      await sleep(100);
    }
  }

  return router;
}

/** WooCommerce cannot post the keys back to a PUBLIC_URL on another port: say so before the merchant goes. */
function callbackWarning(publicUrl: string): { callbackWarning?: string } {
  const url = new URL(publicUrl);
  if (CALLBACK_PORTS.has(url.port)) return {};
  return {
    callbackWarning: `WooCommerce will not deliver the keys to RateBridge at ${url.origin}: WordPress only calls ports 80, 443 and 8080, and https needs a certificate its bundle trusts. Connect with pasted keys instead, or serve RateBridge on one of those ports.`,
  };
}
