/**
 * An incident: one condition that breaks or degrades a merchant's checkout, open until it clears. It is
 * keyed by tenant + kind + subject (the connection, the shop's carrier service, the store's key), so a
 * condition seen on every checkout is still one incident, opened once and mailed once.
 *
 * The view is the wire format of GET /admin/api/incidents (core/wire/incidents-schema.ts); the stored record
 * here adds whether the mails went out.
 */
import { z } from 'zod';
import type { IncidentKind, IncidentView } from '../wire/admin-api-types.js';
import { incidentViewSchema } from '../wire/incidents-schema.js';

export { INCIDENT_KINDS, incidentsResponseSchema } from '../wire/incidents-schema.js';
export type { IncidentKind, IncidentView, IncidentsResponse } from '../wire/admin-api-types.js';

const mailStateSchema = z.enum(['off', 'pending', 'sent', 'failed']);

export const incidentRecordSchema = incidentViewSchema.extend({
  /**
   * For episodes (budget_exhausted): when the condition was last reported, at most once a minute per
   * instance. An episode resolves after `EPISODE_QUIET_MS` without a report.
   */
  lastSeenAt: z.string().optional(),
  /** Whether the "opened" and "resolved" mails went out (off: no SMTP configured). */
  mail: z.object({ opened: mailStateSchema, resolved: mailStateSchema.nullable() }),
});
export type IncidentRecord = z.infer<typeof incidentRecordSchema>;
export type MailState = z.infer<typeof mailStateSchema>;

/**
 * Kinds that clear by going quiet: nothing reports "the budget has refilled", but a budget that refuses
 * nothing for five minutes has.
 */
export const EPISODE_KINDS: ReadonlySet<IncidentKind> = new Set(['budget_exhausted']);
export const EPISODE_QUIET_MS = 5 * 60_000;

/** The document id of an incident within its tenant: one per kind and subject. */
export function incidentKey(kind: IncidentKind, subject: string): string {
  return `${kind}:${subject}`;
}

export const INCIDENTS_DOC_KIND = 'incidents';
/** Under GLOBAL_TENANT, one document per tenant: its open incidents' keys and kinds (for /metrics). */
export const OPEN_INCIDENTS_INDEX = 'open-incidents';

export function toIncidentView(record: IncidentRecord): IncidentView {
  const { mail: _mail, ...view } = record;
  return view;
}
