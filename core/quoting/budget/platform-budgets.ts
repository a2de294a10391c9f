/**
 * Outbound budgets: each token may send at most its platform's published requests per minute and per
 * day (`FreightPlatform.limits`), or its connection's own figures (`ConnectionRecord.budget`), counted
 * across every instance. Quoting attaches `gateFor(...)` to the credentials of each call, and the
 * platform's HTTP client asks it before every request; a refusal sends nothing.
 *
 * Counted per token (platform and keyed fingerprint), not per connection: the limits are the token's.
 */
import type { BudgetDecision, CallBudget, CallLimits } from '../../platforms/freight-platform.js';
import type { Logger } from '../../logger.js';
import type { Store } from '../../storage/store.js';
import type { UsableConnection } from '../../tokens/token-lifecycle.js';
import { createDayWindow } from './calendar-day.js';
import { counterFactoryFor } from '../../storage/budget-counters.js';
import { createSlidingWindow } from './sliding-minute.js';

/** What a listener hears when a budget refuses a request (the alerts read it; no secret in it). */
export interface BudgetExhausted {
  readonly tenant: string;
  readonly connectionId: string;
  readonly platform: string;
  readonly window: 'minute' | 'day';
  readonly retryAfterMs: number;
}

export interface PlatformBudgetsOptions {
  readonly store: Store;
  readonly logger: Logger;
  readonly now?: () => number;
  /** The "minute" of per-minute limits; tests shorten it to drive a minute's load in seconds. */
  readonly minuteMs?: number;
}

export function createPlatformBudgets(options: PlatformBudgetsOptions) {
  const now = options.now ?? Date.now;
  const counters = counterFactoryFor(options.store);
  const minute = createSlidingWindow(counters, options.minuteMs ?? 60_000);
  const day = createDayWindow(counters);
  const listeners: ((event: BudgetExhausted) => void)[] = [];

  async function spend(subject: string, limits: CallLimits): Promise<BudgetDecision> {
    const at = now();
    const perMinute = await minute.take(subject, limits.perMinute, at);
    if (!perMinute.granted) return { granted: false, window: 'minute', retryAfterMs: perMinute.retryAfterMs };
    const perDay = await day.take(subject, limits.perDay, at);
    if (perDay.granted) return { granted: true };
    await minute.giveBack(subject, at);
    return { granted: false, window: 'day', retryAfterMs: perDay.retryAfterMs };
  }

  function tell(event: BudgetExhausted): void {
    for (const listener of listeners) {
      try {
        listener(event);
      } catch (error) {
        options.logger.error({ err: error, tenant: event.tenant }, 'a budget listener failed');
      }
    }
  }

  return {
    /** The budget of this connection's token, refusing (and telling listeners) once it is spent. */
    gateFor(tenant: string, usable: UsableConnection): CallBudget {
      const limits = limitsOf(usable);
      const subject = `${usable.platform.name}:${usable.tokenFingerprint}`;
      return {
        async spend() {
          const decision = await spend(subject, limits).catch((error: unknown) => {
            // A counter that cannot count refuses: the checkout answers from saved prices instead.
            options.logger.error({ err: error, tenant }, 'the outbound budget could not be read');
            return { granted: false, window: 'minute', retryAfterMs: 1000 } as const;
          });
          if (!decision.granted) {
            const { window, retryAfterMs } = decision;
            tell({
              tenant,
              connectionId: usable.connection.id,
              platform: usable.platform.name,
              window,
              retryAfterMs,
            });
          }
          return decision;
        },
      };
    },
    /** Called on every refused request; incidents are the listener's business (one per episode). */
    onExhausted(listener: (event: BudgetExhausted) => void): void {
      listeners.push(listener);
    },
  };
}

export type PlatformBudgets = ReturnType<typeof createPlatformBudgets>;

/** The platform's published limits, with whatever the connection overrides. */
export function limitsOf(usable: UsableConnection): CallLimits {
  const own = usable.connection.budget ?? {};
  return {
    perMinute: own.perMinute ?? usable.platform.limits.perMinute,
    perDay: own.perDay ?? usable.platform.limits.perDay,
  };
}
