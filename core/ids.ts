import { randomBytes } from 'node:crypto';

declare const brand: unique symbol;
/** A string or number that the type system will not confuse with another of the same shape. */
export type Brand<T, B extends string> = T & { readonly [brand]: B };

/** A merchant: a Shopify shop domain, a WooCommerce store id, or `demo`. */
export type TenantId = Brand<string, 'TenantId'>;

export const asTenantId = (value: string): TenantId => value as TenantId;

/** A random, URL-safe identifier with a readable prefix (`con_…`, `loc_…`). 96 bits is plenty to never collide. */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('base64url')}`;
}
