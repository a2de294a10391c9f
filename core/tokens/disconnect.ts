/** Disconnect: the sealed token and its fingerprint go with the record; front ends are told. */
import { rbError } from '../errors.js';
import { UNCHANGED } from '../storage/store.js';
import type { ActorRef, TokenContext } from './token-context.js';

export async function disconnect(
  ctx: TokenContext,
  tenant: string,
  id: string,
  actor: ActorRef = 'merchant',
): Promise<void> {
  let found = false;
  const after = await ctx.mutate(tenant, (doc) => {
    found = false; // the update may run again on a conflict
    if (!doc.connections[id]) return UNCHANGED;
    found = true;
    const { [id]: _removed, ...rest } = doc.connections;
    return { connections: rest };
  });
  if (!found) throw rbError('RB_ERR_NOT_FOUND', 'That connection');
  await ctx.schedule(tenant, id, undefined);
  await ctx.event(tenant, id, 'disconnected', actor);
  ctx.logger.info({ tenant, connectionId: id }, 'connection disconnected');
  const remaining = Object.keys(after.connections).length;
  for (const listener of ctx.disconnectListeners) {
    await listener(tenant, remaining, id).catch((error: unknown) =>
      ctx.logger.error({ err: error, tenant }, 'a disconnect listener failed'),
    );
  }
}
