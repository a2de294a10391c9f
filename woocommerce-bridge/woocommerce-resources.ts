/**
 * The parts of WooCommerce REST v3 resources the bridge reads, as zod schemas. Stores run every version of
 * WooCommerce and every plugin that filters these responses, so fields are read leniently: a missing or
 * odd field falls back (`catch`) rather than failing a whole page of products.
 */
import { z } from 'zod';

const measure = z.union([z.string(), z.number(), z.null()]).optional().catch(undefined);

export const wooProductSchema = z.looseObject({
  id: z.number().int().positive(),
  name: z.string().catch(''),
  /** simple, variable, grouped, external, variation (a variation fetched as a product, webhooks). */
  type: z.string().catch('simple'),
  status: z.string().catch('publish'),
  sku: z.string().nullable().catch(null),
  weight: measure,
  dimensions: z
    .object({ length: measure, width: measure, height: measure })
    .nullable()
    .optional()
    .catch(undefined),
  virtual: z.boolean().catch(false),
  parent_id: z.number().int().catch(0),
  variations: z.array(z.number().int()).catch([]),
  attributes: z
    .array(z.looseObject({ name: z.string().catch(''), option: z.string().optional().catch(undefined) }))
    .catch([]),
});
export type WooProduct = z.infer<typeof wooProductSchema>;

export const wooProductListSchema = z.array(wooProductSchema);

/** `product.deleted` webhooks carry only the id. */
export const wooDeletedResourceSchema = z.looseObject({ id: z.number().int().positive() });

export const wooWebhookSchema = z.looseObject({
  id: z.number().int(),
  name: z.string().catch(''),
  status: z.string().catch(''),
  topic: z.string().catch(''),
  delivery_url: z.string().catch(''),
});
export type WooWebhook = z.infer<typeof wooWebhookSchema>;

export const wooSettingSchema = z.looseObject({
  id: z.string(),
  value: z.union([z.string(), z.number()]).transform(String),
});

/** WordPress REST errors: `{code, message, data: {status}}`. */
export const wooErrorSchema = z.looseObject({
  code: z.string(),
  message: z.string().catch(''),
});
