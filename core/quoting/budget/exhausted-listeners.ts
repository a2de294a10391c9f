/**
 * Who hears that a budget refused a request (the alerts). A listener that throws is logged and the rest
 * still hear: a broken alert must not turn a refusal into a failed checkout.
 */
import type { Logger } from '../../logger.js';

/** What a listener hears when a budget refuses a request (the alerts read it; no secret in it). */
export interface BudgetExhausted {
  readonly tenant: string;
  readonly connectionId: string;
  readonly platform: string;
  readonly window: 'minute' | 'day';
  readonly retryAfterMs: number;
}

export function createExhaustedListeners(logger: Logger) {
  const listeners: ((event: BudgetExhausted) => void)[] = [];
  return {
    add(listener: (event: BudgetExhausted) => void): void {
      listeners.push(listener);
    },
    tell(event: BudgetExhausted): void {
      for (const listener of listeners) {
        try {
          listener(event);
        } catch (error) {
          logger.error({ err: error, tenant: event.tenant }, 'a budget listener failed');
        }
      }
    },
  };
}
