/**
 * Rates in the shape the plugin hands to `WC_Shipping_Method::add_rate()`: cost as a decimal string of the
 * store's currency ("12.50"), a stable id per service (WooCommerce keys the chosen rate by it), and meta
 * data the order keeps (where the rate came from; no customer data).
 *
 * GST: `cost` is the price as the merchant chose to show it (`gst.display`), `cost_ex_gst` the same rate
 * before GST and `gst` the platform's GST. The plugin charges `cost_ex_gst` and lets WooCommerce add tax
 * with the store's shipping tax class when the store taxes shipping, else `cost` with no tax on top
 * (docs/prices-and-gst.md).
 */
import { createHash } from 'node:crypto';
import { arrivalText, centsToDecimalString, type QuoteOutcome, type Rate } from '../core/index.js';

/** What the plugin accepts as a rate id (and WooCommerce keeps in the session and the order). */
const RATE_ID_CHARACTERS = /[^A-Za-z0-9._:-]/g;
const MAX_RATE_ID = 100;

export interface WooRate {
  readonly id: string;
  readonly label: string;
  readonly cost: string;
  /** Absent for a rate whose GST is unknown (a rate-log entry from before GST was carried). */
  readonly cost_ex_gst?: string;
  readonly gst?: string;
  readonly description: string;
  /**
   * "Arrives Tue 9 Dec – Thu 11 Dec" when the engine dated the rate, else "2-4 business days", or ""
   * when the carrier gave no estimate. The plugin shows it under the rate in both checkouts.
   */
  readonly delivery_time: string;
  readonly meta_data: Readonly<Record<string, string | number>>;
}

export function toWooRates(outcome: Pick<QuoteOutcome, 'rates' | 'source'>): { rates: WooRate[] } {
  return {
    rates: outcome.rates.map((rate) => ({
      id: wooRateId(rate.code),
      label: rate.name,
      cost: centsToDecimalString(rate.totalCents),
      ...gstFields(rate),
      description: rate.description ?? '',
      delivery_time: deliveryTime(rate),
      meta_data: {
        ratebridge_source: outcome.source,
        ratebridge_service: rate.code,
        ...(rate.minDays === undefined ? {} : { ratebridge_min_days: rate.minDays }),
        ...(rate.maxDays === undefined ? {} : { ratebridge_max_days: rate.maxDays }),
        // Kept with the order, so the merchant sees the dates the buyer was promised.
        ...(rate.minDate === undefined ? {} : { ratebridge_min_date: rate.minDate }),
        ...(rate.maxDate === undefined ? {} : { ratebridge_max_date: rate.maxDate }),
      },
    })),
  };
}

/** The rate's code in the characters a rate id may use; stable, and distinct for distinct codes. */
export function wooRateId(code: string): string {
  const safe = code.replace(RATE_ID_CHARACTERS, '-');
  if (safe === code && safe.length > 0 && safe.length <= MAX_RATE_ID) return safe;
  const digest = createHash('sha256').update(code).digest('hex').slice(0, 12);
  return `${safe.slice(0, MAX_RATE_ID - digest.length - 1)}-${digest}`;
}

function gstFields(rate: Rate): { cost_ex_gst?: string; gst?: string } {
  if (rate.gstCents === undefined) return {};
  const exGst = rate.gstIncluded === false ? rate.totalCents : rate.totalCents - rate.gstCents;
  return { cost_ex_gst: centsToDecimalString(exGst), gst: centsToDecimalString(rate.gstCents) };
}

function deliveryTime(rate: Rate): string {
  const { minDays, maxDays, minDate, maxDate } = rate;
  if (minDate !== undefined && maxDate !== undefined) return arrivalText({ minDate, maxDate });
  const low = minDays ?? maxDays;
  const high = maxDays ?? minDays;
  if (low === undefined || high === undefined) return '';
  const days = (count: number) => `${count} business day${count === 1 ? '' : 's'}`;
  return low === high ? days(low) : `${Math.min(low, high)}-${days(Math.max(low, high))}`;
}
