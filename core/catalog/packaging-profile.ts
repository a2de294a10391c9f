/**
 * How one product ships: the packages one unit goes out in, the pickup locations it ships from and
 * whether the platform may consolidate it with other goods. A profile is keyed by SKU (`sku:<SKU>`) or by
 * the shop's variant id (`variant:<id>`); at checkout a variant profile wins over a SKU profile.
 *
 * Also the merchant's default box, used with the shop's own weight for products without a profile.
 */
import { z } from 'zod';
import type { PackageType, PackagingPackage, ProfileKey } from '../wire/admin-api-types.js';
import {
  MAX_LOCATIONS_PER_PROFILE,
  MAX_PACKAGE_KINDS,
  defaultBoxBodySchema,
  packageBodySchema,
  packageListOf,
  profileBodySchema,
} from '../wire/packaging-schema.js';
import { decimalText } from './units.js';

export type { DefaultBox, PackagingPackage, PackagingProfile, ProfileKey } from '../wire/admin-api-types.js';
export { MAX_LOCATIONS_PER_PROFILE, MAX_PACKAGE_KINDS };

// --- limits: what a real package can be. Beyond them the value is almost always a unit mistake. ---

export const MIN_DIMENSION_CM = 0.1;
export const MAX_DIMENSION_CM = 1500;
export const MAX_PACKAGES_PER_UNIT = 1000;
export const MAX_IDENTIFIER_LENGTH = 100;

/** Heavier than this for its type is implausible: a carton of 1,200 kg was weighed in grams. */
export const MAX_WEIGHT_KG: Readonly<Record<PackageType, number>> = {
  carton: 1000,
  satchel: 50,
  bag: 1000,
  tube: 1000,
  pack: 1000,
  crate: 5000,
  skid: 5000,
  pallet: 5000,
};

export type PackageField = 'lengthCm' | 'widthCm' | 'heightCm' | 'weightKg' | 'quantity';

export interface PlausibilityProblem {
  readonly field: PackageField;
  readonly message: string;
}

const DIMENSION_WORD: Readonly<Record<'lengthCm' | 'widthCm' | 'heightCm', string>> = {
  lengthCm: 'length',
  widthCm: 'width',
  heightCm: 'height',
};

/** What is impossible about a package, each with the likely unit mistake behind it. */
export function plausibilityProblems(pkg: PackagingPackage): PlausibilityProblem[] {
  const problems: PlausibilityProblem[] = [];
  for (const field of ['lengthCm', 'widthCm', 'heightCm'] as const) {
    const value = pkg[field];
    const word = DIMENSION_WORD[field];
    if (!Number.isFinite(value) || value <= 0) {
      problems.push({ field, message: `The ${word} must be more than 0 cm.` });
    } else if (value < MIN_DIMENSION_CM) {
      problems.push({
        field,
        message: `A ${word} of ${decimalText(value)} cm is under 1 mm: was it measured in metres?`,
      });
    } else if (value > MAX_DIMENSION_CM) {
      problems.push({
        field,
        message: `A ${word} of ${decimalText(value)} cm is more than ${MAX_DIMENSION_CM / 100} m: was it measured in millimetres?`,
      });
    }
  }
  const limit = MAX_WEIGHT_KG[pkg.type];
  if (!Number.isFinite(pkg.weightKg) || pkg.weightKg <= 0) {
    problems.push({ field: 'weightKg', message: 'The weight must be more than 0 kg.' });
  } else if (pkg.weightKg > limit) {
    problems.push({
      field: 'weightKg',
      message: `A ${pkg.type} of ${decimalText(pkg.weightKg)} kg is heavier than ${limit} kg: was it weighed in grams?`,
    });
  }
  if (!Number.isInteger(pkg.quantity) || pkg.quantity < 1 || pkg.quantity > MAX_PACKAGES_PER_UNIT) {
    problems.push({
      field: 'quantity',
      message: `The quantity must be a whole number from 1 to ${MAX_PACKAGES_PER_UNIT}.`,
    });
  }
  return problems;
}

// --- keys --------------------------------------------------------------------------------------

/** SKUs are the merchant's text: anything printable, no line breaks or control characters. */
export const skuSchema = z
  .string()
  .trim()
  .min(1, 'The SKU is empty.')
  .max(MAX_IDENTIFIER_LENGTH, `A SKU is at most ${MAX_IDENTIFIER_LENGTH} characters.`)
  .regex(/^[^\p{Cc}]+$/u, 'The SKU contains a line break or control character.');

/** Shopify (numeric or gid://…) and WooCommerce (numeric) variant ids: no spaces. */
export const variantIdSchema = z
  .string()
  .trim()
  .min(1, 'The variant id is empty.')
  .max(MAX_IDENTIFIER_LENGTH, `A variant id is at most ${MAX_IDENTIFIER_LENGTH} characters.`)
  .regex(/^[^\s\p{Cc}]+$/u, 'A variant id has no spaces.');

export const skuKey = (sku: string): ProfileKey => `sku:${sku}`;
export const variantKey = (variantId: string): ProfileKey => `variant:${variantId}`;

export type ParsedKey =
  { readonly kind: 'sku'; readonly sku: string } | { readonly kind: 'variant'; readonly variantId: string };

/** `sku:ABC-1` or `variant:4412`; undefined for anything else (including an invalid SKU or id). */
export function parseProfileKey(key: string): ParsedKey | undefined {
  if (key.startsWith('sku:')) {
    const sku = skuSchema.safeParse(key.slice(4));
    return sku.success && sku.data === key.slice(4) ? { kind: 'sku', sku: sku.data } : undefined;
  }
  if (key.startsWith('variant:')) {
    const id = variantIdSchema.safeParse(key.slice(8));
    return id.success && id.data === key.slice(8) ? { kind: 'variant', variantId: id.data } : undefined;
  }
  return undefined;
}

// --- schemas: the wire's bodies (core/wire/packaging-schema.ts) with the plausibility rules added -----

/** A package as an API caller sends it; the plausibility rules apply to every field. */
export const packageInputSchema = packageBodySchema.superRefine((pkg, context) => {
  for (const problem of plausibilityProblems(pkg)) {
    context.addIssue({ code: 'custom', path: [problem.field], message: problem.message });
  }
});

export const profileInputSchema = profileBodySchema.extend({ packages: packageListOf(packageInputSchema) });

export const defaultBoxSchema = defaultBoxBodySchema.superRefine((box, context) => {
  // The box's own weight may be 0; its dimensions follow the package rules.
  const probe = { ...box, weightKg: 1, quantity: 1 };
  for (const problem of plausibilityProblems(probe)) {
    if (problem.field === 'weightKg' || problem.field === 'quantity') continue;
    context.addIssue({ code: 'custom', path: [problem.field], message: problem.message });
  }
  if (box.tareWeightKg > MAX_WEIGHT_KG[box.type]) {
    context.addIssue({
      code: 'custom',
      path: ['tareWeightKg'],
      message: `An empty ${box.type} of ${decimalText(box.tareWeightKg)} kg is implausible: was it weighed in grams?`,
    });
  }
});
