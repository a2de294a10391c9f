import type { Logger } from '../logger.js';
import { runEvery } from '../run-every.js';
import type { Alerts } from './alerts.js';

/**
 * Every `everyMs` (a minute by default): evaluates the fallback share of every tenant with recent checkouts
 * (measured over five minutes, so a minute's tick sees a change within one) and resolves budget episodes
 * that went quiet.
 */
export function startAlertScheduler(
  alerts: Pick<Alerts, 'tick'>,
  logger: Logger,
  everyMs = 60_000,
): { stop: () => Promise<void> } {
  return runEvery(
    () => alerts.tick().catch((error: unknown) => logger.error({ err: error }, 'fallback share pass failed')),
    everyMs,
  );
}
