/**
 * People, roles, sessions and the store's activity trail (docs/people-and-roles.md): the wire shapes of
 * `/api/session`, `/api/people…` and `/api/activity`. Roles are ordered: each one can do everything the one
 * before it can.
 */
import { z } from 'zod';

/** viewer: reads, test quotes. admin: connections, keys, settings. owner: everything, people included. */
export const ROLES = ['viewer', 'admin', 'owner'] as const;
export const roleSchema = z.enum(ROLES);

/** Where a person acted from: the standalone admin, the embedded Shopify admin, or the WordPress plugin. */
export const FRONT_ENDS = ['standalone', 'shopify', 'woocommerce'] as const;
export const frontEndSchema = z.enum(FRONT_ENDS);

/** Who is signed in, as the admin UI needs it to show only what the role may do. */
export const sessionResponseSchema = z.object({
  tenant: z.string(),
  actor: z.string(),
  role: roleSchema,
  frontEnd: frontEndSchema,
  /** The signed-in person's address (standalone people only). */
  email: z.string().optional(),
});

export const personSchema = z.object({
  id: z.string(),
  email: z.string(),
  role: roleSchema,
  addedAt: z.string(),
  addedBy: z.string(),
});

/** An open invitation, as the owner sees it: never its link (shown once, when made). */
export const invitationSchema = z.object({
  id: z.string(),
  email: z.string(),
  role: roleSchema,
  invitedBy: z.string(),
  expiresAt: z.string(),
});

export const peopleResponseSchema = z.object({
  people: z.array(personSchema),
  invitations: z.array(invitationSchema),
});

const emailSchema = z.string().trim().toLowerCase().pipe(z.email('Enter an email address').max(254));

export const inviteBodySchema = z.strictObject({
  email: emailSchema,
  role: roleSchema,
  /** `email`: mail the link (needs SMTP settings); `copy`: answer it once, to pass on by hand. */
  delivery: z.enum(['email', 'copy']).default('email'),
});

export const inviteResponseSchema = z.object({
  invitation: invitationSchema,
  mailed: z.boolean(),
  /** Present only with `delivery: copy`, and only in this answer. */
  link: z.string().optional(),
});

export const setRoleBodySchema = z.strictObject({ role: roleSchema });
export const personResponseSchema = z.object({ person: personSchema });

export const signInBodySchema = z.strictObject({ email: emailSchema });

/** One entry of the store's activity trail: who did what, when, from which front end. */
export const activityEntrySchema = z.object({
  at: z.string(),
  /**
   * What was done: the admin route (`PUT /connections/:id/token`, `POST /connector-keys`, `PUT /rules`…),
   * or `person_joined` when an invitation was accepted.
   */
  action: z.string(),
  actor: z.string(),
  /** The person's address when the actor is a person of the store, as it was when they acted. */
  actorEmail: z.string().optional(),
  frontEnd: frontEndSchema,
  /** What it was done to, when the route names one (a connection or key id). */
  subject: z.string().optional(),
});

export const activityResponseSchema = z.object({
  entries: z.array(activityEntrySchema),
  total: z.number(),
  offset: z.number(),
  limit: z.number(),
});

/** Who in the Shopify admin may change tokens, keys and settings (an owner's choice). */
export const accessPolicySchema = z.strictObject({
  tokenManagers: z.enum(['all_staff', 'account_owner']),
});
export const accessPolicyResponseSchema = z.object({
  policy: accessPolicySchema,
  /** Whether RateBridge can tell the account owner from other staff (the read_users scope). */
  ownerKnown: z.boolean(),
});
