/**
 * The CarrierService callback: Shopify's checkout POSTs the cart here and shows whatever rates come back.
 *
 *   unknown key                         404 (nothing of ours lives at that URL)
 *   X-Shopify-Hmac-Sha256 present, bad 401 (undocumented header; verified when sent)
 *   body over 256 KB / not JSON / bad   413 / 400, coded
 *   otherwise                           200 {"rates": [...]}: live rates, or the merchant's fallback rates
 *                                       when quoting fails; [] only when nothing can ship (no line needs
 *                                       shipping, or the address is outside Australia)
 *
 * Prices go back as strings of minor units in the request's currency; `service_code` is the engine's stable
 * rate code, so Shopify's 15-minute cache and the merchant's reports see the same service each time.
 */
import express, { Router } from 'express';
import { z } from 'zod';
import {
  parseWith,
  quoteRequestSchema,
  rbError,
  type Core,
  type QuoteRequest,
  type Rate,
} from '../core/index.js';
import type { CarrierServiceRegistration } from './carrier-service-registration.js';
import { verifyWebhookHmac } from './webhooks.js';

const BODY_LIMIT = '256kb';

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
  readonly description?: string;
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

/** Business days from `from` (weekends skipped), in Shopify's "2026-11-25 00:00:00 +0000" format. */
export function deliveryDate(businessDays: number, from: Date): string {
  const date = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate()));
  let remaining = businessDays;
  while (remaining > 0) {
    date.setUTCDate(date.getUTCDate() + 1);
    const day = date.getUTCDay();
    if (day !== 0 && day !== 6) remaining -= 1;
  }
  return `${date.toISOString().slice(0, 10)} 00:00:00 +0000`;
}

export function toShopifyRate(rate: Rate, now: Date): ShopifyRate {
  const eta =
    rate.minDays !== undefined && rate.maxDays !== undefined
      ? rate.minDays === rate.maxDays
        ? `${rate.maxDays} business day${rate.maxDays === 1 ? '' : 's'}`
        : `${rate.minDays}–${rate.maxDays} business days`
      : undefined;
  return {
    service_name: rate.name,
    service_code: rate.code,
    total_price: String(rate.totalCents),
    currency: rate.currency,
    ...((rate.description ?? eta) ? { description: rate.description ?? eta } : {}),
    ...(rate.minDays === undefined ? {} : { min_delivery_date: deliveryDate(rate.minDays, now) }),
    ...(rate.maxDays === undefined ? {} : { max_delivery_date: deliveryDate(rate.maxDays, now) }),
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
    async (request, response) => {
      const shop = await registration.shopForKey(String(request.params.key));
      if (!shop) throw rbError('RB_ERR_NOT_FOUND', 'This carrier service');
      const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const hmac = request.get('x-shopify-hmac-sha256');
      if (hmac !== undefined && !verifyWebhookHmac(raw, hmac, options.apiSecret)) {
        throw rbError('RB_ERR_SIGNATURE_INVALID');
      }
      let json: unknown;
      try {
        json = JSON.parse(raw.toString('utf8'));
      } catch {
        throw rbError('RB_ERR_BAD_JSON');
      }
      const payload = parseWith(rateRequestSchema, json);
      const outcome = await core.quotes.quote(shop, toQuoteRequest(payload));
      const today = now();
      response.json({ rates: outcome.rates.map((rate) => toShopifyRate(rate, today)) });
    },
  );
  return router;
}
