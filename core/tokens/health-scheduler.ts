import type { Logger } from '../logger.js';
import { runEvery } from '../run-every.js';
import type { TokenLifecycle } from './token-lifecycle.js';

/**
 * Runs due token checks every `everyMs` (a minute by default). Each connection carries its own staggered
 * `nextCheckAt`, so this tick is cheap when nothing is due; locks make N instances check each token once.
 */
export function startHealthScheduler(
  tokens: TokenLifecycle,
  logger: Logger,
  everyMs = 60_000,
): { stop: () => Promise<void> } {
  return runEvery(
    () =>
      tokens
        .runDueChecks()
        .then((checked) => checked > 0 && logger.info({ checked }, 'scheduled token checks done'))
        .catch((error: unknown) => logger.error({ err: error }, 'token health pass failed')),
    everyMs,
  );
}
