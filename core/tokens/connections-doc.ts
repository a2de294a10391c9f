/**
 * A tenant's connections document: read, read one, and change atomically. Every token operation goes
 * through these three, so the document is parsed (and refused when corrupt) in one place.
 */
import { rbError } from '../errors.js';
import { UNCHANGED, type JsonValue, type Store } from '../storage/store.js';
import { updateDocOrRefuse } from '../storage/update-or-refuse.js';
import { readParsedDoc } from '../storage/parsed-doc.js';
import { tenantConnectionsSchema, type ConnectionRecord, type TenantConnections } from './connection.js';

const CONNECTIONS_DOC = { kind: 'connections', id: 'all' } as const;

export function createConnectionsDoc(store: Store) {
  const docRef = (tenant: string) => ({ tenant, ...CONNECTIONS_DOC });
  return {
    /** Parsed once per stored version (parsed-doc.ts): every quote reads it. */
    load(tenant: string): Promise<TenantConnections> {
      return readParsedDoc(store, docRef(tenant), parseConnections);
    },

    async record(tenant: string, id: string): Promise<ConnectionRecord> {
      const found = parseConnections(await store.getDoc(docRef(tenant))).connections[id];
      if (!found) throw rbError('RB_ERR_NOT_FOUND', 'That connection');
      return found;
    },

    /** Atomically changes one tenant's connections; `change` returns the document to store. */
    async mutate(
      tenant: string,
      change: (current: TenantConnections) => TenantConnections | typeof UNCHANGED,
    ): Promise<TenantConnections> {
      const stored = await updateDocOrRefuse(store, docRef(tenant), (raw) => {
        const next = change(parseConnections(raw));
        if (next === UNCHANGED) return UNCHANGED;
        return Object.keys(next.connections).length === 0 ? undefined : (next as unknown as JsonValue);
      });
      return parseConnections(stored);
    },
  };
}

function parseConnections(raw: JsonValue | undefined): TenantConnections {
  return raw === undefined ? { connections: {} } : tenantConnectionsSchema.parse(raw);
}
