/**
 * Outbound budgets: each token may send at most its platform's published requests per minute and per
 * day (`FreightPlatform.limits`), or its connection's own figures (`ConnectionRecord.budget`), counted
 * across every instance. Quoting attaches `gateFor(...)` to the credentials of each call, and the
 * platform's HTTP client asks it before every request; a refusal sends nothing.
 *
 * Counted per token (platform and keyed fingerprint of the token, never the token), not per connection:
 * the limits are the token's, whichever path spends them (checkout, token checks, suburb searches).
 */
import type {
  BudgetDecision,
  CallBudget,
  CallLimits,
  FreightPlatform,
} from '../../platforms/freight-platform.js';
import type { Logger } from '../../logger.js';
import type { Fingerprinter } from '../../security/fingerprint.js';
import type { ConnectionBudget } from '../../wire/admin-api-types.js';
import type { Store } from '../../storage/store.js';
import type { UsableConnection } from '../../tokens/token-lifecycle.js';
import { createDayWindow } from './calendar-day.js';
import { counterFactoryFor } from '../../storage/budget-counters.js';
import { createSlidingWindow } from './sliding-minute.js';
import { createBudgetUsage } from './budget-usage.js';

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
  readonly fingerprinter: Fingerprinter;
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
  const usage = createBudgetUsage();

  async function spend(platform: string, subject: string, limits: CallLimits): Promise<BudgetDecision> {
    const at = now();
    const perMinute = await minute.take(subject, limits.perMinute, at);
    usage.record(subject, { platform, window: 'minute', used: perMinute.used, limit: limits.perMinute });
    if (!perMinute.granted) return { granted: false, window: 'minute', retryAfterMs: perMinute.retryAfterMs };
    const perDay = await day.take(subject, limits.perDay, at);
    usage.record(subject, { platform, window: 'day', used: perDay.used, limit: limits.perDay });
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

  /** A token's budget; `who` says whose checkout or check it is, for listeners (absent: not told). */
  function gate(
    platform: FreightPlatform,
    token: string,
    own: ConnectionBudget | null | undefined,
    who?: { tenant: string; connectionId: string },
  ): CallBudget {
    const limits = limitsOf(platform, own);
    const subject = `${platform.name}:${options.fingerprinter.fingerprint(token)}`;
    return {
      async spend() {
        const decision = await spend(platform.name, subject, limits).catch((error: unknown) => {
          // A counter that cannot count refuses: the checkout answers from saved prices instead.
          options.logger.error({ err: error, tenant: who?.tenant }, 'the outbound budget could not be read');
          return { granted: false, window: 'minute', retryAfterMs: 1000 } as const;
        });
        if (!decision.granted && who) {
          const { window, retryAfterMs } = decision;
          tell({ ...who, platform: platform.name, window, retryAfterMs });
        }
        return decision;
      },
    };
  }

  return {
    gate,
    /** The budget of a connection's token as quoting spends it, telling listeners when it refuses. */
    gateFor(tenant: string, usable: UsableConnection): CallBudget {
      return gate(usable.platform, usable.credentials.token, usable.connection.budget, {
        tenant,
        connectionId: usable.connection.id,
      });
    },
    /** The last counts this instance saw per token and window (the `budget used` gauge of /metrics). */
    usage: () => usage.readings(),
    /** Called on every refused request; incidents are the listener's business (one per episode). */
    onExhausted(listener: (event: BudgetExhausted) => void): void {
      listeners.push(listener);
    },
  };
}

export type PlatformBudgets = ReturnType<typeof createPlatformBudgets>;

/** The platform's published limits, with whatever the connection overrides. */
export function limitsOf(platform: FreightPlatform, own: ConnectionBudget | null | undefined): CallLimits {
  return {
    perMinute: own?.perMinute ?? platform.limits.perMinute,
    perDay: own?.perDay ?? platform.limits.perDay,
  };
}
