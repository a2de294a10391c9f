/**
 * The buyer's delivery options as Big Post's getquote fields (docs/platforms/bigpost.md). Big Post asks
 * what its own plugin asks the buyer: home or business, "Do you have a forklift?" (asked only when a
 * carton weighs over 30 kg) and permission to leave the goods (an ATL quote exists only for items of
 * 40 kg or less). It has no tail-lift or hand-unload field: either one means nobody on site can lift the
 * goods off with a forklift, which is how Big Post hears them. A home has no forklift: only a business is
 * ever said to have one.
 */
import type { PlatformQuoteRequest } from '../freight-platform.js';

/** The plugin asks about a forklift only for a carton over this (FORM:49-56, CART:111-130). */
export const FORKLIFT_QUESTION_OVER_KG = 30;
/** Authority to leave is quoted for items of at most this (api-notes.md, 2nd: bigpost.ts:67). */
export const ATL_MAX_KG = 40;

export interface BigPostDeliveryFields {
  readonly BuyerIsBusiness: boolean;
  readonly BuyerHasForklift: boolean;
  readonly ReturnAuthorityToLeaveOptions: boolean;
}

export function deliveryFields(request: PlatformQuoteRequest): BigPostDeliveryFields {
  const { delivery, packages } = request;
  const heavy = packages.some((line) => line.weightKg > FORKLIFT_QUESTION_OVER_KG);
  const light = packages.every((line) => line.weightKg <= ATL_MAX_KG);
  return {
    BuyerIsBusiness: delivery.isBusiness,
    // As the plugin sends it: false unless a heavy carton is there to be lifted by a forklift on site,
    // which only a business has (a home buyer told "forklift" would be quoted without the tail-lift truck).
    BuyerHasForklift: heavy && delivery.isBusiness && !delivery.tailLift && !delivery.handUnload,
    ReturnAuthorityToLeaveOptions: delivery.authorityToLeave && light,
  };
}
