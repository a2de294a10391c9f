/**
 * The admin API's pickup locations and localities (docs/admin-api.md). A location's stored record is its
 * view: nothing in it is secret, and its dates are ISO strings in both.
 */
import { z } from 'zod';
import { AU_STATES, PLATFORM_NAMES, WEEKDAYS } from './vocabulary.js';

/**
 * Each platform's own reference for a place, keyed by platform name: opaque, read only by that platform's
 * adapter (MachShip: the company location id a warehouse is linked to; Big Post: the suburb's LocalityId).
 */
export const platformRefsSchema = z.partialRecord(z.enum(PLATFORM_NAMES), z.string().min(1).max(64));

const CALENDAR_DATE = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Write the date as YYYY-MM-DD.')
  .refine((date) => new Date(`${date}T00:00:00Z`).toISOString().startsWith(date), 'Not a calendar date.');
const DAY_MS = 86_400_000;

/** Days a location does not despatch, both ends included (a Christmas shutdown, a stocktake). */
export const closedRangeSchema = z
  .strictObject({
    from: CALENDAR_DATE,
    to: CALENDAR_DATE,
    note: z.string().trim().max(80, 'A note is at most 80 characters.').optional(),
  })
  .refine((range) => range.from <= range.to, { message: 'The range ends before it starts.', path: ['to'] })
  .refine((range) => Date.parse(range.to) - Date.parse(range.from) <= 366 * DAY_MS, {
    message: 'A closed range is at most a year long.',
    path: ['to'],
  });

/**
 * When a location despatches (docs/delivery-dates.md): handling days before goods leave, the daily
 * cut-off in the location's own time zone (derived from its state), the weekdays it despatches and the
 * date ranges it is closed. Its state's public holidays are skipped without being listed here.
 */
export const despatchSettingsSchema = z.strictObject({
  handlingDays: z
    .number({ error: 'Give the handling days as a whole number from 0 to 30.' })
    .int('Give the handling days as a whole number from 0 to 30.')
    .min(0, 'Give the handling days as a whole number from 0 to 30.')
    .max(30, 'Give the handling days as a whole number from 0 to 30.'),
  /** `HH:MM`, 24-hour, the location's local time: orders at or after it count from the next day. */
  cutoff: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Write the cut-off as HH:MM, 24-hour (14:00).'),
  weekdays: z
    .array(z.enum(WEEKDAYS))
    .min(1, 'Choose at least one despatch day.')
    .max(7)
    .refine((days) => new Set(days).size === days.length, 'A day is listed twice.'),
  closedDates: z.array(closedRangeSchema).max(50, 'At most 50 closed ranges.'),
});

/**
 * What a location without settings (every one stored before #15) despatches by: Monday to Friday, the
 * same day when ordered before 2 pm, which is what its quotes assumed before dates were computed. A fresh
 * object each call, so no record shares (and mutates) another's arrays.
 */
export function defaultDespatch(): z.output<typeof despatchSettingsSchema> {
  return { handlingDays: 0, cutoff: '14:00', weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'], closedDates: [] };
}

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
  /** Absent in documents stored before #15: read as the defaults, so no stored location is lost. */
  despatch: despatchSettingsSchema.default(defaultDespatch),
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
  /** Left out: the defaults (`defaultDespatch()`). */
  despatch: despatchSettingsSchema.optional(),
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
  /** Replaces the despatch settings whole (the form always sends all four). */
  despatch: despatchSettingsSchema.optional(),
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
