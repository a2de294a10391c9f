/** What writing a page of products did, counted for the sync's progress and the admin. */

export interface ApplyCounts {
  /** Catalog product records written. */
  recorded: number;
  created: number;
  updated: number;
  /** Already what the store says: nothing written. */
  unchanged: number;
  /** The merchant's own profile: left alone. */
  kept: number;
  /** Sizes or weights no carrier takes (a unit mistake in the store): no profile written. */
  implausible: number;
}

export const emptyCounts = (): ApplyCounts => ({
  recorded: 0,
  created: 0,
  updated: 0,
  unchanged: 0,
  kept: 0,
  implausible: 0,
});

export function addCounts(into: ApplyCounts, more: ApplyCounts): ApplyCounts {
  for (const key of Object.keys(into) as (keyof ApplyCounts)[]) into[key] += more[key];
  return into;
}
