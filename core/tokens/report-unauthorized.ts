/**
 * Quoting saw a 401: mark the connection revoked at once (checkout falls back from the next quote on),
 * then confirm with the platform in the background, at most once a minute, in case it was a blip.
 */
import { UNCHANGED } from '../storage/store.js';
import type { ConnectionStatus } from '../wire/admin-api-types.js';
import { verifyConnection } from './check-connection.js';
import type { TokenContext } from './token-context.js';

export async function reportUnauthorized(
  ctx: TokenContext,
  tenant: string,
  id: string,
  detail: string,
  tokenFingerprint?: string,
): Promise<void> {
  const at = ctx.iso();
  // If the confirming check below is throttled, the scheduler confirms soon after instead of in hours.
  const confirmAt = new Date(ctx.now() + ctx.recheckMinInterval + 1000).toISOString();
  let previous: ConnectionStatus | undefined;
  const after = await ctx.mutate(tenant, (doc) => {
    previous = undefined;
    const latest = doc.connections[id];
    if (!latest || latest.status === 'revoked') return UNCHANGED;
    // A 401 about a token that has since been replaced says nothing about the new one.
    if (tokenFingerprint !== undefined && latest.fingerprint !== tokenFingerprint) return UNCHANGED;
    previous = latest.status;
    return {
      connections: {
        ...doc.connections,
        [id]: {
          ...latest,
          status: 'revoked',
          revokedAt: at,
          lastCheck: { at, outcome: 'rejected', detail, trigger: 'quote_unauthorized' },
          nextCheckAt: confirmAt,
        },
      },
    };
  });
  const revoked = after.connections[id];
  if (previous === undefined || !revoked) return;
  await ctx.schedule(tenant, id, confirmAt);
  await ctx.event(tenant, id, 'revoked_detected', 'checkout', { outcome: 'rejected', detail });
  await ctx.statusChanged(tenant, revoked, previous);
  ctx.logger.warn(
    { tenant, connectionId: id },
    'platform answered 401 while quoting: connection marked revoked',
  );
  verifyConnection(ctx, tenant, id, 'checkout', 'quote_unauthorized').catch((error: unknown) =>
    ctx.logger.error({ err: error, tenant, connectionId: id }, 'confirming a revoked token failed'),
  );
}
