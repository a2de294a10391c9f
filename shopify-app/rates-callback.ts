/**
 * The CarrierService callback: Shopify's checkout POSTs the cart here and shows whatever rates come back.
 *
 *   X-Shopify-Hmac-Sha256 missing       401 RB_ERR_SIGNATURE_MISSING
 *   X-Shopify-Hmac-Sha256 wrong         401 RB_ERR_SIGNATURE_INVALID
 *   unknown key                         404 (nothing of ours lives at that URL)
 *   body over 256 KB / not JSON / bad   413 / 400, coded
 *   otherwise                           200 {"rates": [...]}: live rates, or the merchant's fallback rates
 *                                       when quoting fails; [] only when nothing can ship (no line needs
 *                                       shipping, or the address is outside Australia). With the store
 *                                       down the shop's settings come from this instance's last copy; an
 *                                       instance that never saw the key answers the default fallback table
 *
 * Two locks: the per-shop key in the URL, and Shopify's signature. Shopify signs the callback as it signs
 * webhooks, X-Shopify-Hmac-Sha256 = base64(HMAC-SHA256(raw body, app client secret)); it is checked on the
 * raw bytes, in constant time, before anything else is read.
 *
 * Each rate carries what Shopify's carrier-service reference lists as required (Admin schema,
 * DeliveryCarrierService, "Response fields"): `service_name`, a non-empty `description` (the ETA, or a
 * plain line when there is none), a `service_code` that "must be consistent across requests" (the engine's
 * rate code), `currency` ("the currency of the shipping rate") and `total_price` in that currency's
 * subunits. RateBridge prices in Australian dollars (the freight platforms quote AUD, the merchant's
 * fallback prices are AUD), so every rate says AUD, whatever the shop's currency: the reference lets a rate's
 * currency differ from the request's (its example answers a USD request with a CAD rate), and the price is
 * never relabelled (docs/platforms/shopify.md, "Currency").
 */
import express, { Router } from 'express';
import { z } from 'zod';
import {
  arrivalText,
  COMPANY_MAX_CHARS,
  DEFAULT_QUOTE_SETTINGS,
  fallbackRates,
  isStoreUnavailable,
  parseWith,
  quoteRequestSchema,
  rateWindow,
  rbError,
  runAsCheckout,
  type Core,
  type QuoteRequest,
  type Rate,
  writeCheckoutAnswer,
} from '../core/index.js';
import type { CarrierServiceRegistration } from './carrier-service-registration.js';
import { shopifyDeliveryDate } from './shopify-delivery-date.js';
import { verifyWebhookHmac } from './webhooks.js';

const BODY_LIMIT = '256kb';
/** Shown when a rate has no description and no delivery estimate: Shopify requires one. */
export const NO_ETA_DESCRIPTION = 'Freight delivery; the delivery date is confirmed when the order ships';

const text = z
  .string()
  .nullish()
  .transform((value) => value ?? undefined);
const minorUnits = z
  .union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/)])
  .transform((value) => Math.round(Number(value)));

const rateRequestSchema = z.object({
  rate: z.object({
    destination: z.object({
      country: z.string().min(2).max(2),
      postal_code: text,
      province: text,
      city: text,
      address1: text,
      address2: text,
      /**
       * Read only to derive "business address" (#15): the callback cannot ask the buyer anything. Shopify's
       * DeliveryCarrierService docs say company_name is filled by some ActiveShipping providers only, so for
       * an app's carrier service it is often null: the merchant's assumptions then decide.
       */
      company_name: text,
    }),
    items: z
      .array(
        z.object({
          sku: text,
          quantity: z.number().int().min(1).max(10_000),
          grams: z.number().min(0).nullish(),
          price: minorUnits.nullish(),
          requires_shipping: z.boolean().nullish(),
          variant_id: z.union([z.number(), z.string()]).nullish(),
          product_id: z.union([z.number(), z.string()]).nullish(),
        }),
      )
      .min(1)
      .max(500),
    currency: z.string().length(3),
  }),
});
type RateRequest = z.output<typeof rateRequestSchema>;

export interface ShopifyRate {
  readonly service_name: string;
  readonly service_code: string;
  readonly total_price: string;
  readonly currency: string;
  readonly description: string;
  readonly min_delivery_date?: string;
  readonly max_delivery_date?: string;
}

export function toQuoteRequest(payload: RateRequest): QuoteRequest {
  const { destination, items, currency } = payload.rate;
  // Through core's own schema too: the same bounds on SKUs, weights and prices as every other front end.
  return parseWith(quoteRequestSchema, {
    destination: {
      country: destination.country.toUpperCase(),
      postcode: destination.postal_code ?? '',
      ...(destination.province ? { state: destination.province.toUpperCase() } : {}),
      ...(destination.city ? { suburb: destination.city } : {}),
      // Only its presence is read (a business address): a longer one is cut, never a reason to refuse the
      // quote (a schema failure here is no rates at all, not even the fallback).
      ...(destination.company_name?.trim()
        ? { company: destination.company_name.trim().slice(0, COMPANY_MAX_CHARS) }
        : {}),
    },
    currency: currency.toUpperCase(),
    lines: items.map((item) => ({
      ...(item.sku ? { sku: item.sku } : {}),
      ...(item.variant_id === null || item.variant_id === undefined
        ? {}
        : { variantId: String(item.variant_id) }),
      quantity: item.quantity,
      ...(item.grams === null || item.grams === undefined ? {} : { grams: item.grams }),
      priceCents: Math.max(0, item.price ?? 0),
      requiresShipping: item.requires_shipping ?? true,
    })),
  });
}

/**
 * A rate in Shopify's answer format; the price stays in the currency it was quoted in. The delivery dates
 * are the engine's (the location's despatch settings and both states' holidays: docs/delivery-dates.md);
 * a rate with business days only (a fallback rate) counts them from today.
 */
export function toShopifyRate(rate: Rate, now: Date, destinationState?: string): ShopifyRate {
  const window = rateWindow(rate, now.getTime(), destinationState);
  const eta =
    rate.minDays !== undefined && rate.maxDays !== undefined
      ? rate.minDays === rate.maxDays
        ? `${rate.maxDays} business day${rate.maxDays === 1 ? '' : 's'}`
        : `${rate.minDays}–${rate.maxDays} business days`
      : undefined;
  const fromDates = rate.minDate !== undefined && window ? arrivalText(window) : undefined;
  return {
    service_name: rate.name,
    service_code: rate.code,
    total_price: String(rate.totalCents),
    currency: rate.currency,
    description: rate.description?.trim() || fromDates || (eta ? `Delivery in ${eta}` : NO_ETA_DESCRIPTION),
    ...(window
      ? {
          min_delivery_date: shopifyDeliveryDate(window.minDate, destinationState),
          max_delivery_date: shopifyDeliveryDate(window.maxDate, destinationState),
        }
      : {}),
  };
}

export function ratesCallbackRouter(options: {
  readonly core: Core;
  readonly registration: CarrierServiceRegistration;
  readonly apiSecret: string;
  readonly now?: () => Date;
}): Router {
  const { core, registration } = options;
  const now = options.now ?? (() => new Date());
  const router = Router();

  router.post(
    '/shopify/carrier-service/:key',
    express.raw({ type: () => true, limit: BODY_LIMIT }),
    (request, response) =>
      runAsCheckout(async () => {
        const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const hmac = request.get('x-shopify-hmac-sha256');
        if (hmac === undefined || hmac.trim() === '') throw rbError('RB_ERR_SIGNATURE_MISSING');
        if (!verifyWebhookHmac(raw, hmac, options.apiSecret)) throw rbError('RB_ERR_SIGNATURE_INVALID');
        const shop = await shopFor(String(request.params.key));
        const quoteRequest = toQuoteRequest(parseWith(rateRequestSchema, parseJson(raw)));
        const rates =
          shop === STORE_DOWN
            ? fallbackRates(DEFAULT_QUOTE_SETTINGS)
            : (await core.quotes.quote(shop, quoteRequest, { frontEnd: 'shopify' })).rates;
        const today = now();
        const state = quoteRequest.destination.state;
        writeCheckoutAnswer(response, { rates: rates.map((rate) => toShopifyRate(rate, today, state)) });
      }),
  );
  return router;

  /**
   * The key's shop. Shopify signed the request, so it is a real checkout even when the store is down and this
   * instance has never seen the key: STORE_DOWN then, and it gets the default fallback table, not an error.
   */
  async function shopFor(key: string): Promise<string | typeof STORE_DOWN> {
    try {
      const shop = await registration.shopForKey(key);
      if (!shop) throw rbError('RB_ERR_NOT_FOUND', 'This carrier service');
      return shop;
    } catch (error) {
      if (!isStoreUnavailable(error)) throw error;
      core.logger.warn({ errorCode: error.code }, 'checkout answered with default fallback rates');
      return STORE_DOWN;
    }
  }
}

const STORE_DOWN = Symbol('store down');

function parseJson(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw rbError('RB_ERR_BAD_JSON');
  }
}
