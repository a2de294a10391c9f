/**
 * The bridge's public routes, mounted at `/woocommerce` before any JSON parser (three of them verify
 * signatures over the exact bytes received, so they read the raw body themselves):
 *
 *   GET  /connect?store_url=…   starts WooCommerce's key grant (key-grant.ts)
 *   POST /auth-callback         WooCommerce delivers the keys (JSON); 200 at once, checked afterwards
 *   GET  /connected?state=…     the grant's return page: signs the merchant in to the admin, once
 *   POST /rates                 the plugin's signed rate request -> {"rates": [...]}
 *   POST /admin-link            the plugin's signed request for a one-time admin sign-in link
 *   POST /webhook-setup         the plugin's signed offer to register the product webhooks itself (read-only
 *                               keys): carries the secret it generated; answers where to deliver
 *   POST /webhooks/:id          product webhooks, signed by WooCommerce with the store's webhook secret
 *
 * Every refusal is a coded 4xx (`{"error": {"code", "message"}}`, rendered by core's error handler).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { parseCookie, stringifySetCookie } from 'cookie';
import express, { Router, type Request } from 'express';
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
import { GRANT_COOKIE, type GrantProgress } from './key-grant.js';
import {
  authenticatePluginRequest,
  KEY_HEADER,
  SIGNATURE_HEADER,
  type PluginCaller,
} from './plugin-request.js';
import { parsePluginRatesBody, toQuoteRequest } from './rates-request.js';
import { toWooRates } from './rates-response.js';
import { parseStoreUrl } from './store-url.js';
import type { WooCommerceBridge } from './woocommerce-bridge.js';

/** A cart of 500 lines is well under this. */
export const PLUGIN_BODY_LIMIT = '256kb';
/** Product payloads carry descriptions and images; WooCommerce sends them whole. */
export const WEBHOOK_BODY_LIMIT = '2mb';

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
// request_id: the plugin's per-request nonce, so two identical requests in one second sign differently.
const adminLinkBody = z.strictObject({
  action: z.literal('admin_login'),
  request_id: z
    .string()
    .regex(/^[0-9a-f]{16}$/)
    .optional(),
});

// The secret the plugin generated for the webhooks it registers: it only ever travels towards us.
const webhookSetupBody = z.strictObject({
  action: z.literal('register_webhooks'),
  secret: z.string().regex(/^[A-Za-z0-9_-]{32,128}$/, 'must be 32 to 128 letters, digits, - or _'),
  request_id: z
    .string()
    .regex(/^[0-9a-f]{16}$/)
    .optional(),
});

/**
 * The plugin says how long it will wait (X-RateBridge-Timeout-Ms, 1000–5000): answer (with fallback rates if
 * need be) a little before it gives up, and never later than our own deadline.
 */
export function deadlineForPlugin(header: string | undefined, ourDeadlineMs: number): number {
  const budget = Number(header);
  if (!Number.isInteger(budget) || budget < 1000) return ourDeadlineMs;
  return Math.max(500, Math.min(ourDeadlineMs, budget - 400));
}

export function woocommercePublicRouter(core: Core, bridge: WooCommerceBridge): Router {
  const router = Router();
  const { config, store } = core;
  const secureCookie = config.publicUrl.startsWith('https:');
  const pluginBody = express.raw({ type: 'application/json', limit: PLUGIN_BODY_LIMIT });
  const webhookBody = express.raw({
    type: ['application/json', 'application/x-www-form-urlencoded'],
    limit: WEBHOOK_BODY_LIMIT,
  });

  const authenticate = (request: Request): Promise<PluginCaller> =>
    authenticatePluginRequest(
      { keys: bridge.keys, store },
      {
        keyId: header(request, KEY_HEADER),
        signature: header(request, SIGNATURE_HEADER),
        rawBody: rawBody(request),
      },
    );

  router.get('/connect', async (request, response) => {
    const query = parseWith(connectQuery, request.query);
    const address = parseStoreUrl(query.store_url);
    if (!address) {
      throw new RateBridgeError(
        'RB_ERR_VALIDATION',
        'Enter your store address, e.g. https://shop.example.com.',
        [{ path: 'store_url', message: 'is not a store address' }],
      );
    }
    if (config.env === 'production' && !config.publicUrl.startsWith('https:')) {
      // WooCommerce delivers keys only to an https callback; config already requires https in production.
      throw rbError('RB_ERR_INTERNAL');
    }
    const { nonce, authorizeUrl } = bridge.grant.begin(address);
    response.setHeader(
      'Set-Cookie',
      stringifySetCookie({
        name: GRANT_COOKIE,
        value: nonce,
        httpOnly: true,
        secure: secureCookie,
        // Lax: the cookie must come back on the top-level navigation from the store to return_url.
        sameSite: 'lax',
        path: '/woocommerce',
        maxAge: bridge.grant.ttlMs / 1000,
      }),
    );
    response.setHeader('Cache-Control', 'no-store');
    response.redirect(302, authorizeUrl);
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
    const tenant = claims.address.tenant;
    const pending = await bridge.setup.receiveGrantedKeys(tenant, claims.address, {
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
      // The approval came back in another browser than the one that started it: spend the sign-in, so the
      // starting browser cannot collect a session for a store someone else approved.
      await bridge.grant.useOnce(claims.nonce, 'sign-in');
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
      if (!(await bridge.grant.useOnce(claims.nonce, 'sign-in'))) throw rbError('RB_ERR_LOGIN_LINK_INVALID');
      response.setHeader(
        'Set-Cookie',
        stringifySetCookie({
          name: GRANT_COOKIE,
          value: '',
          httpOnly: true,
          secure: secureCookie,
          sameSite: 'lax',
          path: '/woocommerce',
          maxAge: 0,
        }),
      );
      response.setHeader('Cache-Control', 'no-store');
      response.redirect(303, core.sessions.loginLink(claims.address.tenant, 'woocommerce-merchant'));
      return;
    }
    if (progress?.stage === 'failed') throw rbError('RB_ERR_TOKEN_REJECTED', progress.detail);
    if (progress === undefined) throw rbError('RB_ERR_LOGIN_LINK_INVALID');
    throw new RateBridgeError(
      'RB_ERR_CONFLICT',
      'RateBridge is still checking the new keys with your store. Reload this page in a few seconds.',
    );
  });

  router.post('/rates', pluginBody, async (request, response) => {
    const caller = await authenticate(request);
    const body = parsePluginRatesBody(requireRawBody(request));
    const connection = await bridge.connections.get(caller.tenant);
    const quoteRequest = toQuoteRequest(body, connection?.units ?? undefined);
    const deadlineMs = deadlineForPlugin(request.get('x-ratebridge-timeout-ms'), config.quote.deadlineMs);
    const outcome = await core.quotes.quote(caller.tenant, quoteRequest, { deadlineMs });
    response.setHeader('Cache-Control', 'no-store');
    response.json(toWooRates(outcome));
  });

  router.post('/admin-link', pluginBody, async (request, response) => {
    const caller = await authenticate(request);
    parseWith(adminLinkBody, jsonOf(request));
    response.setHeader('Cache-Control', 'no-store');
    response.json({ url: core.sessions.loginLink(caller.tenant, 'woocommerce-admin') });
  });

  router.post('/webhook-setup', pluginBody, async (request, response) => {
    const caller = await authenticate(request);
    const body = parseWith(webhookSetupBody, jsonOf(request));
    rememberSecret(body.secret);
    const accepted = await bridge.setup.acceptPluginWebhooks(caller.tenant, body.secret);
    response.setHeader('Cache-Control', 'no-store');
    response.json(
      accepted.registeredBy === 'ratebridge'
        ? { registered_by: 'ratebridge' }
        : { registered_by: 'plugin', delivery_url: accepted.deliveryUrl, topics: accepted.topics },
    );
  });

  router.post('/webhooks/:id', webhookBody, async (request, response) => {
    const outcome = await bridge.webhooks.handle({
      endpointId: String(request.params.id),
      rawBody: rawBody(request),
      contentType: header(request, 'content-type'),
      signature: header(request, 'x-wc-webhook-signature'),
      topic: header(request, 'x-wc-webhook-topic'),
      deliveryId: header(request, 'x-wc-webhook-delivery-id'),
    });
    response.status(200).json({ received: true, result: outcome.result });
  });

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

function header(request: Request, name: string): string | undefined {
  const value = request.headers[name];
  const text = Array.isArray(value) ? value[0] : value;
  return text === undefined || text === '' ? undefined : text;
}

/** The bytes received; empty when the body was not of a type the route reads. */
function rawBody(request: Request): Buffer {
  return Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
}

/** The signed body, parsed as JSON; a coded 400 when it is not. */
function jsonOf(request: Request): unknown {
  try {
    return JSON.parse(requireRawBody(request).toString('utf8')) as unknown;
  } catch (error) {
    if (error instanceof RateBridgeError) throw error;
    throw rbError('RB_ERR_BAD_JSON');
  }
}

function requireRawBody(request: Request): Buffer {
  if (!Buffer.isBuffer(request.body)) throw rbError('RB_ERR_UNSUPPORTED_MEDIA_TYPE');
  return request.body;
}
