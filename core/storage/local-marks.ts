/**
 * Stand-ins, kept in this process only, for the store's short-lived marks while it is down: replay marks,
 * single-flight locks and counters still hold within one instance, so a checkout keeps its protections
 * (a replayed signature is refused here) instead of losing them or failing.
 */
import { randomBytes } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { entryBound } from '../entry-bound.js';
import type { LockHandle } from './store.js';

const LOCAL_LOCK_PREFIX = 'local:';

export function createLocalMarks(now: () => number = Date.now) {
  const marks = new LRUCache<string, { value: number; expiresAt: number }>(entryBound(100_000));
  const live = (key: string) => {
    const mark = marks.get(key);
    if (mark && mark.expiresAt > now()) return mark;
    marks.delete(key);
    return undefined;
  };
  return {
    setIfAbsent(key: string, ttlMs: number): boolean {
      if (live(`set:${key}`)) return false;
      marks.set(`set:${key}`, { value: 1, expiresAt: now() + ttlMs });
      return true;
    },
    increment(key: string, by: number, ttlMs: number): number {
      const mark = live(`ctr:${key}`);
      const value = (mark?.value ?? 0) + by;
      marks.set(`ctr:${key}`, { value, expiresAt: mark?.expiresAt ?? now() + ttlMs });
      return value;
    },
    acquireLock(key: string, ttlMs: number): LockHandle | undefined {
      if (live(`lock:${key}`)) return undefined;
      marks.set(`lock:${key}`, { value: 1, expiresAt: now() + ttlMs });
      return { key, token: `${LOCAL_LOCK_PREFIX}${randomBytes(8).toString('hex')}` };
    },
    isLocalLock: (handle: LockHandle) => handle.token.startsWith(LOCAL_LOCK_PREFIX),
    releaseLock(handle: LockHandle): void {
      marks.delete(`lock:${handle.key}`);
    },
  };
}

export type LocalMarks = ReturnType<typeof createLocalMarks>;
