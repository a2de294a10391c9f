/** What writing a page of products did, counted for the sync's progress and the admin (core/wire). */
import type { z } from 'zod';
import type { syncCountsSchema } from '../../core/wire/woocommerce-schema.js';

/** Mutable: a sync adds each page's counts into its running total. */
export type ApplyCounts = z.infer<typeof syncCountsSchema>;

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
