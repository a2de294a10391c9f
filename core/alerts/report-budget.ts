/**
 * The outbound budget's reports: a refused request opens (or keeps open) the connection's
 * budget_exhausted incident. Never rejects: a checkout may call it without awaiting it, and a store that
 * fails here costs the alert, never the checkout. The episode resolves after five quiet minutes
 * (resolve-quiet-episodes.ts), or at once through `reportBudgetRestored`.
 */
import type { PlatformRegistry } from '../platforms/registry.js';
import type { AlertsContext } from './alerts-context.js';
import { openIncident } from './open-incident.js';
import { resolveIncident } from './resolve-incident.js';

export interface BudgetConnection {
  readonly id: string;
  readonly label: string;
  /** The platform's display name. */
  readonly platform: string;
}

export async function reportBudgetExhausted(
  ctx: AlertsContext,
  tenant: string,
  connection: BudgetConnection,
): Promise<void> {
  await openIncident(ctx, tenant, {
    kind: 'budget_exhausted',
    connectionId: connection.id,
    label: connection.label,
    platform: connection.platform,
  }).then(
    () => undefined,
    (error: unknown) => ctx.logger.error({ err: error, tenant }, 'opening a budget incident failed'),
  );
}

export async function reportBudgetRestored(ctx: AlertsContext, tenant: string, connectionId: string) {
  await resolveIncident(ctx, tenant, 'budget_exhausted', connectionId).then(
    () => undefined,
    (error: unknown) => ctx.logger.error({ err: error, tenant }, 'resolving a budget incident failed'),
  );
}

/** What the outbound budget tells its listeners on a refused request (core/quoting's budgets). */
export interface BudgetRefusal {
  readonly tenant: string;
  readonly connectionId: string;
  /** The platform's name (machship, bigpost, sandbox). */
  readonly platform: string;
}

/**
 * Wires a budget's refusals to incidents, at composition: the connection's label is read from the
 * token lifecycle (the refusal carries only ids), once per report that is not already known open.
 */
export function watchBudgets(
  ctx: AlertsContext,
  budgets: { onExhausted(listener: (refusal: BudgetRefusal) => void): void },
  connections: { get(tenant: string, id: string): Promise<{ id: string; label: string }> },
  platforms: PlatformRegistry,
): void {
  budgets.onExhausted((refusal) => {
    const known = ctx.recentlyOpen.get(`${refusal.tenant}|budget_exhausted:${refusal.connectionId}`);
    if (known && ctx.now() - known.at < 60_000) return;
    void connections.get(refusal.tenant, refusal.connectionId).then(
      ({ id, label }) => {
        const name =
          platforms.list().find((platform) => platform.name === refusal.platform)?.displayName ??
          refusal.platform;
        return reportBudgetExhausted(ctx, refusal.tenant, { id, label, platform: name });
      },
      // Disconnected meanwhile: nothing to alert about.
      () => undefined,
    );
  });
}
