/**
 * Which tenants' fallback share to evaluate: those with checkouts on this instance in the last window
 * (every instance evaluates its own; the verdict lives in the store, so they agree). One pass evaluates
 * each and forgets tenants gone quiet.
 */
import type { RateLog } from '../quoting/rate-log.js';
import type { AlertsContext } from './alerts-context.js';
import { evaluateFallbackShare, FALLBACK_WINDOW_MS } from './evaluate-fallback-share.js';

export function watchFallbackShare(ctx: AlertsContext, rateLog: Pick<RateLog, 'page'>) {
  const quoting = new Map<string, number>();
  return {
    /** A checkout was answered for `tenant`. */
    noteCheckout(tenant: string): void {
      quoting.set(tenant, ctx.now());
    },
    /** One pass; returns how many tenants were evaluated. */
    async evaluateAll(): Promise<number> {
      let evaluated = 0;
      for (const [tenant, at] of quoting) {
        if (ctx.now() - at > FALLBACK_WINDOW_MS) quoting.delete(tenant);
        await evaluateFallbackShare(ctx, rateLog, tenant).then(
          () => (evaluated += 1),
          (error: unknown) =>
            ctx.logger.error({ err: error, tenant }, 'evaluating the fallback share failed'),
        );
      }
      return evaluated;
    },
  };
}
