/**
 * The admin API's platforms and connections (docs/admin-api.md): what a merchant sends to connect a token,
 * and the connection as every answer shows it, without the sealed token or its fingerprint.
 */
import { z } from 'zod';
import { frontEndSchema } from './people-schema.js';
import { PLATFORM_ENVIRONMENTS, PLATFORM_NAMES } from './vocabulary.js';

/** Longer than any platform's token; a pasted one may carry up to four times this in spaces and quotes. */
export const MAX_TOKEN_LENGTH = 512;

/** Requests one token may send in any 60 seconds and in one calendar day (FreightPlatform `CallLimits`). */
export const callLimitsSchema = z.object({ perMinute: z.number(), perDay: z.number() });

export const platformViewSchema = z.object({
  name: z.enum(PLATFORM_NAMES),
  displayName: z.string(),
  environments: z.array(z.enum(PLATFORM_ENVIRONMENTS)),
  hasWarehouses: z.boolean(),
  /** The platform's published fair-use limits, or RateBridge's own where it publishes none. */
  limits: callLimitsSchema,
});

/**
 * A connection's own request limits, where its account's terms differ from what the platform publishes;
 * a figure left out is the platform's.
 */
export const connectionBudgetSchema = z.strictObject({
  perMinute: z.number().int().min(1).max(100_000).optional(),
  perDay: z.number().int().min(1).max(10_000_000).optional(),
});

export const CONNECTION_STATUSES = ['active', 'revoked', 'needs_attention'] as const;
/**
 * active           the last check said valid (or an unreachable platform said nothing new).
 * revoked          the platform rejected the token: quoting skips it, the merchant must replace it.
 * needs_attention  the token authenticates but cannot be used (permission removed, wrong environment).
 */
export type ConnectionStatus = (typeof CONNECTION_STATUSES)[number];

export const lastCheckSchema = z.object({
  at: z.string(),
  outcome: z.enum(['valid', 'rejected', 'forbidden', 'wrong_environment', 'unreachable', 'rate_limited']),
  detail: z.string(),
  trigger: z.enum(['connect', 'manual', 'schedule', 'quote_unauthorized', 'replace']),
});

/** A connection as it leaves the core; the stored record (core/tokens/connection.ts) adds the secrets. */
export const connectionViewSchema = z.object({
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
  /** The connection's own request limits; absent or null: the platform's `limits`. */
  budget: connectionBudgetSchema.nullable().optional(),
});

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

/** One entry of a connection's audit trail. Never token material: labels, outcomes and details only. */
export const connectionEventSchema = z.object({
  at: z.string(),
  type: z.enum(AUDIT_EVENT_TYPES),
  /** `merchant`, `schedule`, `checkout`, or a front end's user id. */
  actor: z.string(),
  /** The person's address when the actor is a person of the store, as it was when they acted. */
  actorEmail: z.string().optional(),
  /** Where the actor acted from (absent on entries older than the field, and for the schedule). */
  frontEnd: frontEndSchema.optional(),
  outcome: z.string().optional(),
  detail: z.string().optional(),
});

export const connectBodySchema = z.strictObject({
  platform: z.enum(PLATFORM_NAMES),
  environment: z.enum(PLATFORM_ENVIRONMENTS),
  label: z.string().trim().min(1, 'Give the connection a name').max(60),
  token: z.string().max(MAX_TOKEN_LENGTH * 4),
});
export const replaceTokenBodySchema = z.strictObject({ token: z.string().max(MAX_TOKEN_LENGTH * 4) });
/** `budget: null` goes back to the platform's published limits. */
export const setBudgetBodySchema = z.strictObject({ budget: connectionBudgetSchema.nullable() });

export const platformsResponseSchema = z.object({ platforms: z.array(platformViewSchema) });
export const connectionsResponseSchema = z.object({ connections: z.array(connectionViewSchema) });
export const connectionResponseSchema = z.object({ connection: connectionViewSchema });
/** `checked: false`: the re-check was skipped, the platform was asked about it less than a minute ago. */
export const verifyResponseSchema = z.object({ connection: connectionViewSchema, checked: z.boolean() });
export const connectionEventsResponseSchema = z.object({
  events: z.array(connectionEventSchema),
  total: z.number(),
  offset: z.number(),
  limit: z.number(),
});
