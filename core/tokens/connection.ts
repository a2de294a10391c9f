/**
 * A connection: one merchant's token on one freight platform. The stored record holds the sealed token and
 * its keyed fingerprint; the view (what any API returns) holds neither.
 */
import { z } from 'zod';
import { PLATFORM_ENVIRONMENTS, PLATFORM_NAMES, type VerifyStatus } from '../platforms/freight-platform.js';

export const CONNECTION_STATUSES = ['active', 'revoked', 'needs_attention'] as const;
/**
 * active           the last check said valid (or an unreachable platform said nothing new).
 * revoked          the platform rejected the token: quoting skips it, the merchant must replace it.
 * needs_attention  the token authenticates but cannot be used (permission removed, wrong environment).
 */
export type ConnectionStatus = (typeof CONNECTION_STATUSES)[number];

const lastCheckSchema = z.object({
  at: z.string(),
  outcome: z.enum(['valid', 'rejected', 'forbidden', 'wrong_environment', 'unreachable', 'rate_limited']),
  detail: z.string(),
  trigger: z.enum(['connect', 'manual', 'schedule', 'quote_unauthorized', 'replace']),
});

/**
 * A connection's own outbound limits, where its account's terms differ from what the platform publishes
 * (`FreightPlatform.limits`); a figure left out is the platform's.
 */
export const connectionBudgetSchema = z.strictObject({
  perMinute: z.number().int().min(1).max(100_000).optional(),
  perDay: z.number().int().min(1).max(10_000_000).optional(),
});
export type ConnectionBudget = z.infer<typeof connectionBudgetSchema>;

export const connectionRecordSchema = z.object({
  id: z.string(),
  platform: z.enum(PLATFORM_NAMES),
  environment: z.enum(PLATFORM_ENVIRONMENTS),
  label: z.string(),
  hint: z.string(),
  status: z.enum(CONNECTION_STATUSES),
  createdAt: z.string(),
  verifiedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  lastCheck: lastCheckSchema.nullable(),
  /** When the scheduler should check next (ISO); staggered per connection. */
  nextCheckAt: z.string(),
  revokedAt: z.string().nullable(),
  account: z.object({ name: z.string().optional(), testMode: z.boolean().optional() }).nullable(),
  sealedToken: z.string(),
  fingerprint: z.string(),
  /** Absent or null: the platform's published limits. */
  budget: connectionBudgetSchema.nullable().optional(),
});

export type ConnectionRecord = z.infer<typeof connectionRecordSchema>;
export type LastCheck = z.infer<typeof lastCheckSchema>;
export type CheckTrigger = LastCheck['trigger'];

/** All connections of a tenant live in one document, so label and token uniqueness are checked atomically. */
export const tenantConnectionsSchema = z.object({
  connections: z.record(z.string(), connectionRecordSchema),
});
export type TenantConnections = z.infer<typeof tenantConnectionsSchema>;

export type ConnectionView = Omit<ConnectionRecord, 'sealedToken' | 'fingerprint'>;

/** The only way a connection leaves the core: without the sealed token or its fingerprint. */
export function toView(record: ConnectionRecord): ConnectionView {
  const { sealedToken: _sealed, fingerprint: _fingerprint, ...view } = record;
  return view;
}

export function statusAfter(outcome: VerifyStatus, previous: ConnectionStatus): ConnectionStatus {
  switch (outcome) {
    case 'valid':
      return 'active';
    case 'rejected':
      return 'revoked';
    case 'forbidden':
    case 'wrong_environment':
      return 'needs_attention';
    case 'unreachable':
    case 'rate_limited':
      // Says nothing about the token: keep what we knew.
      return previous;
  }
}

/** The associated data a connection's token is sealed under: moving it to another record breaks it. */
export function sealOwner(tenant: string, connectionId: string): string {
  return `tenant:${tenant}|connection:${connectionId}`;
}
