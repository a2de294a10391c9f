/**
 * The warehouses a connection's account keeps (MachShip company locations), for picking the one a
 * location is and for importing them. A platform's refusal becomes the matching coded error.
 */
import { rbError, type ErrorCode, type RateBridgeError } from '../errors.js';
import { invalidInput } from '../catalog/input-error.js';
import type { PlatformFailure, PlatformWarehouse } from '../platforms/freight-platform.js';
import type { UsableConnection } from '../tokens/token-lifecycle.js';
import type { LocationContext } from './location-context.js';

export async function platformWarehouses(
  ctx: LocationContext,
  tenant: string,
  connectionId: string,
): Promise<readonly PlatformWarehouse[]> {
  return warehousesOf(ctx, tenant, await connectionFor(ctx, tenant, connectionId));
}

/** The connection, usable now; one that needs attention is refused with what to do. */
export async function connectionFor(
  ctx: LocationContext,
  tenant: string,
  connectionId: string,
): Promise<UsableConnection> {
  const { tokens, platforms } = ctx;
  const view = await tokens.get(tenant, connectionId);
  const usable = (await tokens.usableConnections(tenant)).find((u) => u.connection.id === connectionId);
  if (usable) return usable;
  const platformName = platforms.get(view.platform)?.displayName ?? view.platform;
  if (view.status === 'revoked') throw rbError('RB_ERR_CONNECTION_REVOKED', view.label);
  const detail = view.lastCheck?.detail ?? 'check it under Connections.';
  throw rbError('RB_ERR_CONNECTION_NEEDS_ATTENTION', platformName, view.label, detail);
}

export async function warehousesOf(
  ctx: LocationContext,
  tenant: string,
  usable: UsableConnection,
): Promise<readonly PlatformWarehouse[]> {
  if (!usable.platform.hasWarehouses) {
    throw invalidInput([
      {
        path: 'connectionId',
        message: `${usable.platform.displayName} keeps no warehouses to import. Add your pickup locations here instead.`,
      },
    ]);
  }
  const result = await usable.platform.listWarehouses(
    usable.credentials,
    AbortSignal.timeout(ctx.importTimeoutMs),
  );
  if (result.ok) return result.value;
  if (result.failure.reason === 'unauthorized') {
    await ctx.tokens.reportUnauthorized(tenant, usable.connection.id, result.failure.detail);
  }
  throw platformError(result.failure, usable.connection.label);
}

const FAILURE_CODES: Partial<Record<PlatformFailure['reason'], ErrorCode>> = {
  unauthorized: 'RB_ERR_CONNECTION_REVOKED',
  forbidden: 'RB_ERR_TOKEN_FORBIDDEN',
  rate_limited: 'RB_ERR_PLATFORM_RATE_LIMITED',
  budget_exhausted: 'RB_ERR_PLATFORM_BUDGET_EXHAUSTED',
};

function platformError(failure: PlatformFailure, label: string): RateBridgeError {
  const code = FAILURE_CODES[failure.reason] ?? 'RB_ERR_PLATFORM_UNREACHABLE';
  if (code === 'RB_ERR_CONNECTION_REVOKED') return rbError(code, label);
  const error = rbError(code, failure.detail);
  const waits = code === 'RB_ERR_PLATFORM_RATE_LIMITED' || code === 'RB_ERR_PLATFORM_BUDGET_EXHAUSTED';
  return waits ? error.withRetryAfter(failure.retryAfterSeconds) : error;
}
