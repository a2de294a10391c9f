/**
 * An incident: one condition that breaks or degrades a merchant's checkout, open until it clears. It is
 * keyed by tenant + kind + subject (the connection, the shop's carrier service, the store's key), so a
 * condition seen on every checkout is still one incident, opened once and mailed once.
 *
 * These schemas are the wire format of GET /admin/api/incidents (docs/admin-api.md): the route answers
 * through `incidentsResponseSchema`, and what it carries is wording RateBridge wrote (labels, platform
 * names, counts): never a token, a key, a platform's own error text or anything about a shopper.
 */
import { z } from 'zod';

export const INCIDENT_KINDS = [
  /** The platform rejected a connection's token (revoked or expired). */
  'token_revoked',
  /** The token authenticates but cannot quote (a permission removed, the wrong environment). */
  'token_unusable',
  /** A connection's outbound call budget (per minute or per day) is used up. */
  'budget_exhausted',
  /** More than the configured share of checkouts fell back, for the configured minutes. */
  'fallback_share_high',
  /** RateBridge's carrier service is gone from (or inactive in) the Shopify shop. */
  'carrier_service_removed',
  /** The WooCommerce store no longer accepts RateBridge's REST API key. */
  'store_key_revoked',
] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];

export const incidentViewSchema = z.object({
  id: z.string(),
  kind: z.enum(INCIDENT_KINDS),
  /** What it is about: a connection id, `checkout`, `shopify`, `woocommerce`. */
  subject: z.string(),
  title: z.string(),
  /** What the merchant does about it, in a sentence or two. */
  action: z.string(),
  /** Where in the admin to do it (a path of the admin UI). */
  actionPath: z.string(),
  openedAt: z.string(),
  resolvedAt: z.string().nullable(),
});
export type IncidentView = z.infer<typeof incidentViewSchema>;

/** GET /admin/api/incidents: open incidents first (newest first), then those resolved in the last day. */
export const incidentsResponseSchema = z.object({ incidents: z.array(incidentViewSchema) });
export type IncidentsResponse = z.infer<typeof incidentsResponseSchema>;

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
