/**
 * LRUCache options bounding a cache to `entries` entries without allocating for all of them up front:
 * lru-cache 11 allocates its index arrays for `max` entries when it is built (a 100,000-entry bound is
 * ≈ 2.7 MB before the first entry), while `maxSize` with a size of 1 per entry is the same bound, grown as
 * entries arrive. For the caches most instances fill only a little of.
 */
export function entryBound(entries: number): { maxSize: number; sizeCalculation: () => number } {
  return { maxSize: entries, sizeCalculation: () => 1 };
}
