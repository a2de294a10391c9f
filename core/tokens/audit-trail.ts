/**
 * Per-connection audit trail: what happened to a connection, when, by whom, with what outcome. Never
 * token material: entries are built from labels, outcomes and platform details only.
 */
import type { Store } from '../storage/store.js';
import type { ConnectionEvent } from '../wire/admin-api-types.js';
import { connectionEventSchema } from '../wire/connections-schema.js';

const AUDIT_CAP = 200;

export function createAuditTrail(store: Store) {
  const listName = (connectionId: string) => `audit:${connectionId}`;
  return {
    async record(tenant: string, connectionId: string, event: ConnectionEvent): Promise<void> {
      await store.listPush(tenant, listName(connectionId), event, AUDIT_CAP);
    },
    async page(
      tenant: string,
      connectionId: string,
      offset: number,
      limit: number,
    ): Promise<{ events: ConnectionEvent[]; total: number }> {
      const [raw, total] = await Promise.all([
        store.listRange(tenant, listName(connectionId), offset, limit),
        store.listLength(tenant, listName(connectionId)),
      ]);
      return { events: raw.map((entry) => connectionEventSchema.parse(entry)), total };
    },
  };
}
