/**
 * The last value this instance read or wrote of each document (and each listing of a kind), bounded in
 * entries and bytes. A checkout uses it when the store cannot answer: settings, connections, packaging and
 * locations as last seen, rather than the fallback table or an error. Kept for every tenant the instance
 * served, and only for documents: cache entries, counters and locks are not worth remembering.
 */
import { LRUCache } from 'lru-cache';
import type { DocRef, JsonValue } from './store.js';

export interface LastCopiesOptions {
  readonly maxEntries?: number;
  readonly maxBytes?: number;
  readonly now?: () => number;
}

/**
 * Kept as JSON text: one JSON.stringify both copies the value and sizes it, on every read a checkout makes,
 * while parsing it back is paid only when the store cannot answer.
 */
type Copy = ({ readonly doc: string } | { readonly absent: true } | { readonly listing: string }) & {
  readonly at: number;
};

/**
 * A read refreshes its copy at most this often: a checkout reads the same few documents on every quote, and
 * a copy a second old is as good a stand-in during an outage. Writes through this instance always refresh.
 */
const READ_REFRESH_MS = 1000;

const docKey = (ref: DocRef) => JSON.stringify([ref.tenant, ref.kind, ref.id]);
const listingKey = (tenant: string, kind: string) => JSON.stringify([tenant, kind]);

export function createLastCopies(options: LastCopiesOptions = {}) {
  const now = options.now ?? Date.now;
  const fresh = (key: string) => {
    const copy = copies.get(key);
    return copy !== undefined && now() - copy.at < READ_REFRESH_MS;
  };
  const copies = new LRUCache<string, Copy>({
    max: options.maxEntries ?? 20_000,
    maxSize: options.maxBytes ?? 64 * 1024 * 1024,
    sizeCalculation: (copy) =>
      Math.max(1, 'listing' in copy ? copy.listing.length : 'doc' in copy ? copy.doc.length : 1),
  });
  const listingText = (listing: ReadonlyMap<string, JsonValue>) => JSON.stringify([...listing]);
  const readListing = (text: string) => new Map(JSON.parse(text) as [string, JsonValue][]);

  /** Keeps a listing in step with a write to one of its documents (undefined: deleted). */
  function patchListing(ref: DocRef, value: JsonValue | undefined): void {
    const key = listingKey(ref.tenant, ref.kind);
    const copy = copies.get(key);
    if (!copy || !('listing' in copy)) return;
    const listing = readListing(copy.listing);
    if (value === undefined) listing.delete(ref.id);
    else listing.set(ref.id, value);
    copies.set(key, { listing: listingText(listing), at: now() });
  }

  return {
    rememberDoc(ref: DocRef, value: JsonValue | undefined): void {
      const at = now();
      copies.set(
        docKey(ref),
        value === undefined ? { absent: true, at } : { doc: JSON.stringify(value), at },
      );
      patchListing(ref, value);
    },
    /** What a read saw: remembered unless a copy of it was refreshed within READ_REFRESH_MS. */
    rememberRead(ref: DocRef, value: JsonValue | undefined): void {
      if (!fresh(docKey(ref))) this.rememberDoc(ref, value);
    },
    rememberListingRead(tenant: string, kind: string, listing: ReadonlyMap<string, JsonValue>): void {
      if (!fresh(listingKey(tenant, kind))) this.rememberListing(tenant, kind, listing);
    },
    rememberListing(tenant: string, kind: string, listing: ReadonlyMap<string, JsonValue>): void {
      copies.set(listingKey(tenant, kind), { listing: listingText(listing), at: now() });
    },
    /** `{found: false}` when nothing was remembered; a remembered absence is `{found: true, value: undefined}`. */
    doc(ref: DocRef): { found: false } | { found: true; value: JsonValue | undefined } {
      const copy = copies.get(docKey(ref));
      if (!copy || 'listing' in copy) return { found: false };
      return { found: true, value: 'doc' in copy ? (JSON.parse(copy.doc) as JsonValue) : undefined };
    },
    listing(tenant: string, kind: string): Map<string, JsonValue> | undefined {
      const copy = copies.get(listingKey(tenant, kind));
      return copy && 'listing' in copy ? readListing(copy.listing) : undefined;
    },
    forgetTenant(tenant: string): void {
      for (const key of [...copies.keys()]) {
        if ((JSON.parse(key) as string[])[0] === tenant) copies.delete(key);
      }
    },
  };
}

export type LastCopies = ReturnType<typeof createLastCopies>;
