/**
 * The bridge's public routes, mounted at `/woocommerce` before any JSON parser (three of them verify
 * signatures over the exact bytes received, so they read the raw body themselves):
 *
 *   GET  /connect, POST /auth-callback, GET /connected   WooCommerce's key grant (grant-routes.ts)
 *   /one-click…                 the plugin's one-click connect (one-click-routes.ts)
 *   POST /rates                 the plugin's signed rate request -> {"rates": [...]}: a router of its own
 *                               (woocommerceRatesRouter), which the server mounts before everything else
 *   POST /checkout-questions    the plugin's signed request for the delivery questions its checkout asks
 *                               (checkout-questions.ts) -> {"questions": [...], "ttl_seconds"}
 *   POST /admin-link            the plugin's signed request for a one-time admin sign-in link
 *   POST /webhook-setup         the plugin's signed offer to register the product webhooks itself (read-only
 *                               keys): carries the secret it generated; answers where to deliver
 *   POST /webhooks/:id          product webhooks, signed by WooCommerce with the store's webhook secret
 *
 * Every refusal is a coded 4xx (`{"error": {"code", "message"}}`, rendered by core's error handler).
 */
import express, { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import {
  RateBridgeError,
  parseWith,
  rbError,
  rememberSecret,
  runAsCheckout,
  writeCheckoutAnswer,
  type Core,
} from '../core/index.js';
import { checkoutQuestions, onlyAsked } from './checkout-questions.js';
import { grantRoutes } from './grant-routes.js';
import { adminLinkRole } from './key-makers/admin-link-role.js';
import { oneClickRoutes } from './one-click-routes.js';
import {
  authenticatePluginRequest,
  KEY_HEADER,
  SIGNATURE_HEADER,
  type PluginCaller,
} from './plugin-request.js';
import { parsePluginRatesBody, toQuoteRequest } from './rates-request.js';
import { toWooRates } from './rates-response.js';
import type { WooCommerceBridge } from './woocommerce-bridge.js';

/** A cart of 500 lines is well under this. */
export const PLUGIN_BODY_LIMIT = '256kb';
/** Product payloads carry descriptions and images; WooCommerce sends them whole. */
export const WEBHOOK_BODY_LIMIT = '2mb';

// request_id: the plugin's per-request nonce, so two identical requests in one second sign differently.
const adminLinkBody = z.strictObject({
  action: z.literal('admin_login'),
  request_id: z
    .string()
    .regex(/^[0-9a-f]{16}$/)
    .optional(),
});

const checkoutQuestionsBody = z.strictObject({
  action: z.literal('checkout_questions'),
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

const pluginBody = () => express.raw({ type: 'application/json', limit: PLUGIN_BODY_LIMIT });

/**
 * POST /rates alone, mounted at `/woocommerce` in front of every other route (server.ts): each layer before a
 * route is matched against every request that reaches it, and checkouts are most of what arrives.
 */
export function woocommerceRatesRouter(core: Core, bridge: WooCommerceBridge): Router {
  const router = Router();
  const rates = answerRates(core, bridge, pluginAuthenticator(core, bridge));
  router.post('/rates', pluginBody(), (request, response) => runAsCheckout(() => rates(request, response)));
  return router;
}

/** Every other public route of the bridge (mount woocommerceRatesRouter beside it for /rates). */
export function woocommercePublicRouter(core: Core, bridge: WooCommerceBridge): Router {
  const router = Router();
  const plugin = pluginBody();
  const webhookBody = express.raw({
    type: ['application/json', 'application/x-www-form-urlencoded'],
    limit: WEBHOOK_BODY_LIMIT,
  });

  const authenticate = pluginAuthenticator(core, bridge);

  router.use(grantRoutes(core, bridge));
  router.use(oneClickRoutes(core, bridge));

  // A POST, not a GET: the signature covers the body, and its request_id keeps two asks in a second apart.
  router.post('/checkout-questions', plugin, (request, response) =>
    runAsCheckout(async () => {
      const caller = await authenticate(request);
      parseWith(checkoutQuestionsBody, jsonOf(request));
      const settings = await core.quoteSettings.get(caller.tenant);
      response.setHeader('Cache-Control', 'no-store');
      response.json(checkoutQuestions(settings));
    }),
  );

  router.post('/admin-link', plugin, async (request, response) => {
    const caller = await authenticate(request);
    parseWith(adminLinkBody, jsonOf(request));
    // Never more than the key's maker may do now: a key outlives its maker's role (admin-link-role.ts).
    const role = await adminLinkRole(bridge, caller);
    response.setHeader('Cache-Control', 'no-store');
    response.json({
      url: core.sessions.loginLink(caller.tenant, 'woocommerce-admin', { frontEnd: 'woocommerce', role }),
    });
  });

  router.post('/webhook-setup', plugin, async (request, response) => {
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

  return router;
}

/** Who signed a plugin request: the connector key's tenant, or a coded 401. */
function pluginAuthenticator(core: Core, bridge: WooCommerceBridge) {
  return (request: Request): Promise<PluginCaller> =>
    authenticatePluginRequest(
      { keys: bridge.keys, store: core.store },
      {
        keyId: header(request, KEY_HEADER),
        signature: header(request, SIGNATURE_HEADER),
        rawBody: rawBody(request),
      },
    );
}

/** POST /rates: the plugin's signed cart, quoted within the plugin's own deadline. */
function answerRates(
  core: Core,
  bridge: WooCommerceBridge,
  authenticate: (request: Request) => Promise<PluginCaller>,
) {
  return async (request: Request, response: Response): Promise<void> => {
    const caller = await authenticate(request);
    const body = parsePluginRatesBody(requireRawBody(request));
    const [connection, settings] = await Promise.all([
      bridge.connections.get(caller.tenant),
      // Unreadable settings forward no answers: core then quotes on what it can read of the merchant's.
      core.quoteSettings.get(caller.tenant).catch(() => undefined),
    ]);
    const parsed = toQuoteRequest(body, connection?.units ?? undefined);
    const { delivery: answered, ...rest } = parsed;
    const delivery = settings === undefined ? undefined : onlyAsked(answered, settings);
    const quoteRequest = delivery === undefined ? rest : { ...rest, delivery };
    // The plugin reads the store's units live: different ones mean the store switched them.
    void bridge.tasks.run('woocommerce-units', (signal) =>
      bridge.link.noticeUnits(caller.tenant, body.units, connection?.units, signal),
    );
    const deadlineMs = deadlineForPlugin(
      request.get('x-ratebridge-timeout-ms'),
      core.config.quote.deadlineMs,
    );
    const outcome = await core.quotes.quote(caller.tenant, quoteRequest, {
      deadlineMs,
      frontEnd: 'woocommerce',
    });
    response.setHeader('Cache-Control', 'no-store');
    writeCheckoutAnswer(response, toWooRates(outcome));
  };
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
