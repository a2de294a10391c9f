/**
 * Which zone (metro, regional, remote) an Australian postcode is in, for the merchant's zone rules.
 * The zones are the ABS Remoteness Areas of the postcode's localities (au-postcode-zones.ts, generated
 * by scripts/build-postcode-zones.ts, whose header says how a postcode spanning areas is decided). By
 * that definition Darwin is regional and Hobart regional too: the ABS counts neither as a major city.
 */
import type { PostcodeZone } from '../wire/vocabulary.js';
import { AU_POSTCODE_ZONES } from './au-postcode-zones.js';

/** The zone of a four-digit postcode, or undefined when the dataset has no area for it. */
export function postcodeZone(postcode: string): PostcodeZone | undefined {
  const code = postcode.trim();
  if (!/^\d{4}$/.test(code)) return undefined;
  let low = 0;
  let high = AU_POSTCODE_ZONES.length - 1;
  // Ranges are ascending and disjoint; four-digit strings compare as their numbers do.
  while (low <= high) {
    const middle = (low + high) >> 1;
    const [from, to, zone] = AU_POSTCODE_ZONES[middle] as (typeof AU_POSTCODE_ZONES)[number];
    if (code < from) high = middle - 1;
    else if (code > to) low = middle + 1;
    else return zone;
  }
  return undefined;
}
