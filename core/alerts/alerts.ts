/**
 * Merchant alerts: incidents opened when something breaks a merchant's checkout, shown in the admin on
 * every page (GET /admin/api/incidents) and mailed when SMTP is configured, with a "resolved" mail when the
 * condition clears. One operation per file; this file only composes them over one shared context.
 *
 * Who opens what:
 *   token_revoked / token_unusable  the token lifecycle's status changes (watch-token-health.ts)
 *   budget_exhausted                the outbound budget, through `budgetExhausted` (a callback for quoting)
 *   fallback_share_high             `evaluateFallbackShares`, every minute from the alert scheduler
 *   carrier_service_removed         the Shopify front end's carrier-service check, through `open`/`resolve`
 *   store_key_revoked               the WooCommerce bridge's key check, through `storeKeyRevoked`/`resolve`
 */
import { createAlertsContext, type AlertsOptions } from './alerts-context.js';
import { evaluateFallbackShare } from './evaluate-fallback-share.js';
import type { IncidentKind } from './incident.js';
import type { IncidentFacts } from './incident-wording.js';
import { listIncidents } from './list-incidents.js';
import { countOpenIncidents, forgetTenant } from './open-incidents-index.js';
import { openIncident } from './open-incident.js';
import { resolveIncident } from './resolve-incident.js';
import { resolveQuietEpisodes } from './resolve-quiet-episodes.js';
import { watchFallbackShare } from './watch-fallback-share.js';
import { reportBudgetExhausted, reportBudgetRestored, type BudgetConnection } from './report-budget.js';
import type { RateLog } from '../quoting/rate-log.js';

export type { AlertsOptions } from './alerts-context.js';

export function createAlerts(options: AlertsOptions & { readonly rateLog: Pick<RateLog, 'page'> }) {
  const ctx = createAlertsContext(options);
  const fallbackShare = watchFallbackShare(ctx, options.rateLog);
  const quiet = (what: string, tenant: string) => (error: unknown) => {
    ctx.logger.error({ err: error, tenant }, `${what} failed`);
  };
  const idle = async (): Promise<void> => {
    while (ctx.deliveries.size > 0) await Promise.allSettled([...ctx.deliveries]);
  };

  return {
    ctx,
    open: (tenant: string, facts: IncidentFacts) => openIncident(ctx, tenant, facts),
    resolve: (tenant: string, kind: IncidentKind, subject: string) =>
      resolveIncident(ctx, tenant, kind, subject),
    list: (tenant: string) => listIncidents(ctx, tenant),
    countOpen: () => countOpenIncidents(ctx.store),
    /** After a tenant is erased (its incidents went with it): drops it from the open-incidents index. */
    forget: (tenant: string) => forgetTenant(ctx.store, tenant),

    /** For the outbound budget (quoting): never rejects, so a checkout need not await it. */
    budgetExhausted: (tenant: string, connection: BudgetConnection) =>
      reportBudgetExhausted(ctx, tenant, connection),
    budgetRestored: (tenant: string, connectionId: string) => reportBudgetRestored(ctx, tenant, connectionId),
    /** For the WooCommerce key check: the store refused the key (`false` once it accepts it again). */
    async storeKeyRevoked(tenant: string, revoked: boolean): Promise<void> {
      if (revoked) await openIncident(ctx, tenant, { kind: 'store_key_revoked' });
      else await resolveIncident(ctx, tenant, 'store_key_revoked', 'woocommerce');
    },

    /** A checkout was answered for `tenant` (the fallback share is then watched for it). */
    noteCheckout: fallbackShare.noteCheckout,
    evaluateFallbackShare: (tenant: string) => evaluateFallbackShare(ctx, options.rateLog, tenant),
    /** One pass over the tenants with checkouts in the last window; returns how many were evaluated. */
    evaluateFallbackShares: fallbackShare.evaluateAll,

    /** Budget incidents with no report for five minutes are over: resolves them. */
    resolveQuietEpisodes: () => resolveQuietEpisodes(ctx),
    /** The scheduler's minute: fallback shares, then quiet episodes. */
    async tick(): Promise<void> {
      await fallbackShare.evaluateAll();
      await resolveQuietEpisodes(ctx).catch(quiet('resolving quiet episodes', '*'));
    },

    /** Resolves when every mail in flight has been sent or has failed. */
    idle,
    async close(): Promise<void> {
      await idle();
      ctx.mailer?.close();
    },
  };
}

export type Alerts = ReturnType<typeof createAlerts>;
