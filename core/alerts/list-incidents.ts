/** A tenant's incidents for the admin: every open one (newest first), then those resolved in the last day. */
import { parseIncident, type AlertsContext } from './alerts-context.js';
import { INCIDENTS_DOC_KIND, toIncidentView, type IncidentView } from './incident.js';

const RESOLVED_SHOWN_FOR_MS = 24 * 60 * 60_000;

export async function listIncidents(ctx: AlertsContext, tenant: string): Promise<IncidentView[]> {
  const since = ctx.now() - RESOLVED_SHOWN_FOR_MS;
  const records = [...(await ctx.store.listDocs(tenant, INCIDENTS_DOC_KIND)).values()].flatMap((raw) => {
    const record = parseIncident(raw);
    return record ? [record] : [];
  });
  const open = records.filter((record) => record.resolvedAt === null);
  const resolved = records.filter(
    (record) => record.resolvedAt !== null && Date.parse(record.resolvedAt) >= since,
  );
  const newestFirst = (a: { openedAt: string }, b: { openedAt: string }) =>
    b.openedAt.localeCompare(a.openedAt);
  return [...open.sort(newestFirst), ...resolved.sort(newestFirst)].map(toIncidentView);
}
