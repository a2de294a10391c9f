/**
 * The storage contract. Domain code and front ends talk to this and nothing else: `RedisStore` backs it
 * in production, `EmbeddedStore` (durable files) on a single machine. Both pass one contract battery
 * (test/core/storage/store-contract.ts), so anything written against this interface behaves the same on
 * either.
 *
 * Five kinds of state, each with the guarantees the domain relies on:
 *
 *   documents  JSON values addressed by (tenant, kind, id), e.g. ('shop.myshopify.com', 'connections',
 *              'all'). Durable. `update` is atomic: two concurrent updates of one document never lose
 *              either change (Redis: compare-and-set in a Lua script, retried; embedded: serialised in
 *              process). The update function must be pure and synchronous; it may run more than once.
 *   cache      TTL entries keyed by a string. Losing them is harmless (embedded keeps them in memory).
 *              `cacheSetIfAbsent` is the primitive behind replay windows and single-flight markers;
 *              `claimOnce` is its durable sibling, for marks whose loss would reopen a door (used links).
 *   lists      capped, newest-first lists per tenant (the rate log, audit trails). Durable.
 *   counters   integers that expire a fixed time after their first increment (rate limits, stats).
 *   locks      short-lived exclusive locks with a random owner token; they expire on their own so a
 *              crashed holder never blocks anyone for longer than the TTL.
 *
 * Keys are strings of printable characters; tenants are never `*`-patterns. All values are JSON. TTLs are
 * milliseconds, rounded up to a whole millisecond and at least 1.
 */

export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | { [key: string]: JsonValue };

/** The tenant for records that belong to no merchant (lookups by callback key, sandbox state). */
export const GLOBAL_TENANT = '_global';

export interface DocRef {
  readonly tenant: string;
  readonly kind: string;
  readonly id: string;
}

/** Returned by an update function to leave the document as it is (no write happens). */
export const UNCHANGED: unique symbol = Symbol('UNCHANGED');

/**
 * Receives the current value (undefined when absent) and returns the next one: a value to store,
 * `undefined` to delete the document, or `UNCHANGED` to write nothing.
 */
export type Updater = (current: JsonValue | undefined) => JsonValue | undefined | typeof UNCHANGED;

export interface LockHandle {
  readonly key: string;
  readonly token: string;
}

export interface Store {
  /** 'redis' or 'embedded', for readiness output and logs. */
  readonly kind: 'redis' | 'embedded';

  getDoc(ref: DocRef): Promise<JsonValue | undefined>;
  /**
   * The stored value itself rather than a copy, the same object until the document is written again: for
   * readers that only parse it (core/storage/parsed-doc.ts memoises the parse on that object). The caller
   * must never change it. Redis hands out the same object while the stored text is unchanged.
   */
  getDocShared?(ref: DocRef): Promise<JsonValue | undefined>;
  /**
   * How many document writes (put, update, delete) for the tenant went through this instance: a number that
   * changes with each. What the quote engine's answer memo checks a kept answer against
   * (core/quoting/answer-memo.ts). The guarded store counts them; others need not.
   */
  writeGeneration?(tenant: string): number;
  /** Every document of one kind for a tenant, keyed by id. */
  listDocs(tenant: string, kind: string): Promise<Map<string, JsonValue>>;
  putDoc(ref: DocRef, value: JsonValue): Promise<void>;
  /** Stores the value only if no document exists at `ref`; true when it was stored. */
  putDocIfAbsent(ref: DocRef, value: JsonValue): Promise<boolean>;
  /** Atomic read-modify-write; resolves to the value stored afterwards (undefined when deleted). */
  updateDoc(ref: DocRef, updater: Updater): Promise<JsonValue | undefined>;
  /** True when something was deleted. */
  deleteDoc(ref: DocRef): Promise<boolean>;
  /** Erases every document and list of a tenant (uninstall, shop/redact). */
  deleteTenant(tenant: string): Promise<void>;

  cacheGet(key: string): Promise<JsonValue | undefined>;
  cacheSet(key: string, value: JsonValue, ttlMs: number): Promise<void>;
  cacheSetIfAbsent(key: string, value: JsonValue, ttlMs: number): Promise<boolean>;
  cacheDelete(key: string): Promise<void>;

  /**
   * A durable single-use mark: true the first time `key` is claimed, false while the mark lives (`ttlMs`).
   * Unlike cache entries it survives a restart (embedded: journaled; Redis: its own persistence), so a used
   * sign-in link or grant stays used.
   */
  claimOnce(key: string, ttlMs: number): Promise<boolean>;

  /** Adds `value` at the head of the list and trims it to the newest `cap` entries. */
  listPush(tenant: string, name: string, value: JsonValue, cap: number): Promise<void>;
  /** Newest first: `offset` 0 is the latest entry. */
  listRange(tenant: string, name: string, offset: number, limit: number): Promise<JsonValue[]>;
  listLength(tenant: string, name: string): Promise<number>;

  /** Adds `by` and returns the new total; the counter expires `ttlMs` after it was created. */
  increment(key: string, by: number, ttlMs: number): Promise<number>;

  /** Takes the lock if free; undefined when someone else holds it. */
  acquireLock(key: string, ttlMs: number): Promise<LockHandle | undefined>;
  /** Releases the lock only if `handle` still owns it (an expired lock taken over is left alone). */
  releaseLock(handle: LockHandle): Promise<void>;

  /**
   * False while the store is known to be unreachable (Redis disconnected and reconnecting), so callers can
   * fail at once instead of queueing; absent when the store cannot tell (always answers or fails).
   */
  isConnected?(): boolean;

  /** Throws when the backing store cannot be reached (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
