/**
 * Reads from the store for one runner: transient failures are retried after the configured waits, a
 * stripped Authorization header switches the connection to query-string auth once and reads again, and
 * anything else fails the sync with the failure's description.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { describeFailure, isTransient, type WooClient, type WooFailure } from '../woocommerce-client.js';
import type { SyncContext } from './sync-context.js';
import { SyncFailure, SyncStopped } from './sync-errors.js';

type StoreRead<T> = (woo: WooClient) => Promise<{ ok: true; value: T } | { ok: false; failure: WooFailure }>;
export type FetchWithRetry = <T>(load: StoreRead<T>) => Promise<T>;

export function createFetchWithRetry(
  ctx: SyncContext,
  tenant: string,
  opened: WooClient,
  signal: AbortSignal,
): FetchWithRetry {
  let client = opened;
  return async (load) => {
    for (let attempt = 0; ; attempt += 1) {
      if (signal.aborted) throw new SyncStopped();
      const result = await load(client);
      if (result.ok) return result.value;
      if (signal.aborted || result.failure.kind === 'cancelled') throw new SyncStopped();
      if (result.failure.kind === 'header-stripped') {
        const switched = await ctx.stores.switchToQueryAuth(tenant);
        if (switched && switched.auth === 'query' && client.auth !== 'query') {
          client = switched;
          continue;
        }
      }
      const delay = ctx.retryDelays[attempt];
      if (!isTransient(result.failure) || delay === undefined)
        throw new SyncFailure(describeFailure(result.failure));
      await sleep(delay, undefined, { signal }).catch(() => undefined);
    }
  };
}
