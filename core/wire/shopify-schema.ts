/**
 * The Shopify app's admin routes beside the core admin API (shopify-app/shopify-admin-routes.ts): going
 * live with the carrier service, and the product sync.
 */
import { z } from 'zod';

export const carrierServiceViewSchema = z.object({
  id: z.string(),
  active: z.boolean(),
  registeredAt: z.string(),
});

/** The carrier service (null: not registered yet) and the steps that remain in Shopify's own admin. */
export const carrierServiceResponseSchema = z.object({
  carrierService: carrierServiceViewSchema.nullable(),
  instructions: z.array(z.string()),
});
export const goLiveResponseSchema = z.object({
  carrierService: carrierServiceViewSchema,
  instructions: z.array(z.string()),
});

/** A shop's product sync: idle until the first one runs; `total` once Shopify said how many. */
export const syncProgressSchema = z.object({
  state: z.enum(['idle', 'running', 'done', 'failed']),
  done: z.number().int(),
  total: z.number().int().nullable(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  error: z.string().nullable(),
});

export const shopifyContextSchema = z.object({ host: z.literal('shopify'), tenant: z.string() });
