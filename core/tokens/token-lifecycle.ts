/**
 * The platform-token lifecycle: paste -> normalise -> verify live -> seal -> store -> hint only -> health
 * (scheduled re-checks, and at once on a 401 while quoting) -> replace (verify first, swap atomically) ->
 * disconnect (the sealed token and fingerprint go with the record). One operation per file; this file
 * only composes them over one shared context (token-context.ts).
 *
 * The pasted token exists in plain text only inside these operations, only for the request that carries
 * it, and is registered with the log redactor (`rememberSecret`) the moment it arrives.
 */
import type { CheckTrigger, ConnectionView } from '../wire/admin-api-types.js';
import { toView } from './connection.js';
import { verifyConnection } from './check-connection.js';
import { connect } from './connect.js';
import { disconnect } from './disconnect.js';
import { replaceToken } from './replace-token.js';
import { reportUnauthorized } from './report-unauthorized.js';
import { runDueChecks } from './run-due-checks.js';
import { setBudget } from './set-budget.js';
import {
  createTokenContext,
  type ActorRef,
  type DisconnectListener,
  type StatusListener,
  type TokenLifecycleOptions,
} from './token-context.js';
import { markUsed, usableConnections } from './usable-connections.js';

export type { TokenLifecycleOptions } from './token-context.js';
export type { UsableConnection } from './usable-connections.js';

export function createTokenLifecycle(options: TokenLifecycleOptions) {
  const ctx = createTokenContext(options);
  return {
    async list(tenant: string): Promise<ConnectionView[]> {
      const { connections } = await ctx.load(tenant);
      return Object.values(connections)
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
        .map(toView);
    },
    get: async (tenant: string, id: string) => toView(await ctx.record(tenant, id)),
    connect: (...args: Tail<Parameters<typeof connect>>) => connect(ctx, ...args),
    replaceToken: (...args: Tail<Parameters<typeof replaceToken>>) => replaceToken(ctx, ...args),
    disconnect: (...args: Tail<Parameters<typeof disconnect>>) => disconnect(ctx, ...args),
    setBudget: (...args: Tail<Parameters<typeof setBudget>>) => setBudget(ctx, ...args),
    /** Front ends react to disconnects (Shopify deactivates its carrier service when none is left). */
    onDisconnected(listener: DisconnectListener): void {
      ctx.disconnectListeners.push(listener);
    },
    /** Alerts react to status changes: revoked or unusable opens an incident, active resolves it. */
    onStatusChanged(listener: StatusListener): void {
      ctx.statusListeners.push(listener);
    },
    verify: (tenant: string, id: string, actor?: ActorRef, trigger?: CheckTrigger) =>
      verifyConnection(ctx, tenant, id, actor, trigger),
    reportUnauthorized: (...args: Tail<Parameters<typeof reportUnauthorized>>) =>
      reportUnauthorized(ctx, ...args),
    usableConnections: (tenant: string) => usableConnections(ctx, tenant),
    markUsed: (tenant: string, id: string) => markUsed(ctx, tenant, id),
    async events(tenant: string, id: string, offset: number, limit: number) {
      await ctx.record(tenant, id);
      return ctx.audit.page(tenant, id, offset, limit);
    },
    runDueChecks: (maxChecks?: number) => runDueChecks(ctx, maxChecks),
  };
}

export type TokenLifecycle = ReturnType<typeof createTokenLifecycle>;

type Tail<T extends readonly unknown[]> = T extends readonly [unknown, ...infer Rest] ? Rest : never;
