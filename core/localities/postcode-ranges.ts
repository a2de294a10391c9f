/**
 * Australia Post's postcode ranges per state (platforms.md). A first check only: about 70 real
 * localities sit outside their state's ranges (2406 Mungindi QLD, 2540 Jervis Bay ACT, 0872 in SA and
 * WA), so au-localities.ts consults the dataset before calling a postcode wrong.
 */
import type { AuState } from '../platforms/freight-platform.js';

type Range = readonly [low: number, high: number];

export const STATE_POSTCODE_RANGES: Readonly<Record<AuState, readonly Range[]>> = {
  NSW: [
    [1000, 2599],
    [2619, 2899],
    [2921, 2999],
  ],
  ACT: [
    [200, 299],
    [2600, 2618],
    [2900, 2920],
  ],
  VIC: [
    [3000, 3999],
    [8000, 8999],
  ],
  QLD: [
    [4000, 4999],
    [9000, 9999],
  ],
  SA: [[5000, 5999]],
  WA: [[6000, 6999]],
  TAS: [[7000, 7999]],
  NT: [[800, 999]],
};

/** True when a four-digit postcode falls in one of the state's ranges. */
export function postcodeInStateRange(postcode: string, state: AuState): boolean {
  if (!/^\d{4}$/.test(postcode)) return false;
  const value = Number(postcode);
  return STATE_POSTCODE_RANGES[state].some(([low, high]) => value >= low && value <= high);
}
