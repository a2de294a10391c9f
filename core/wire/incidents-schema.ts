/**
 * The admin API's incidents (docs/admin-api.md, "Incidents"): one condition breaking or degrading a
 * merchant's checkout, as GET /incidents answers it. What it carries is wording RateBridge wrote (labels,
 * platform names, counts): never a token, a key, a platform's own error text or anything about a shopper.
 * The stored record (core/alerts/incident.ts) adds the mail bookkeeping, which never leaves the core.
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

/** GET /incidents: open incidents first (newest first), then those resolved in the last day. */
export const incidentsResponseSchema = z.object({ incidents: z.array(incidentViewSchema) });
