import type { Response } from 'express';
import { rbError } from '../errors.js';
import { asTenantId, type TenantId } from '../ids.js';
import type { FrontEnd, Role } from '../wire/admin-api-types.js';

/**
 * Who is asking. Each front end's auth middleware (Shopify session token, standalone session cookie) sets
 * this on `response.locals` after verifying the caller; routes read it from here and nowhere else: never
 * from a header or the body.
 */
export interface TenantContext {
  readonly tenant: TenantId;
  /** For audit trails: `person:<id>`, `shopify-user:<id>`, `woocommerce-admin` or `merchant`. */
  readonly actor: string;
  /** What the caller may do (route-roles.ts checks it against each route's declaration). */
  readonly role: Role;
  /** Where the caller acts from, for the audit trails. */
  readonly frontEnd: FrontEnd;
  /** The signed-in person's address (standalone people only). */
  readonly email?: string;
  /**
   * The role is the least the caller has: the platform that says more could not be asked just now (the
   * Shopify account-owner check). A route needing more answers a coded 503, not a 403.
   */
  readonly roleUnconfirmed?: true;
}

export function setTenantContext(response: Response, context: TenantContext): void {
  response.locals.rbTenant = context;
}

export function tenantContext(response: Response): TenantContext {
  const context = response.locals.rbTenant as TenantContext | undefined;
  if (!context) throw rbError('RB_ERR_UNAUTHENTICATED');
  return context;
}

/** The actor, front end and (for a person) address of the caller, as the audit trails record them. */
export function actorOf(response: Response): {
  readonly id: string;
  readonly frontEnd: FrontEnd;
  readonly email?: string;
} {
  const { actor, frontEnd, email } = tenantContext(response);
  return { id: actor, frontEnd, ...(email === undefined ? {} : { email }) };
}

export { asTenantId };
