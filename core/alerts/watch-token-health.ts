/**
 * Incidents from the token lifecycle: a connection turning revoked opens `token_revoked`, turning
 * needs_attention opens `token_unusable`, turning active again (replaced, or a re-check passed) resolves
 * both, and a disconnect resolves whatever was open about it. Hooked in through the lifecycle's listeners.
 */
import type { PlatformRegistry } from '../platforms/registry.js';
import type { TokenLifecycle } from '../tokens/token-lifecycle.js';
import type { AlertsContext } from './alerts-context.js';
import { openIncident } from './open-incident.js';
import { resolveIncident } from './resolve-incident.js';

const CONNECTION_KINDS = ['token_revoked', 'token_unusable', 'budget_exhausted'] as const;

export function watchTokenHealth(
  ctx: AlertsContext,
  tokens: Pick<TokenLifecycle, 'onStatusChanged' | 'onDisconnected'>,
  platforms: PlatformRegistry,
): void {
  tokens.onStatusChanged(async (tenant, connection) => {
    const facts = {
      connectionId: connection.id,
      label: connection.label,
      platform: platforms.get(connection.platform)?.displayName ?? connection.platform,
    };
    if (connection.status === 'revoked') {
      await openIncident(ctx, tenant, { kind: 'token_revoked', ...facts });
      await resolveIncident(ctx, tenant, 'token_unusable', connection.id);
    } else if (connection.status === 'needs_attention') {
      await openIncident(ctx, tenant, { kind: 'token_unusable', ...facts });
      await resolveIncident(ctx, tenant, 'token_revoked', connection.id);
    } else {
      await resolveIncident(ctx, tenant, 'token_revoked', connection.id);
      await resolveIncident(ctx, tenant, 'token_unusable', connection.id);
    }
  });
  tokens.onDisconnected(async (tenant, _remaining, connectionId) => {
    for (const kind of CONNECTION_KINDS) await resolveIncident(ctx, tenant, kind, connectionId);
  });
}
