/**
 * The admin API's pickup locations and localities (docs/admin-api.md). A location's stored record is its
 * view: nothing in it is secret, and its dates are ISO strings in both.
 */
import { z } from 'zod';
import { AU_STATES, PLATFORM_NAMES } from './vocabulary.js';

/**
 * Each platform's own reference for a place, keyed by platform name: opaque, read only by that platform's
 * adapter (MachShip: the company location id a warehouse is linked to; Big Post: the suburb's LocalityId).
 */
export const platformRefsSchema = z.partialRecord(z.enum(PLATFORM_NAMES), z.string().min(1).max(64));

export const locationSchema = z.object({
  /** `loc_…` */
  id: z.string(),
  /** Unique per tenant (case-insensitively): the packaging CSV refers to locations by name. */
  name: z.string(),
  addressLine1: z.string().optional(),
  suburb: z.string(),
  postcode: z.string(),
  state: z.enum(AU_STATES),
  isDefault: z.boolean(),
  platformRefs: platformRefsSchema.optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const NAME = z
  .string()
  .trim()
  .min(1, 'Give the location a name.')
  .max(80, 'A location name is at most 80 characters.')
  .regex(/^[^\p{Cc}]+$/u, 'The name contains a line break or control character.');
const ADDRESS_LINE = z.string().trim().max(120, 'The address line is at most 120 characters.');
// A JSON number postcode is accepted: 800 is read as 0800 for NT and ACT (address-check.ts).
const POSTCODE = z.union([z.string().max(10), z.number().int().min(0).max(9999)]);
const PLATFORM_REF = z
  .string()
  .trim()
  .min(1, 'Give the reference.')
  .max(64, 'A reference is at most 64 characters.');

export const createLocationSchema = z.strictObject({
  name: NAME,
  addressLine1: ADDRESS_LINE.optional(),
  suburb: z.string().max(100),
  postcode: POSTCODE,
  state: z.string().max(40),
  isDefault: z.boolean().optional(),
  /** Warehouses to link, by platform: `{"machship": "7101"}` (a MachShip company location id). */
  platformRefs: z.partialRecord(z.enum(PLATFORM_NAMES), PLATFORM_REF).optional(),
});

/** Fields left out stay as they are; `null` clears the address line or that platform's link. */
export const updateLocationSchema = z.strictObject({
  name: NAME.optional(),
  addressLine1: ADDRESS_LINE.nullable().optional(),
  suburb: z.string().max(100).optional(),
  postcode: POSTCODE.optional(),
  state: z.string().max(40).optional(),
  isDefault: z.boolean().optional(),
  platformRefs: z.partialRecord(z.enum(PLATFORM_NAMES), PLATFORM_REF.nullable()).optional(),
});

export const connectionIdBodySchema = z.strictObject({
  connectionId: z.string().regex(/^con_[A-Za-z0-9_-]{16}$/, 'not a connection id'),
});

/** Every create and update answers with the location and what the merchant should double-check. */
export const locationResultSchema = z.object({ location: locationSchema, warnings: z.array(z.string()) });

export const warehouseImportSchema = z.object({
  created: z.array(locationSchema),
  /** Existing locations at the same address, now linked to the platform's warehouse. */
  linked: z.array(locationSchema),
  /** Already imported or linked before: left exactly as the merchant has them. */
  unchanged: z.array(locationSchema),
  skipped: z.array(z.object({ platformId: z.string(), name: z.string(), reason: z.string() })),
  warnings: z.array(z.string()),
});

/** A warehouse the platform account already has (MachShip company locations). */
export const platformWarehouseSchema = z.object({
  platformId: z.string(),
  name: z.string(),
  addressLine1: z.string().optional(),
  suburb: z.string(),
  postcode: z.string(),
  state: z.union([z.enum(AU_STATES), z.string()]),
});

/** A suburb of the bundled Australian locality data, for autocomplete. */
export const localitySchema = z.object({
  suburb: z.string(),
  postcode: z.string(),
  state: z.enum(AU_STATES),
});

export const locationsResponseSchema = z.object({ locations: z.array(locationSchema) });
export const locationResponseSchema = z.object({ location: locationSchema });
/** After a delete: the location that is the default now, when there is one. */
export const locationDeletedSchema = z.object({ defaultLocationId: z.string().optional() });
export const platformWarehousesResponseSchema = z.object({ warehouses: z.array(platformWarehouseSchema) });
export const localitiesResponseSchema = z.object({ localities: z.array(localitySchema) });
