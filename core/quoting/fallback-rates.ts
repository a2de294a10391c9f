import { merchantPrice, rateMoney } from './gst-price.js';
import type { QuoteSettings } from './quote-settings.js';
import type { Rate } from './quote-request.js';

/** Platforms price Australian dollars; any other currency is never converted by guesswork. */
export const PRICED_CURRENCY = 'AUD';

/**
 * The merchant's fallback rates. Their prices are set in Australian dollars, so they say AUD whatever the
 * cart's currency: a price is never relabelled as another currency (Shopify's carrier-service reference:
 * a rate's `currency` is "the currency of the shipping rate"). Their prices are GST-inclusive, like every
 * merchant amount, and are shown as the store shows prices (`gst.display`), one eleventh being GST.
 */
export function fallbackRates(settings: QuoteSettings): Rate[] {
  return settings.fallbackRates
    .map((rate) => ({
      code: rate.code,
      name: rate.name,
      ...rateMoney(merchantPrice(rate.priceCents), settings.gst.display),
      currency: PRICED_CURRENCY,
      ...(rate.minDays === undefined ? {} : { minDays: rate.minDays + settings.extraHandlingDays }),
      ...(rate.maxDays === undefined ? {} : { maxDays: rate.maxDays + settings.extraHandlingDays }),
    }))
    .sort((a, b) => a.totalCents - b.totalCents);
}
