/**
 * The alerts, built from config's SMTP and fallback settings and already listening: to token health and
 * to budget refusals, so an incident opens without any front end asking for it.
 */
import {
  createAlerts,
  createMailer,
  watchBudgets,
  watchTokenHealth,
  type AlertMailer,
} from './alerts/index.js';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import type { PlatformBudgets } from './quoting/budget/platform-budgets.js';
import type { RateLog } from './quoting/rate-log.js';
import type { PlatformRegistry } from './platforms/registry.js';
import type { Store } from './storage/store.js';
import type { TokenLifecycle } from './tokens/token-lifecycle.js';

export interface AlertsParts {
  readonly config: Config;
  readonly store: Store;
  readonly logger: Logger;
  readonly rateLog: RateLog;
  readonly tokens: TokenLifecycle;
  readonly platforms: PlatformRegistry;
  readonly budgets: PlatformBudgets;
}

/** Tests set the alerts' clock; the mailer is built from config's SMTP settings unless given. */
export interface AlertsOverrides {
  readonly now?: () => number;
  readonly mailer?: AlertMailer;
}

export function startAlerts(parts: AlertsParts, overrides: AlertsOverrides = {}) {
  const { config, tokens, platforms, budgets } = parts;
  const alerts = createAlerts({
    store: parts.store,
    logger: parts.logger,
    rateLog: parts.rateLog,
    mailer: overrides.mailer ?? (config.alerts.mail ? createMailer(config.alerts.mail) : undefined),
    publicUrl: config.publicUrl,
    fallback: config.alerts.fallback,
    ...(overrides.now ? { now: overrides.now } : {}),
  });
  watchTokenHealth(alerts.ctx, tokens, platforms);
  watchBudgets(alerts.ctx, budgets, tokens, platforms);
  return alerts;
}
