/**
 * Resolves an open incident when its condition clears (a token replaced, the carrier service back, the
 * share of fallbacks down again) and sends the "resolved" mail. Nothing open: nothing happens.
 */
import { UNCHANGED } from '../storage/store.js';
import { parseIncident, type AlertsContext } from './alerts-context.js';
import { deliverNotice } from './deliver-notice.js';
import { incidentKey, type IncidentKind, type IncidentRecord } from './incident.js';
import { markOpen } from './open-incidents-index.js';

/** True when an open incident was resolved by this call. */
export async function resolveIncident(
  ctx: AlertsContext,
  tenant: string,
  kind: IncidentKind,
  subject: string,
): Promise<boolean> {
  const key = incidentKey(kind, subject);
  ctx.recentlyOpen.delete(`${tenant}|${key}`);
  const existing = await ctx.read(tenant, key);
  if (!existing || existing.resolvedAt !== null) return false;

  let resolved: IncidentRecord | undefined;
  await ctx.store.updateDoc(ctx.ref(tenant, key), (raw) => {
    resolved = undefined; // the update may run again on a conflict
    const latest = parseIncident(raw);
    if (!latest || latest.resolvedAt !== null) return UNCHANGED;
    resolved = { ...latest, resolvedAt: ctx.iso(), mail: { ...latest.mail, resolved: ctx.initialMail() } };
    return resolved;
  });
  if (!resolved) return false;
  await markOpen(ctx.store, tenant, key, undefined);
  ctx.logger.info({ tenant, incidentId: resolved.id, kind, subject }, 'incident resolved');
  deliverNotice(ctx, tenant, resolved, 'resolved');
  return true;
}
