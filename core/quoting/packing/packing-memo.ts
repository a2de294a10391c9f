/**
 * Packing results remembered per tenant, box setup and cart units, so the checkout that repeats a cart
 * (a shopper changing the address, a cache-hit quote, WooCommerce recalculating totals) does not run the
 * bin packer again: packing is synchronous CPU on the event loop, the one part of a cache-hit quote that
 * was not cheap. The key hashes everything the result depends on (packGroup is a pure function of it): the
 * boxes as stored (an edited box has a new `updatedAt` and new sizes, so a new key) with the packing
 * settings, and each unit's package and cart line. Bounded in entries and in size (a 200-item result with
 * every placement is tens of kilobytes); fallbacks are remembered too, since proving a cart is over the
 * work budget costs the budget.
 */
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { PackingSetup } from '../packaging-types.js';
import { packGroup, type GroupPacked, type UnitItem } from './pack-group.js';

export interface PackingMemoOptions {
  /** At most this many results (default 2,000). */
  readonly maxEntries?: number;
  /** At most this many characters of results, as JSON (default 32 MB). */
  readonly maxSize?: number;
  /** The packer (default packGroup); tests wrap it to count its calls. */
  readonly pack?: (units: readonly UnitItem[], setup: PackingSetup) => GroupPacked;
}

export interface PackingMemo {
  pack(tenant: string, units: readonly UnitItem[], setup: PackingSetup): GroupPacked;
}

export function createPackingMemo(options: PackingMemoOptions = {}): PackingMemo {
  const pack = options.pack ?? packGroup;
  const results = new LRUCache<string, GroupPacked>({
    max: options.maxEntries ?? 2_000,
    maxSize: options.maxSize ?? 32 * 1024 * 1024,
    sizeCalculation: (value) => Math.max(1, JSON.stringify(value).length),
  });
  return {
    pack(tenant, units, setup) {
      const key = packingKey(tenant, units, setup);
      const known = results.get(key);
      if (known) return known;
      const packed = pack(units, setup);
      results.set(key, packed);
      return packed;
    },
  };
}

/** Everything packGroup reads, hashed: the boxes in id order (their order does not change the packing). */
function packingKey(tenant: string, units: readonly UnitItem[], setup: PackingSetup): string {
  const boxes = [...setup.boxes].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const material = JSON.stringify([tenant, boxes, setup.settings, units.map(({ line, pkg }) => [line, pkg])]);
  return createHash('sha256').update(material).digest('base64url');
}
