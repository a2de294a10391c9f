/**
 * The global index of open incidents: under GLOBAL_TENANT, one document per tenant mapping each open
 * incident's key to its kind. /metrics counts open incidents from it without reading every tenant.
 */
import { GLOBAL_TENANT, type Store } from '../storage/store.js';
import { INCIDENT_KINDS, OPEN_INCIDENTS_INDEX, type IncidentKind } from './incident.js';

export async function markOpen(store: Store, tenant: string, key: string, kind: IncidentKind | undefined) {
  await store.updateDoc({ tenant: GLOBAL_TENANT, kind: OPEN_INCIDENTS_INDEX, id: tenant }, (raw) => {
    const open = new Map(Object.entries((raw as Record<string, string> | undefined) ?? {}));
    if (kind === undefined) open.delete(key);
    else open.set(key, kind);
    return open.size === 0 ? undefined : Object.fromEntries(open);
  });
}

export async function forgetTenant(store: Store, tenant: string): Promise<void> {
  await store.deleteDoc({ tenant: GLOBAL_TENANT, kind: OPEN_INCIDENTS_INDEX, id: tenant });
}

/** Open incidents across every tenant, by kind (every kind present, zero when none). */
export async function countOpenIncidents(store: Store): Promise<Record<IncidentKind, number>> {
  const counts = Object.fromEntries(INCIDENT_KINDS.map((kind) => [kind, 0])) as Record<IncidentKind, number>;
  for (const raw of (await store.listDocs(GLOBAL_TENANT, OPEN_INCIDENTS_INDEX)).values()) {
    for (const kind of Object.values((raw as Record<string, string> | null) ?? {})) {
      if (kind in counts) counts[kind as IncidentKind] += 1;
    }
  }
  return counts;
}
