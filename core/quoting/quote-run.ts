/** One quote in progress: what every step of it reads, and the trace the rate log is built from. */
import type { PackedGroup } from './build-packages.js';
import type { PackingMemo } from './packing/packing-memo.js';
import type { QuoteEngineOptions, QuoteOverrides } from './engine-dependencies.js';
import type { QuoteRequest } from './quote-request.js';
import type { QuoteSettings } from './quote-settings.js';
import type { RateLogEntry } from './rate-log.js';
import type { Resolution } from './resolve-delivery-options.js';

/** The engine's dependencies with the clock and the packing memo resolved, shared by every quote. */
export interface EngineContext extends QuoteEngineOptions {
  readonly now: () => number;
  readonly packingMemo: PackingMemo;
}

export interface QuoteRun {
  readonly tenant: string;
  readonly request: QuoteRequest;
  readonly overrides: QuoteOverrides;
  readonly deadline: AbortSignal;
  readonly started: number;
  readonly settings: QuoteSettings;
  /** Filled once the cart is packed; empty in the log of a quote that stopped before. */
  groups: readonly PackedGroup[];
  /** The delivery options per group (location id), resolved by quote-groups once the cart is packed. */
  delivery?: ReadonlyMap<string, Resolution>;
  /** Each (group, connection) call as it lands. */
  readonly upstreamCalls: RateLogEntry['upstream'][number][];
}
