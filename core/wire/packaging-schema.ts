/**
 * The admin API's packaging (docs/admin-api.md, docs/packaging-csv.md): how one product ships (its
 * packaging profile), the merchant's default box, the missing-dimensions report and the CSV import's
 * answer. The bodies here are the shapes a caller sends; the core adds its plausibility rules on top
 * (core/catalog/packaging-profile.ts), which refuse values but never change a type.
 */
import { z } from 'zod';
import { BOX_KINDS, PACKAGE_TYPES } from './vocabulary.js';

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
  /** It ships in its own packaging and never goes into one of the merchant's boxes (a boxed TV). */
  shipsAlone: z.boolean().default(false),
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
  /** Absent (as on profiles stored before boxes existed) means false: packable. */
  shipsAlone: z.boolean().optional(),
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

// --- the merchant's boxes and how packing uses them (docs/packaging.md) -----------------------------

export const MAX_BOXES = 30;
/** Most unit items one pickup group is packed from at checkout; above it, one package set per unit. */
export const MAX_PACKED_ITEMS = 200;
export const DEFAULT_PACKED_ITEMS = 100;

const dimensionsSchema = z.strictObject(dimensions);
const boxName = z
  .string()
  .trim()
  .min(1, 'The box needs a name.')
  .max(50, 'A box name is at most 50 characters.');
const boxWeights = {
  /** The empty box (or pallet base), kg. */
  tareWeightKg: z.number().min(0, 'The empty box cannot weigh less than 0 kg.'),
  /** Most the packed box may weigh, its tare included, kg. */
  maxWeightKg: z.number().positive('The maximum weight must be more than 0 kg.'),
  /** Big Post's "Add MHP" carton setting, sent as `Items[].isMHP`. */
  bigPostMhp: z.boolean().default(false),
};

/** A carton or satchel: the space inside, and its outside either measured or as inside plus a wall. */
export const containerBoxBodySchema = z.strictObject({
  kind: z.enum(['carton', 'satchel']),
  name: boxName,
  innerCm: dimensionsSchema,
  /** Measured outside; when absent, the inside plus `wallCm` on every side. */
  outerCm: dimensionsSchema.optional(),
  wallCm: z.number().min(0, 'The wall cannot be thinner than 0 cm.').max(20).optional(),
  ...boxWeights,
});

/** A pallet: its deck, the base's own height and how high it may be loaded (base included). */
export const palletBoxBodySchema = z.strictObject({
  kind: z.literal('pallet'),
  name: boxName,
  lengthCm: z.number(),
  widthCm: z.number(),
  baseHeightCm: z.number().min(0, 'The base cannot be lower than 0 cm.'),
  maxHeightCm: z.number(),
  ...boxWeights,
});

export const boxBodySchema = z.discriminatedUnion('kind', [containerBoxBodySchema, palletBoxBodySchema], {
  error: `The kind must be one of: ${BOX_KINDS.join(', ')}.`,
});

const stored = { id: z.string(), updatedAt: z.string() };
export const boxRecordSchema = z.discriminatedUnion('kind', [
  z.object({ ...containerBoxBodySchema.shape, ...stored }),
  z.object({ ...palletBoxBodySchema.shape, ...stored }),
]);

/** When cartons go onto pallets, and how many items checkout packs at most. */
export const packingSettingsBodySchema = z.strictObject({
  /** Palletise when a pickup group ships more than this many cartons and satchels; absent: never by count. */
  palletiseOverPackages: z.number().int().min(1).max(1000).optional(),
  /** Palletise when they weigh more than this together, kg; absent: never by weight. */
  palletiseOverKg: z.number().positive().max(100_000).optional(),
  maxPackedItems: z
    .number()
    .int()
    .min(1)
    .max(MAX_PACKED_ITEMS, `Checkout packs at most ${MAX_PACKED_ITEMS} items.`)
    .default(DEFAULT_PACKED_ITEMS),
});
export const packingSettingsRecordSchema = z.object(packingSettingsBodySchema.shape);

export const boxesResponseSchema = z.object({ boxes: z.array(boxRecordSchema) });
export const boxResponseSchema = z.object({ box: boxRecordSchema });
export const packingSettingsResponseSchema = z.object({ settings: packingSettingsRecordSchema });

// --- what packing did, as the test quote and the rate log show it -------------------------------------

const triple = z.tuple([z.number(), z.number(), z.number()]);

/**
 * One thing placed in a box or on a pallet: its corner and its size as placed (cm; x length, y width, z
 * up), and what it is: a unit of cart line `line` (index into the request's lines), or (on a pallet) the
 * group's packed box number `box`.
 */
export const placementSchema = z.object({
  line: z.number().optional(),
  box: z.number().optional(),
  at: triple,
  size: triple,
});

/** One box as packed: what it is, its space and outside, its weight, and where each item sits. */
export const packedBoxSchema = z.object({
  boxId: z.string(),
  name: z.string(),
  kind: z.enum(BOX_KINDS),
  innerCm: triple,
  outerCm: triple,
  weightKg: z.number(),
  maxWeightKg: z.number(),
  items: z.array(placementSchema),
});

export const PACKING_METHODS = ['boxes', 'per-unit'] as const;
/** How a pickup group was packed; `note` says why it was not packed into boxes. */
export const groupPackingSchema = z.object({
  method: z.enum(PACKING_METHODS),
  note: z.string().optional(),
  /** Boxes were set up but this group was over a bound (items, tries): packed one set per unit instead. */
  fallback: z.boolean().default(false),
  boxes: z.array(packedBoxSchema),
  /** Packages palletised: the boxes above sit on pallets listed here with their cartons as items. */
  pallets: z.array(packedBoxSchema).default([]),
});

/** What the rate log keeps of a group's packing: each box and pallet, and which cart lines are inside. */
export const packingSummarySchema = z.object({
  method: z.enum(PACKING_METHODS),
  note: z.string().optional(),
  fallback: z.boolean(),
  boxes: z.array(
    z.object({
      name: z.string(),
      kind: z.enum(BOX_KINDS),
      weightKg: z.number(),
      /** The cart line (index) of each unit inside, one entry a unit. */
      lines: z.array(z.number()),
    }),
  ),
  pallets: z.array(
    z.object({ name: z.string(), weightKg: z.number(), heightCm: z.number(), packages: z.number() }),
  ),
});

/** The test quote's packing: each pickup group's boxes and pallets with every placement. */
export const testQuotePackingSchema = z.array(groupPackingSchema.extend({ locationId: z.string() }));
