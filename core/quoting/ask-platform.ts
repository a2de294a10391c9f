/**
 * A cache miss: the platform asked through the shared flight (joined when one is already running in this
 * process), waited for no longer than the checkout's deadline. A refusal of the token's budget is
 * answered from the lane's last-known-good quote when there is one.
 */
import type { PlatformQuoteRequest, QuoteResult } from '../platforms/freight-platform.js';
import type { UsableConnection } from '../tokens/token-lifecycle.js';
import { readLastKnownGood } from './last-known-good.js';
import { flyShared, type Flight, type FlightKeys, type FlightSettings } from './shared-flight.js';
import { untilAborted } from './wait-for-deadline.js';

export async function askPlatform(
  settings: FlightSettings,
  flights: Map<string, Promise<Flight>>,
  keys: FlightKeys,
  usable: UsableConnection,
  request: PlatformQuoteRequest,
  signal: AbortSignal,
): Promise<Flight> {
  let running = flights.get(keys.cache);
  const shared = running !== undefined;
  if (!running) {
    running = flyShared(settings, keys, usable, request).finally(() => flights.delete(keys.cache));
    flights.set(keys.cache, running);
  }
  const landed = await untilAborted(running, signal);
  if (landed === undefined) {
    const detail = `${usable.platform.displayName} did not answer before the checkout's deadline.`;
    const result: QuoteResult = { ok: false, failure: { reason: 'timeout', detail } };
    return { result, cache: shared ? 'shared' : 'miss' };
  }
  if (!landed.result.ok && landed.result.failure.reason === 'budget_exhausted') {
    const kept = await readLastKnownGood(settings.store, keys.lane, settings.lastKnownGoodMs, settings.now());
    if (kept) return { result: kept, cache: 'last-known-good' };
  }
  return { result: landed.result, cache: shared ? 'shared' : landed.cache };
}
