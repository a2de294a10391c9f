/**
 * A delivery date as Shopify's carrier-service response takes `min_delivery_date`/`max_delivery_date`:
 * `YYYY-MM-DD HH:MM:SS ±HHMM` (the reference's example: "2013-04-12 14:48:45 -0400"). Our dates are
 * calendar dates in the destination's calendar, so they are written at midday in the destination's own
 * zone with that day's offset (daylight saving included): midday is at least nine hours from either
 * midnight in every Australian zone, so a checkout shown in any of them reads the same calendar date.
 */
import { isAuState, utcOffsetAtNoon } from '../core/index.js';

export function shopifyDeliveryDate(date: string, destinationState: string | undefined): string {
  const state = destinationState?.toUpperCase();
  return `${date} 12:00:00 ${utcOffsetAtNoon(date, isAuState(state) ? state : 'NSW')}`;
}
