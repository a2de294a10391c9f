/** What quoting needs from the token lifecycle: the active connections with their tokens opened, and use. */
import type { FreightPlatform, PlatformCredentials } from '../platforms/freight-platform.js';
import { UNCHANGED } from '../storage/store.js';
import type { ConnectionView } from '../wire/admin-api-types.js';
import { sealOwner, toView } from './connection.js';
import type { TokenContext } from './token-context.js';

/** A connection quoting can use right now: the token opened just for this call. */
export interface UsableConnection {
  readonly connection: ConnectionView;
  readonly platform: FreightPlatform;
  readonly credentials: PlatformCredentials;
  /** Which token this is (keyed fingerprint): a 401 about a replaced token must not revoke the new one. */
  readonly tokenFingerprint: string;
}

const LAST_USED_RESOLUTION = 60_000;

/** Active connections with their tokens opened, for one quote. */
export async function usableConnections(ctx: TokenContext, tenant: string): Promise<UsableConnection[]> {
  const { connections } = await ctx.load(tenant);
  const usable: UsableConnection[] = [];
  for (const connection of Object.values(connections)) {
    if (connection.status !== 'active') continue;
    const platform = ctx.platforms.get(connection.platform);
    if (!platform) continue;
    let token: string;
    try {
      token = ctx.openToken(connection.sealedToken, sealOwner(tenant, connection.id));
    } catch (error) {
      // One unreadable record (a key dropped from RATEBRIDGE_KEYS too early) must not fail the others.
      ctx.logger.error(
        { err: error, tenant, connectionId: connection.id },
        'a stored token cannot be opened',
      );
      continue;
    }
    usable.push({
      connection: toView(connection),
      platform,
      credentials: { token, environment: connection.environment },
      tokenFingerprint: connection.fingerprint,
    });
  }
  return usable;
}

/** Records that a connection was used to quote (throttled to one write a minute). */
export async function markUsed(ctx: TokenContext, tenant: string, id: string): Promise<void> {
  if (!(await ctx.store.cacheSetIfAbsent(`token-used:${tenant}:${id}`, 1, LAST_USED_RESOLUTION))) return;
  const at = ctx.iso();
  await ctx.mutate(tenant, (doc) => {
    const latest = doc.connections[id];
    if (!latest) return UNCHANGED;
    return { connections: { ...doc.connections, [id]: { ...latest, lastUsedAt: at } } };
  });
}
