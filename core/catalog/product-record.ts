/**
 * What RateBridge knows of a merchant's products without a packaging profile: what the front ends' product
 * sync told it and what checkouts carried. Stored one document per product at (tenant, 'products', key),
 * key as for profiles (`variant:<id>` when the variant is known, else `sku:<SKU>`). The missing-dimensions
 * report is built from these.
 */
import { z } from 'zod';
import { MAX_IDENTIFIER_LENGTH } from './packaging-profile.js';

export interface ProductRecord {
  readonly sku?: string;
  readonly variantId?: string;
  readonly title?: string;
  /** The shop's own weight of one unit, grams. */
  readonly grams?: number;
  /** When a product sync last reported it. */
  readonly syncedAt?: string;
  /** When a checkout last asked to ship it without a profile. */
  readonly lastSeenAtCheckout?: string;
}

export const productRecordSchema = z.object({
  sku: z.string().optional(),
  variantId: z.string().optional(),
  title: z.string().optional(),
  grams: z.number().optional(),
  syncedAt: z.string().optional(),
  lastSeenAtCheckout: z.string().optional(),
});

/** A product as a front end reports it; ids may arrive as numbers (Shopify, WooCommerce JSON). */
export interface ProductInput {
  readonly sku?: string | null;
  readonly variantId?: string | number | null;
  readonly title?: string | null;
  readonly grams?: number | null;
}

/** The cleaned identity and facts of a product, or undefined when it names no SKU and no variant. */
export function cleanProduct(
  input: ProductInput,
): Omit<ProductRecord, 'syncedAt' | 'lastSeenAtCheckout'> | undefined {
  const sku = identifier(input.sku);
  const variantId = identifier(
    input.variantId === null || input.variantId === undefined ? undefined : String(input.variantId),
  );
  if (sku === undefined && variantId === undefined) return undefined;
  const title = input.title?.trim().slice(0, 200);
  const grams =
    typeof input.grams === 'number' && Number.isFinite(input.grams) && input.grams >= 0
      ? input.grams
      : undefined;
  return {
    ...(sku === undefined ? {} : { sku }),
    ...(variantId === undefined ? {} : { variantId: variantId.replace(/\s+/g, '') }),
    ...(title ? { title } : {}),
    ...(grams === undefined ? {} : { grams }),
  };
}

function identifier(value: string | null | undefined): string | undefined {
  // Control characters would make a key no one can type back; such values identify nothing usable.
  const trimmed = value?.trim();
  if (!trimmed || trimmed.length > MAX_IDENTIFIER_LENGTH || /\p{Cc}/u.test(trimmed)) return undefined;
  return trimmed;
}
