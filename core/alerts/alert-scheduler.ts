import type { Logger } from '../logger.js';
import type { Alerts } from './alerts.js';

/**
 * Evaluates the fallback share of every tenant with recent checkouts, every `everyMs` (a minute by
 * default): the share is measured over five minutes, so a minute's tick sees a change within one.
 */
export function startAlertScheduler(
  alerts: Pick<Alerts, 'evaluateFallbackShares'>,
  logger: Logger,
  everyMs = 60_000,
): { stop: () => Promise<void> } {
  let running: Promise<unknown> | undefined;
  const timer = setInterval(() => {
    if (running) return;
    running = alerts
      .evaluateFallbackShares()
      .catch((error: unknown) => logger.error({ err: error }, 'fallback share pass failed'))
      .finally(() => (running = undefined));
  }, everyMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
