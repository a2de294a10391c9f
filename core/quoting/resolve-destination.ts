import { findLocality, localitiesInPostcode } from '../localities/index.js';
import { isAuState, type Destination } from '../platforms/freight-platform.js';
import type { QuoteDestination } from './quote-request.js';

/** Suburb, postcode and state the platforms need, filled from the locality data where the shop sent less. */
export function resolveDestination(destination: QuoteDestination): Destination | undefined {
  const postcode = destination.postcode.replace(/\s/g, '');
  if (!/^\d{4}$/.test(postcode)) return undefined;
  const state = destination.state?.toUpperCase();
  const suburb = destination.suburb?.trim();
  if (suburb && isAuState(state) && findLocality(suburb, postcode, state)) {
    return { suburb, postcode, state };
  }
  const candidates = localitiesInPostcode(postcode);
  const named = suburb
    ? candidates.find((locality) => locality.suburb.toLowerCase() === suburb.toLowerCase())
    : undefined;
  const chosen = named ?? candidates.find((locality) => !locality.postalOnly) ?? candidates[0];
  if (!chosen) return undefined;
  return { suburb: chosen.suburb, postcode, state: chosen.state };
}
