/** The platform-facing quoter, tuned from config's cache, staleness and timeout settings. */
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import type { PlatformBudgets } from './quoting/budget/platform-budgets.js';
import { createUpstreamQuoter, type UpstreamQuoterOptions } from './quoting/upstream-quoter.js';
import type { Store } from './storage/store.js';

/** Tests tune the breaker. */
export type UpstreamOverrides = Partial<
  Pick<UpstreamQuoterOptions, 'breakerThreshold' | 'breakerHalfOpenAfterMs'>
>;

export function upstreamFromConfig(
  config: Config,
  parts: { readonly store: Store; readonly budgets: PlatformBudgets; readonly logger: Logger },
  overrides: UpstreamOverrides = {},
) {
  return createUpstreamQuoter({
    store: parts.store,
    cacheTtlMs: config.quote.cacheTtlMs,
    staleMs: config.quote.staleMs,
    lastKnownGoodMs: config.quote.lastKnownGoodMs,
    budgets: parts.budgets,
    callTimeoutMs: config.platforms.timeoutMs,
    onError: (error) => parts.logger.error({ err: error }, 'a background quote refresh failed'),
    ...overrides,
  });
}
