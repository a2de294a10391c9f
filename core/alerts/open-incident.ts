/**
 * Opens an incident, or finds it already open: the first report of a condition creates it (and mails),
 * every later one while it is open changes nothing, so a condition met on every checkout is one incident.
 * The store's atomic update decides which of several instances reporting at once is the first.
 */
import { newId } from '../ids.js';
import { UNCHANGED } from '../storage/store.js';
import { parseIncident, type AlertsContext } from './alerts-context.js';
import { deliverNotice } from './deliver-notice.js';
import {
  EPISODE_KINDS,
  incidentKey,
  toIncidentView,
  type IncidentRecord,
  type IncidentView,
} from './incident.js';
import { incidentWording, type IncidentFacts } from './incident-wording.js';
import { markOpen } from './open-incidents-index.js';

export interface OpenResult {
  readonly incident: IncidentView;
  /** True only for the report that opened it. */
  readonly opened: boolean;
}

export async function openIncident(
  ctx: AlertsContext,
  tenant: string,
  facts: IncidentFacts,
): Promise<OpenResult> {
  const wording = incidentWording(facts);
  const key = incidentKey(facts.kind, wording.subject);
  const memoKey = `${tenant}|${key}`;
  const memo = ctx.recentlyOpen.get(memoKey);
  if (memo && ctx.now() - memo.at < RECENT_MS) return { incident: memo.incident, opened: false };
  const existing = await ctx.read(tenant, key);
  // The common case (already open) costs one read, and a write only to mark an episode still going.
  if (existing && existing.resolvedAt === null) {
    if (EPISODE_KINDS.has(existing.kind)) await markSeen(ctx, tenant, key, existing.id);
    ctx.recentlyOpen.set(memoKey, { at: ctx.now(), incident: toIncidentView(existing) });
    return { incident: toIncidentView(existing), opened: false };
  }

  let opened: IncidentRecord | undefined;
  const stored = await ctx.store.updateDoc(ctx.ref(tenant, key), (raw) => {
    opened = undefined; // the update may run again on a conflict
    const latest = parseIncident(raw);
    if (latest && latest.resolvedAt === null) return UNCHANGED;
    opened = {
      id: newId('inc'),
      kind: facts.kind,
      ...wording,
      openedAt: ctx.iso(),
      resolvedAt: null,
      mail: { opened: ctx.initialMail(), resolved: null },
    };
    return opened;
  });
  if (!opened) {
    const current = parseIncident(stored);
    if (!current) throw new Error('an incident document could not be read back');
    return { incident: toIncidentView(current), opened: false };
  }
  await markOpen(ctx.store, tenant, key, opened.kind);
  ctx.recentlyOpen.set(memoKey, { at: ctx.now(), incident: toIncidentView(opened) });
  ctx.logger.warn(
    { tenant, incidentId: opened.id, kind: opened.kind, subject: opened.subject },
    'incident opened',
  );
  deliverNotice(ctx, tenant, opened, 'opened');
  return { incident: toIncidentView(opened), opened: true };
}

/** How long a report trusts this instance's memory that the incident is open. */
const RECENT_MS = 60_000;

async function markSeen(ctx: AlertsContext, tenant: string, key: string, id: string): Promise<void> {
  await ctx.store.updateDoc(ctx.ref(tenant, key), (raw) => {
    const latest = parseIncident(raw);
    if (!latest || latest.id !== id || latest.resolvedAt !== null) return UNCHANGED;
    return { ...latest, lastSeenAt: ctx.iso() };
  });
}
