/**
 * The delivery window a front end shows for a rate: the one the engine computed (live rates), else one
 * counted from today for a rate that only says business days (the merchant's fallback rates, which are
 * not tied to a location): from today's date on the east coast, in the destination's business days.
 */
import type { Rate } from '../quote-request.js';
import { isAuState } from '../../platforms/freight-platform.js';
import { platformToday } from '../delivery-days.js';
import { addBusinessDays, type DeliveryWindow } from './delivery-window.js';

export function rateWindow(
  rate: Pick<Rate, 'minDays' | 'maxDays' | 'minDate' | 'maxDate'>,
  now: number,
  destinationState: string | undefined,
): DeliveryWindow | undefined {
  if (rate.minDate !== undefined && rate.maxDate !== undefined) {
    return { minDate: rate.minDate, maxDate: rate.maxDate };
  }
  const low = rate.minDays ?? rate.maxDays;
  const high = rate.maxDays ?? rate.minDays;
  if (low === undefined || high === undefined) return undefined;
  const state = destinationState?.toUpperCase();
  const calendar = isAuState(state) ? state : 'NSW';
  const today = platformToday(now);
  return {
    minDate: addBusinessDays(today, Math.min(low, high), calendar),
    maxDate: addBusinessDays(today, Math.max(low, high), calendar),
  };
}
