/**
 * One option's delivery window: the group's despatch date (its location's settings, the store's extra
 * handling days) plus the platform's transit in the destination's business days. Computed after the quote
 * cache, from the transit the cached answer holds, on every checkout: the cache key carries no date, so a
 * cached answer can never give yesterday's dates (docs/delivery-dates.md).
 */
import type { QuoteOption } from '../../platforms/freight-platform.js';
import { defaultDespatch } from '../../wire/locations-schema.js';
import type { AuState } from '../../wire/vocabulary.js';
import type { PackedGroup } from '../build-packages.js';
import { deliveryDays, platformToday } from '../delivery-days.js';
import { despatchDate } from './despatch-date.js';
import { deliveryWindow } from './delivery-window.js';

export interface DeliveryEstimate {
  readonly minDays?: number;
  readonly maxDays?: number;
  readonly minDate?: string;
  readonly maxDate?: string;
}

/** When the group's goods leave, ordered at `now`; undefined when its settings close it for a year. */
export function groupDespatchDate(
  now: number,
  group: Pick<PackedGroup, 'pickup' | 'despatch'>,
  extraHandlingDays: number,
): string | undefined {
  return despatchDate(now, group.pickup.state, group.despatch ?? defaultDespatch(), extraHandlingDays);
}

export function estimateDelivery(
  option: Pick<QuoteOption, 'eta' | 'dates'>,
  despatch: string | undefined,
  answeredAt: number,
  destination: AuState,
): DeliveryEstimate {
  const transit = deliveryDays(option, platformToday(answeredAt), destination);
  if (!transit) return {};
  if (despatch === undefined) return transit;
  return { ...transit, ...deliveryWindow(despatch, transit, destination) };
}
