/**
 * The store every part of RateBridge is handed: the real one (Redis or embedded) behind a guard that decides
 * what an outage looks like to each caller.
 *
 *   everyone      a failure of the store itself (connection lost, command timed out, a journal write that
 *                 failed) is RB_ERR_STORE_UNAVAILABLE (503, Retry-After), never a 500; a refusal thrown by
 *                 the caller's own update function passes through untouched. While Redis is known to be
 *                 disconnected, calls fail at once instead of queueing: an admin write gets its 503 before
 *                 anything is written, and ioredis reconnects by itself, so the instance recovers without
 *                 a restart.
 *   a checkout    (checkout-scope.ts) never waits long and never fails for want of the store: documents
 *                 come from the last copy this instance holds (last-copies.ts), a cache read is a miss, a
 *                 cache or log write is dropped, replay marks, locks and counters hold in this process
 *                 (local-marks.ts). Only a document never seen before still fails, and the quote engine
 *                 answers that with the fallback table.
 */
import { createLastCopies, type LastCopies } from './last-copies.js';
import { createLocalMarks, type LocalMarks } from './local-marks.js';
import { inCheckout } from './checkout-scope.js';
import { storeUnavailable } from './store-unavailable.js';
import { RateBridgeError } from '../errors.js';
import type { DocRef, JsonValue, LockHandle, Store, Updater } from './store.js';

export interface GuardedStoreOptions {
  /** How long a checkout waits for the store before it answers from memory. */
  readonly checkoutWaitMs?: number;
  /** After a failure, checkouts answer from memory without asking the store for this long. */
  readonly downForMs?: number;
  readonly now?: () => number;
  readonly lastCopies?: LastCopies;
}

/** What a checkout uses when the store cannot answer: a value, or nothing to offer (then it fails). */
type Stand<T> = () => { found: false } | { found: true; value: T };

const found = <T>(value: T) => ({ found: true as const, value });

export class GuardedStore implements Store {
  private readonly copies: LastCopies;
  private readonly marks: LocalMarks;
  private readonly checkoutWaitMs: number;
  private readonly downForMs: number;
  private readonly now: () => number;
  private downUntil = 0;
  private readonly generations = new Map<string, number>();

  constructor(
    readonly inner: Store,
    options: GuardedStoreOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.copies = options.lastCopies ?? createLastCopies({ now: this.now });
    this.marks = createLocalMarks(this.now);
    this.checkoutWaitMs = options.checkoutWaitMs ?? 250;
    this.downForMs = options.downForMs ?? 1000;
  }

  get kind(): Store['kind'] {
    return this.inner.kind;
  }

  /** False while the store is known to be unreachable (Redis disconnected). */
  isConnected(): boolean {
    return this.inner.isConnected?.() ?? true;
  }

  /** Disconnected, or a call failed within the last downForMs: a write now would likely fail midway. */
  knownDown(): boolean {
    return !this.isConnected() || this.now() < this.downUntil;
  }

  // --- the two guards ----------------------------------------------------------------------------

  /** Runs one store call; a failure of the store becomes the coded 503. */
  private async call<T>(operation: () => Promise<T>, callerErrors?: WeakSet<object>): Promise<T> {
    if (!this.isConnected()) throw this.failed(undefined);
    try {
      const value = await operation();
      this.downUntil = 0;
      return value;
    } catch (error) {
      if (error instanceof RateBridgeError) throw error;
      if (callerErrors && typeof error === 'object' && error && callerErrors.has(error)) throw error;
      throw this.failed(error);
    }
  }

  private failed(cause: unknown) {
    this.downUntil = this.now() + this.downForMs;
    return storeUnavailable(cause);
  }

  /** A checkout's call: the store if it answers soon, else what `stand` offers, else the store's answer. */
  private checkout<T>(operation: () => Promise<T>, stand: Stand<T>): Promise<T> {
    // Known down: answer from memory without asking; the store is asked again once downForMs has passed.
    if (this.now() < this.downUntil || !this.isConnected()) {
      const offer = stand();
      if (offer.found) return Promise.resolve(offer.value);
    }
    const call = this.call(operation);
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        const offer = stand();
        if (offer.found) resolve(offer.value);
      }, this.checkoutWaitMs);
      call.then(
        (value) => (clearTimeout(timer), resolve(value)),
        (error: unknown) => {
          clearTimeout(timer);
          const offer = stand();
          if (offer.found) resolve(offer.value);
          else reject(error as Error);
        },
      );
    });
  }

  private read<T>(operation: () => Promise<T>, stand: Stand<T>): Promise<T> {
    return inCheckout() ? this.checkout(operation, stand) : this.call(operation);
  }

  // --- documents ---------------------------------------------------------------------------------

  writeGeneration(tenant: string): number {
    return this.generations.get(tenant) ?? 0;
  }

  /** Counted before the write and again after it: a read racing the write sees a change either way. */
  private async written<T>(tenant: string, write: () => Promise<T>): Promise<T> {
    this.bump(tenant);
    try {
      return await write();
    } finally {
      this.bump(tenant);
    }
  }

  private bump(tenant: string): void {
    this.generations.set(tenant, (this.generations.get(tenant) ?? 0) + 1);
  }

  async getDoc(ref: DocRef): Promise<JsonValue | undefined> {
    return this.read(
      async () => {
        const value = await this.inner.getDoc(ref);
        this.copies.rememberRead(ref, value);
        return value;
      },
      () => this.copies.doc(ref),
    );
  }

  /** As getDoc, uncopied where the inner store can (embedded); a copy where it cannot. */
  async getDocShared(ref: DocRef): Promise<JsonValue | undefined> {
    return this.read(
      async () => {
        const value = await (this.inner.getDocShared ?? this.inner.getDoc).call(this.inner, ref);
        this.copies.rememberRead(ref, value);
        return value;
      },
      () => this.copies.doc(ref),
    );
  }

  async listDocs(tenant: string, kind: string): Promise<Map<string, JsonValue>> {
    return this.read(
      async () => {
        const listing = await this.inner.listDocs(tenant, kind);
        this.copies.rememberListingRead(tenant, kind, listing);
        return listing;
      },
      () => {
        const listing = this.copies.listing(tenant, kind);
        return listing ? found(listing) : { found: false };
      },
    );
  }

  async putDoc(ref: DocRef, value: JsonValue): Promise<void> {
    await this.written(ref.tenant, () => this.call(() => this.inner.putDoc(ref, value)));
    this.copies.rememberDoc(ref, value);
  }

  async putDocIfAbsent(ref: DocRef, value: JsonValue): Promise<boolean> {
    const stored = await this.written(ref.tenant, () =>
      this.call(() => this.inner.putDocIfAbsent(ref, value)),
    );
    if (stored) this.copies.rememberDoc(ref, value);
    return stored;
  }

  async updateDoc(ref: DocRef, updater: Updater): Promise<JsonValue | undefined> {
    const callerErrors = new WeakSet<object>();
    const guarded: Updater = (current) => {
      try {
        return updater(current);
      } catch (error) {
        if (typeof error === 'object' && error) callerErrors.add(error);
        throw error;
      }
    };
    const stored = await this.written(ref.tenant, () =>
      this.call(() => this.inner.updateDoc(ref, guarded), callerErrors),
    );
    this.copies.rememberDoc(ref, stored);
    return stored;
  }

  async deleteDoc(ref: DocRef): Promise<boolean> {
    const deleted = await this.written(ref.tenant, () => this.call(() => this.inner.deleteDoc(ref)));
    this.copies.rememberDoc(ref, undefined);
    return deleted;
  }

  async deleteTenant(tenant: string): Promise<void> {
    await this.written(tenant, () => this.call(() => this.inner.deleteTenant(tenant)));
    this.copies.forgetTenant(tenant);
  }

  // --- cache, marks, lists, counters, locks ------------------------------------------------------

  cacheGet(key: string): Promise<JsonValue | undefined> {
    return this.read(
      () => this.inner.cacheGet(key),
      () => found(undefined),
    );
  }

  cacheSet(key: string, value: JsonValue, ttlMs: number): Promise<void> {
    return this.read(
      () => this.inner.cacheSet(key, value, ttlMs),
      () => found(undefined),
    );
  }

  cacheSetIfAbsent(key: string, value: JsonValue, ttlMs: number): Promise<boolean> {
    return this.read(
      () => this.inner.cacheSetIfAbsent(key, value, ttlMs),
      () => found(this.marks.setIfAbsent(key, ttlMs)),
    );
  }

  cacheDelete(key: string): Promise<void> {
    return this.read(
      () => this.inner.cacheDelete(key),
      () => found(undefined),
    );
  }

  /** Never stood in for: a used sign-in link must stay used on every instance. */
  claimOnce(key: string, ttlMs: number): Promise<boolean> {
    return this.call(() => this.inner.claimOnce(key, ttlMs));
  }

  listPush(tenant: string, name: string, value: JsonValue, cap: number): Promise<void> {
    return this.read(
      () => this.inner.listPush(tenant, name, value, cap),
      () => found(undefined),
    );
  }

  listRange(tenant: string, name: string, offset: number, limit: number): Promise<JsonValue[]> {
    return this.call(() => this.inner.listRange(tenant, name, offset, limit));
  }

  listLength(tenant: string, name: string): Promise<number> {
    return this.call(() => this.inner.listLength(tenant, name));
  }

  increment(key: string, by: number, ttlMs: number): Promise<number> {
    return this.read(
      () => this.inner.increment(key, by, ttlMs),
      () => found(this.marks.increment(key, by, ttlMs)),
    );
  }

  acquireLock(key: string, ttlMs: number): Promise<LockHandle | undefined> {
    if (!inCheckout()) return this.call(() => this.inner.acquireLock(key, ttlMs));
    // Answered in process, a lock the store grants late is given back: held, it would stall other instances.
    let answeredLocally = false;
    const real = async () => {
      const handle = await this.inner.acquireLock(key, ttlMs);
      if (answeredLocally && handle) void this.inner.releaseLock(handle).catch(() => undefined);
      return handle;
    };
    return this.checkout(real, () => {
      answeredLocally = true;
      return found(this.marks.acquireLock(key, ttlMs));
    });
  }

  async releaseLock(handle: LockHandle): Promise<void> {
    if (this.marks.isLocalLock(handle)) return this.marks.releaseLock(handle);
    return this.read(
      () => this.inner.releaseLock(handle),
      () => found(undefined),
    );
  }

  // --- lifecycle ---------------------------------------------------------------------------------

  ping(): Promise<void> {
    return this.call(() => this.inner.ping());
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

/** True while the store is known to be down (disconnected, or a call just failed). */
export function storeKnownDown(store: Store): boolean {
  return store instanceof GuardedStore ? store.knownDown() : store.isConnected?.() === false;
}

/** Wraps a store once (a store already guarded is returned as it is). */
export function guardStore(store: Store, options?: GuardedStoreOptions): GuardedStore {
  return store instanceof GuardedStore ? store : new GuardedStore(store, options);
}
