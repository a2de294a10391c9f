/**
 * Resolves episodes that went quiet: an open budget_exhausted incident with no report for five minutes
 * (the budget refills on its own; nothing announces it). Walks the open-incidents index, so it reads only
 * the episodes that are open.
 */
import { GLOBAL_TENANT } from '../storage/store.js';
import type { AlertsContext } from './alerts-context.js';
import { EPISODE_KINDS, EPISODE_QUIET_MS, OPEN_INCIDENTS_INDEX, type IncidentKind } from './incident.js';
import { resolveIncident } from './resolve-incident.js';

/** Returns how many episodes were resolved. */
export async function resolveQuietEpisodes(ctx: AlertsContext): Promise<number> {
  let resolved = 0;
  for (const [tenant, raw] of await ctx.store.listDocs(GLOBAL_TENANT, OPEN_INCIDENTS_INDEX)) {
    for (const [key, kind] of Object.entries((raw as Record<string, string> | null) ?? {})) {
      if (!EPISODE_KINDS.has(kind as IncidentKind)) continue;
      const record = await ctx.read(tenant, key);
      if (!record || record.resolvedAt !== null) continue;
      const lastSeen = Date.parse(record.lastSeenAt ?? record.openedAt);
      if (ctx.now() - lastSeen < EPISODE_QUIET_MS) continue;
      if (await resolveIncident(ctx, tenant, record.kind, record.subject)) resolved += 1;
    }
  }
  return resolved;
}
