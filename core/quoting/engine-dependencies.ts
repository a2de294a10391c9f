/** What the quote engine is built from, and what one quote answers. */
import type { Logger } from '../logger.js';
import type { TokenLifecycle } from '../tokens/token-lifecycle.js';
import type {
  DefaultBox,
  GroupPacking,
  PackagingProfile,
  PackingSetup,
  PickupLocation,
} from './packaging-types.js';
import type { PackingMemo } from './packing/packing-memo.js';
import type { QuoteSettings, QuoteSettingsStore } from './quote-settings.js';
import type { QuoteRequest, Rate } from './quote-request.js';
import type { RateLog, RateLogEntry } from './rate-log.js';
import type { UpstreamQuoter } from './upstream-quoter.js';

/** What the engine needs of the catalog (core/catalog implements it). */
export interface PackagingSource {
  profilesFor(
    tenant: string,
    lines: readonly { sku?: string; variantId?: string }[],
  ): Promise<ReadonlyMap<number, PackagingProfile>>;
  getDefaultBox(tenant: string): Promise<DefaultBox | undefined>;
  /** The merchant's boxes and packing settings; absent or no boxes: one package set per unit. */
  packingSetup?(tenant: string): Promise<PackingSetup>;
  recordSeenAtCheckout(
    tenant: string,
    item: { sku?: string; variantId?: string; grams?: number },
  ): Promise<void>;
}

/** What the engine needs of the pickup locations (core/locations implements it). */
export interface LocationSource {
  pickupLocations(tenant: string): Promise<readonly PickupLocation[]>;
}

export interface QuoteEngineOptions {
  readonly tokens: TokenLifecycle;
  readonly packaging: PackagingSource;
  readonly locations: LocationSource;
  readonly settings: QuoteSettingsStore;
  readonly upstream: UpstreamQuoter;
  readonly rateLog: RateLog;
  readonly logger: Logger;
  readonly deadlineMs: number;
  readonly now?: () => number;
  /**
   * Told of every recorded quote as it is answered, with its rate-log entry (`outcome` says where the
   * rates came from): what metrics and alerts count. Must not throw or wait; previews are not told.
   */
  readonly onQuoted?: (tenant: string, entry: RateLogEntry) => void;
  /** Packing results kept across quotes (default: the engine's own, packing/packing-memo.ts). */
  readonly packingMemo?: PackingMemo;
  /** Answers reused for the same cart within a second (answer-memo.ts); absent: every cart is quoted. */
  readonly answerMemo?: AnswerMemo;
}

export interface QuoteOutcome {
  readonly rates: readonly Rate[];
  readonly source: 'live' | 'fallback' | 'none';
  readonly fallbackReason?: string;
  /** The rate-log entry, for the admin's test quote. */
  readonly log: RateLogEntry;
  /** Each pickup group's packing with every placement, for the test quote's picture. */
  readonly packing?: readonly (GroupPacking & { readonly locationId: string })[];
}

export interface QuoteOverrides {
  readonly deadlineMs?: number;
  readonly settings?: QuoteSettings;
  readonly record?: boolean;
}

/** Answers kept for the same cart within a second (answer-memo.ts makes one and says when one is reused). */
export interface AnswerMemo {
  /** The tenant's document-write generation now: read before a quote begins, handed to `keep`. */
  generation(tenant: string): number;
  /** The kept answer for this cart, when it is still as fresh as a new quote. */
  find(tenant: string, request: QuoteRequest, now: number): QuoteOutcome | undefined;
  /** Keeps an answer quoted from `generation` (read before the quote began) at `startedAt`. */
  keep(
    tenant: string,
    request: QuoteRequest,
    outcome: QuoteOutcome,
    generation: number,
    startedAt: number,
  ): void;
}
