/** A connection's own outbound limits: set where the account's terms differ, null for the platform's. */
import { rbError } from '../errors.js';
import { UNCHANGED } from '../storage/store.js';
import type { ConnectionBudget, ConnectionView } from '../wire/admin-api-types.js';
import { toView } from './connection.js';
import type { ActorRef, TokenContext } from './token-context.js';

export async function setBudget(
  ctx: TokenContext,
  tenant: string,
  id: string,
  budget: ConnectionBudget | null,
  actor: ActorRef = 'merchant',
): Promise<ConnectionView> {
  const after = await ctx.mutate(tenant, (doc) => {
    const current = doc.connections[id];
    if (!current) return UNCHANGED;
    return { connections: { ...doc.connections, [id]: { ...current, budget } } };
  });
  const updated = after.connections[id];
  if (!updated) throw rbError('RB_ERR_NOT_FOUND', 'That connection');
  const detail = budget
    ? `per minute ${budget.perMinute ?? 'platform default'}, per day ${budget.perDay ?? 'platform default'}`
    : 'platform defaults';
  await ctx.event(tenant, id, 'budget_changed', actor, { detail });
  ctx.logger.info({ tenant, connectionId: id, budget }, 'connection budget changed');
  return toView(updated);
}
