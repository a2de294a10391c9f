/**
 * Per-connection audit trail: what happened to a connection, when, by whom, with what outcome. Never
 * token material: entries are built from labels, outcomes and platform details only.
 */
import { z } from 'zod';
import type { Store } from '../storage/store.js';

export const AUDIT_EVENT_TYPES = [
  'connected',
  'verified',
  'check_failed',
  'revoked_detected',
  'needs_attention',
  'replaced',
  'replace_refused',
  'disconnected',
  'budget_changed',
] as const;
export type AuditEventType = (typeof AUDIT_EVENT_TYPES)[number];

export const auditEventSchema = z.object({
  at: z.string(),
  type: z.enum(AUDIT_EVENT_TYPES),
  /** `merchant`, `schedule`, `checkout`, or a front end's user id. */
  actor: z.string(),
  outcome: z.string().optional(),
  detail: z.string().optional(),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;

const AUDIT_CAP = 200;

export function createAuditTrail(store: Store) {
  const listName = (connectionId: string) => `audit:${connectionId}`;
  return {
    async record(tenant: string, connectionId: string, event: AuditEvent): Promise<void> {
      await store.listPush(tenant, listName(connectionId), event, AUDIT_CAP);
    },
    async page(
      tenant: string,
      connectionId: string,
      offset: number,
      limit: number,
    ): Promise<{ events: AuditEvent[]; total: number }> {
      const [raw, total] = await Promise.all([
        store.listRange(tenant, listName(connectionId), offset, limit),
        store.listLength(tenant, listName(connectionId)),
      ]);
      return { events: raw.map((entry) => auditEventSchema.parse(entry)), total };
    },
  };
}
export type AuditTrail = ReturnType<typeof createAuditTrail>;
