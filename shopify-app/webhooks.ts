/**
 * Shopify's webhooks, subscribed in shopify.app.toml and delivered to POST /shopify/webhooks:
 *
 *   app/uninstalled          the shop removed the app: its tokens are dead; erase the shop
 *   shop/redact              48 hours after uninstall (GDPR): erase everything of the shop
 *   customers/data_request   a customer asked for their data: we hold none, so acknowledge and log
 *   customers/redact         a customer asked to be erased: we hold nothing personal, so acknowledge and log
 *
 * Each delivery is verified before anything else: `X-Shopify-Hmac-Sha256` must be the base64 HMAC-SHA256 of
 * the exact bytes received, keyed with the app's client secret (compared in constant time), so the route
 * parses the raw body itself and must be registered before any JSON parser. A bad or missing HMAC is 401.
 *
 * Erasing a shop deletes its tenant: sessions (sealed tokens), connections, carrier service record,
 * callback key, settings and logs all live under it. `onShopErased` removes what lives elsewhere (global
 * lookup documents). An erasing event older than the shop's current offline session is ignored: the shop
 * re-installed after it was sent, and the new install must not be wiped by a late or replayed delivery.
 */
import express, { Router, type Request } from 'express';
import { z } from 'zod';
import { asTenantId, rbError, verifyBase64Hmac, type Core, type Logger } from '../core/index.js';
import { createSessionStorage, offlineSessionId, type ShopifySessionStorage } from './session-storage.js';
import type { ShopifySettings } from './shopify-config.js';
import { parseShopDomain, type ShopDomain } from './shop-domain.js';

export const SHOPIFY_WEBHOOKS_PATH = '/shopify/webhooks';
export const WEBHOOK_BODY_LIMIT = '1mb';

export const WEBHOOK_TOPICS = {
  appUninstalled: 'app/uninstalled',
  shopRedact: 'shop/redact',
  customersDataRequest: 'customers/data_request',
  customersRedact: 'customers/redact',
} as const;

/** Clock skew allowed between Shopify's `X-Shopify-Triggered-At` and our session timestamps. */
const STALE_EVENT_MARGIN_MS = 5_000;

export interface ShopifyWebhookOptions {
  /** Default: sessions on core's store, as createShopifyApp builds them. */
  readonly storage?: ShopifySessionStorage;
  /** Removes records of the shop kept outside its tenant (global lookups). Must be idempotent. */
  readonly onShopErased?: (shop: ShopDomain) => Promise<void>;
}

/** Whether `hmac` (the header's value) signs `rawBody` with `secret`. */
/** Shopify's webhook HMAC: core's base64 HMAC-SHA256 check (WooCommerce uses the same scheme). */
export const verifyWebhookHmac = verifyBase64Hmac;

// Shopify names the shop in the body as well; when it does, it must be the shop of the header.
const shopNamedInBody = z.looseObject({
  shop_domain: z.string().optional(),
  myshopify_domain: z.string().optional(),
});
const dataRequestBody = z.looseObject({ data_request: z.looseObject({ id: z.number() }).optional() });

export function shopifyWebhooksRouter(
  core: Pick<Core, 'store' | 'sealer' | 'logger'>,
  settings: Pick<ShopifySettings, 'apiSecret'>,
  options: ShopifyWebhookOptions = {},
): Router {
  const router = Router();
  const storage =
    options.storage ?? createSessionStorage({ store: core.store, sealer: core.sealer, logger: core.logger });
  const erase = { store: core.store, storage, onShopErased: options.onShopErased };

  router.post(
    SHOPIFY_WEBHOOKS_PATH,
    express.raw({ type: 'application/json', limit: WEBHOOK_BODY_LIMIT }),
    async (request, response) => {
      const log = ((request as { log?: Logger }).log ?? core.logger).child({ webhook: 'shopify' });
      const delivery = readDelivery(request, settings.apiSecret, log);
      const { topic, shop, body, triggeredAt } = delivery;
      const webhookLog = log.child({ topic, shop, webhookId: header(request, 'webhook-id') });

      switch (topic) {
        case WEBHOOK_TOPICS.appUninstalled:
        case WEBHOOK_TOPICS.shopRedact:
          await eraseShop(erase, shop, triggeredAt, webhookLog);
          break;
        case WEBHOOK_TOPICS.customersDataRequest: {
          const dataRequest = dataRequestBody.safeParse(body);
          webhookLog.info(
            { dataRequestId: dataRequest.success ? dataRequest.data.data_request?.id : undefined },
            'customer data request: RateBridge holds no customer data for this shop',
          );
          break;
        }
        case WEBHOOK_TOPICS.customersRedact:
          webhookLog.info('customer redact request: RateBridge holds no customer data to erase');
          break;
        default:
          // Acknowledged so Shopify does not retry a topic we will never handle.
          webhookLog.warn('unhandled Shopify webhook topic acknowledged');
      }
      response.status(200).end();
    },
  );
  return router;
}

/** A delivery checked: signed with our secret, naming its topic and one shop; its body parsed. */
function readDelivery(
  request: Request,
  apiSecret: string,
  log: Logger,
): { topic: string; shop: ShopDomain; body: unknown; triggeredAt: number | undefined } {
  if (!Buffer.isBuffer(request.body)) throw rbError('RB_ERR_UNSUPPORTED_MEDIA_TYPE');
  const rawBody = request.body;

  const hmac = header(request, 'hmac-sha256');
  if (hmac === undefined) throw rbError('RB_ERR_SIGNATURE_MISSING');
  if (!verifyWebhookHmac(rawBody, hmac, apiSecret)) {
    log.warn('Shopify webhook with a bad HMAC refused');
    throw rbError('RB_ERR_SIGNATURE_INVALID');
  }

  const topic = header(request, 'topic');
  const shop = parseShopDomain(header(request, 'shop-domain'));
  if (topic === undefined) throw rbError('RB_ERR_VALIDATION', 'X-Shopify-Topic is missing');
  if (shop === undefined) throw rbError('RB_ERR_VALIDATION', 'X-Shopify-Shop-Domain is not a shop domain');
  let body: unknown;
  try {
    body = JSON.parse(rawBody.toString('utf8'));
  } catch {
    throw rbError('RB_ERR_BAD_JSON');
  }
  const named = shopNamedInBody.safeParse(body);
  const bodyShop = named.success ? (named.data.shop_domain ?? named.data.myshopify_domain) : undefined;
  if (bodyShop !== undefined && bodyShop !== shop) {
    throw rbError('RB_ERR_VALIDATION', 'the shop in the body is not the shop in X-Shopify-Shop-Domain');
  }
  const triggeredText = header(request, 'triggered-at');
  const triggered = triggeredText === undefined ? Number.NaN : Date.parse(triggeredText);
  return { topic, shop, body, triggeredAt: Number.isFinite(triggered) ? triggered : undefined };
}

/** Uninstall or shop redact: the shop's tenant goes, unless the event is older than the current install. */
async function eraseShop(
  deps: Pick<Core, 'store'> &
    Pick<ShopifyWebhookOptions, 'onShopErased'> & { storage: ShopifySessionStorage },
  shop: ShopDomain,
  triggeredAt: number | undefined,
  log: Logger,
): Promise<void> {
  const savedAt = await deps.storage.savedAt(offlineSessionId(shop));
  if (triggeredAt !== undefined && savedAt !== undefined && savedAt > triggeredAt + STALE_EVENT_MARGIN_MS) {
    log.warn({ shop }, 'erasing webhook older than the current install: ignored');
    return;
  }
  // Sessions live under the tenant, so this removes the shop's tokens with everything else.
  await deps.store.deleteTenant(asTenantId(shop));
  await deps.onShopErased?.(shop);
  log.info({ shop }, 'shop erased');
}

/** Shopify's webhook headers: `X-Shopify-<name>`, or `shopify-<name>` on newer event deliveries. */
function header(request: Request, name: string): string | undefined {
  const value = request.headers[`x-shopify-${name}`] ?? request.headers[`shopify-${name}`];
  const text = Array.isArray(value) ? value[0] : value;
  return text === undefined || text === '' ? undefined : text;
}
