/**
 * The admin API's packaging (docs/admin-api.md, docs/packaging-csv.md): how one product ships (its
 * packaging profile), the merchant's default box, the missing-dimensions report and the CSV import's
 * answer. The bodies here are the shapes a caller sends; the core adds its plausibility rules on top
 * (core/catalog/packaging-profile.ts), which refuse values but never change a type.
 */
import { z } from 'zod';
import { PACKAGE_TYPES } from './vocabulary.js';

export const MAX_PACKAGE_KINDS = 50;
export const MAX_LOCATIONS_PER_PROFILE = 20;

/** `sku:<SKU>` or `variant:<id>`; at checkout a variant profile wins over a SKU profile. */
export const profileKeySchema = z.union([
  z.templateLiteral(['sku:', z.string()]),
  z.templateLiteral(['variant:', z.string()]),
]);

export const packageTypeSchema = z.enum(PACKAGE_TYPES, {
  error: `The package type must be one of: ${PACKAGE_TYPES.join(', ')}.`,
});

const dimensions = { lengthCm: z.number(), widthCm: z.number(), heightCm: z.number() };

/** A package as an API caller sends it (quantity 1 unless said). */
export const packageBodySchema = z.strictObject({
  type: packageTypeSchema,
  ...dimensions,
  /** Weight of one package, kg. */
  weightKg: z.number(),
  /** Packages of this kind per unit sold. */
  quantity: z.number().default(1),
});

/** The list of a profile's packages, whichever package schema checks each one. */
export const packageListOf = <T extends z.ZodType>(item: T) =>
  z.array(item).max(MAX_PACKAGE_KINDS, `A product ships in at most ${MAX_PACKAGE_KINDS} kinds of package.`);

export const profileBodySchema = z.strictObject({
  packages: packageListOf(packageBodySchema),
  locationIds: z
    .array(z.string().min(1).max(64))
    .max(MAX_LOCATIONS_PER_PROFILE, `A product ships from at most ${MAX_LOCATIONS_PER_PROFILE} locations.`)
    .default([]),
  consolidatable: z.boolean().default(false),
});

export const defaultBoxBodySchema = z.strictObject({
  type: packageTypeSchema,
  ...dimensions,
  /** The empty box; the shop's product weight is added to it. */
  tareWeightKg: z.number().min(0, 'The empty box cannot weigh less than 0 kg.'),
});

// Stored documents, which are also the answers, are read leniently (no strict keys) so a field added
// later does not break old ones.
export const packagingPackageSchema = z.object({
  type: z.enum(PACKAGE_TYPES),
  ...dimensions,
  weightKg: z.number(),
  quantity: z.number(),
});

export const packagingProfileSchema = z.object({
  key: profileKeySchema,
  sku: z.string().optional(),
  variantId: z.string().optional(),
  /** Empty: the profile only sets locations or consolidation; quotes use the shop weight and default box. */
  packages: z.array(packagingPackageSchema),
  /** Where it ships from; empty means the tenant's default location. */
  locationIds: z.array(z.string()),
  consolidatable: z.boolean(),
  updatedAt: z.string(),
});

export const defaultBoxRecordSchema = z.object({
  type: z.enum(PACKAGE_TYPES),
  ...dimensions,
  tareWeightKg: z.number(),
});

export const missingDimensionsItemSchema = z.object({
  /** The product's key (`variant:<id>` or `sku:<SKU>`): PUT /packaging/<key> fixes it. */
  key: z.string(),
  sku: z.string().optional(),
  variantId: z.string().optional(),
  title: z.string().optional(),
  grams: z.number().optional(),
  reason: z.enum(['no_profile', 'no_packages']),
  /** What checkout does for it now, and what to do. */
  message: z.string(),
  lastSeenAtCheckout: z.string().optional(),
});

const paged = { total: z.number(), offset: z.number(), limit: z.number() };

export const profilesPageSchema = z.object({ profiles: z.array(packagingProfileSchema), ...paged });
export const profileResponseSchema = z.object({ profile: packagingProfileSchema });
export const missingDimensionsPageSchema = z.object({
  items: z.array(missingDimensionsItemSchema),
  ...paged,
});
export const csvImportResultSchema = z.object({
  /** Products whose packaging the file set. */
  imported: z.number(),
  rows: z.number(),
  /** Their keys (`sku:…`, `variant:…`). */
  profiles: z.array(z.string()),
});
export const defaultBoxResponseSchema = z.object({ defaultBox: defaultBoxRecordSchema.nullable() });
export const defaultBoxSavedSchema = z.object({ defaultBox: defaultBoxRecordSchema });
