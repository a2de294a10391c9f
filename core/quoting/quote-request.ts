/**
 * What a front end hands the engine: the shop platform's cart, translated. Only what pricing needs: no
 * names, emails or phones, and address lines are accepted but never sent upstream nor logged.
 */
import { z } from 'zod';
import type { Cents } from '../money.js';

export const quoteLineSchema = z.object({
  sku: z.string().trim().max(255).optional(),
  variantId: z.string().trim().max(64).optional(),
  quantity: z.number().int().min(1).max(10_000),
  /** Shop weight of one unit, grams (Shopify `grams`; WooCommerce converted). */
  grams: z.number().min(0).max(100_000_000).optional(),
  /** Price of one unit in minor units. */
  priceCents: z.number().int().min(0).max(1_000_000_000).default(0),
  requiresShipping: z.boolean().default(true),
  /** Dimensions a shop knows for the product (WooCommerce), cm; used when no packaging profile exists. */
  dimensionsCm: z
    .object({ length: z.number().positive(), width: z.number().positive(), height: z.number().positive() })
    .optional(),
});

export const destinationSchema = z.object({
  country: z.string().trim().length(2).toUpperCase(),
  postcode: z.string().trim().max(16),
  state: z.string().trim().max(32).optional(),
  suburb: z.string().trim().max(128).optional(),
  addressLine1: z.string().max(256).optional(),
  addressLine2: z.string().max(256).optional(),
});

export const quoteRequestSchema = z.object({
  destination: destinationSchema,
  lines: z.array(quoteLineSchema).min(1).max(500),
  currency: z.string().trim().length(3).toUpperCase(),
});

export type QuoteLine = z.output<typeof quoteLineSchema>;
export type QuoteDestination = z.output<typeof destinationSchema>;
export type QuoteRequest = z.output<typeof quoteRequestSchema>;

/** A shop-level rate, before a front end formats it for Shopify or WooCommerce. */
export interface Rate {
  /** Stable across quotes for the same service: Shopify's service_code, WooCommerce's rate id. */
  readonly code: string;
  readonly name: string;
  readonly totalCents: Cents;
  readonly currency: string;
  readonly description?: string;
  /** Business days from today; dates are computed by the front end in the shop's terms. */
  readonly minDays?: number;
  readonly maxDays?: number;
}
