/**
 * The merchant's destination rules (price-rules-schema.ts): each matches a postcode range or a zone and
 * fixes, frees, surcharges or hides a rate. Per rate, the FIRST rule in the list that matches the
 * destination (and the rate, when the rule names a service) is the one applied; later rules are not
 * looked at. Only Australian destinations match: postcodes and zones are Australian.
 */
import { postcodeZone } from '../localities/postcode-zones.js';
import type { PostcodeRule } from '../wire/admin-api-types.js';
import type { PostcodeZone } from '../wire/vocabulary.js';
import { addInclusive, scale, setInclusive, type GstPrice } from './gst-price.js';

export interface Destination {
  readonly country: string;
  readonly postcode: string;
}

/** What the rules see of a destination, worked out once per quote. */
export interface PlaceFacts {
  readonly postcode?: string;
  readonly zone?: PostcodeZone;
}

export function placeFacts(destination: Destination | undefined): PlaceFacts {
  const postcode = destination?.postcode.trim() ?? '';
  if (destination?.country !== 'AU' || !/^\d{4}$/.test(postcode)) return {};
  const zone = postcodeZone(postcode);
  return { postcode, ...(zone ? { zone } : {}) };
}

/** The index of the first rule that applies to this rate at this place, or -1. */
export function firstMatch(rules: readonly PostcodeRule[], place: PlaceFacts, rateCode: string): number {
  if (place.postcode === undefined) return -1;
  const postcode = place.postcode;
  return rules.findIndex((rule) => {
    if (rule.service !== undefined && rule.service !== rateCode) return false;
    const match = rule.match;
    return match.kind === 'zone' ? match.zone === place.zone : match.from <= postcode && postcode <= match.to;
  });
}

/** The rule's effect on a price; undefined: the rate is hidden. */
export function applyAction(rule: PostcodeRule, price: GstPrice): GstPrice | undefined {
  const action = rule.action;
  switch (action.kind) {
    case 'fixed':
      return setInclusive(price, action.priceCents);
    case 'free':
      return setInclusive(price, 0);
    case 'surcharge':
      return addInclusive(price, action.amountCents);
    case 'surcharge_percent':
      return scale(price, Math.round(action.percent * 100));
    case 'hide':
      return undefined;
  }
}

/** How the rate log names what a rule did: "postcode rule 2 (0800-0899): surcharge 500c". */
export function describeRule(rule: PostcodeRule, index: number): string {
  const where = rule.match.kind === 'zone' ? rule.match.zone : `${rule.match.from}-${rule.match.to}`;
  const action = rule.action;
  const what =
    action.kind === 'fixed'
      ? `fixed ${action.priceCents}c`
      : action.kind === 'surcharge'
        ? `surcharge ${action.amountCents}c`
        : action.kind === 'surcharge_percent'
          ? `surcharge ${action.percent}%`
          : action.kind;
  return `postcode rule ${index + 1} (${where}): ${what}`;
}
