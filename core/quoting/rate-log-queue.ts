/**
 * The rate log's writes, off the checkout's path: `add` only queues the entry; a flush every FLUSH_MS (or
 * once BATCH entries wait) hands the queue to the store in one go, so the embedded store writes them as one
 * journal append and one fdatasync, and Redis pipelines them. A slow disk or store delays the flush, never an
 * answer. Bounded: while more than MAX_QUEUED entries wait (the store stalled under full load), new ones are
 * dropped and counted. Loss window on a crash: the entries of the last FLUSH_MS plus one flush in flight
 * (docs/performance.md, "Rate log").
 */
import type { JsonValue, Store } from '../storage/store.js';

export const FLUSH_MS = 200;
const BATCH = 256;
export const MAX_QUEUED = 20_000;

export interface RateLogQueueOptions {
  readonly list: string;
  readonly cap: number;
  readonly maxQueued?: number;
}

export function createRateLogQueue(store: Store, options: RateLogQueueOptions) {
  const maxQueued = options.maxQueued ?? MAX_QUEUED;
  let queued: { tenant: string; entry: JsonValue }[] = [];
  let timer: NodeJS.Timeout | undefined;
  let flushing: Promise<void> | undefined;
  let dropped = 0;

  /** Writes what is queued now (and what queues meanwhile), one batch at a time; never rejects. */
  function flush(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = undefined;
    flushing ??= (async () => {
      while (queued.length > 0) {
        const batch = queued;
        queued = [];
        // Called in order in one turn: each store keeps the pushes' order and writes them together.
        await Promise.allSettled(
          batch.map(({ tenant, entry }) => store.listPush(tenant, options.list, entry, options.cap)),
        );
      }
    })().finally(() => {
      flushing = undefined;
      if (queued.length > 0) schedule();
    });
    return flushing;
  }

  function schedule(): void {
    timer ??= setTimeout(() => void flush(), FLUSH_MS).unref();
  }

  return {
    add(tenant: string, entry: JsonValue): void {
      if (queued.length >= maxQueued) {
        dropped += 1;
        return;
      }
      queued.push({ tenant, entry });
      // While a flush runs, its loop takes these too.
      if (flushing) return;
      if (queued.length >= BATCH) void flush();
      else schedule();
    },
    flush,
    /** Entries refused since start because the queue was full. */
    dropped: () => dropped,
  };
}
