import type { Response } from 'express';
import { rbError } from '../errors.js';
import { asTenantId, type TenantId } from '../ids.js';

/**
 * Who is asking. Each front end's auth middleware (Shopify session token, standalone session cookie) sets
 * this on `response.locals` after verifying the caller; routes read it from here and nowhere else: never
 * from a header or the body.
 */
export interface TenantContext {
  readonly tenant: TenantId;
  /** For audit trails: a user id or `merchant`. */
  readonly actor: string;
}

export function setTenantContext(response: Response, context: TenantContext): void {
  response.locals.rbTenant = context;
}

export function tenantContext(response: Response): TenantContext {
  const context = response.locals.rbTenant as TenantContext | undefined;
  if (!context) throw rbError('RB_ERR_UNAUTHENTICATED');
  return context;
}

export { asTenantId };
