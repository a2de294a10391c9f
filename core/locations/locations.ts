/**
 * A tenant's pickup locations: create, read, update, delete, the one default, the platforms' own
 * references (opaque strings per platform, freight-platform.ts `pickupRef`: a linked warehouse such as a
 * MachShip company location, or the suburb's id such as a Big Post LocalityId), and importing the
 * warehouses a platform account already has. No platform is named here: each says what it keeps.
 *
 * Invariants, kept inside one atomic update of the tenant's locations document: while any location exists
 * exactly one is the default (the first one created becomes it; deleting it promotes the oldest other);
 * names are unique ignoring case; a platform's warehouse is linked to at most one location.
 *
 * This file holds the contract (options, input schemas, results); pickup-locations.ts composes the
 * operations, one per file beside it.
 */
import { z } from 'zod';
import type { Logger } from '../logger.js';
import { PLATFORM_NAMES } from '../platforms/freight-platform.js';
import type { PlatformRegistry } from '../platforms/registry.js';
import type { Store } from '../storage/store.js';
import type { LocalityReference } from './address-check.js';
import type { LocationRecord } from './location-record.js';
import type { LocationTokens } from './platform-check.js';

export interface LocationsOptions {
  readonly store: Store;
  readonly tokens: LocationTokens;
  readonly platforms: PlatformRegistry;
  readonly logger: Logger;
  /** The offline reference data; Australia Post's by default. */
  readonly localities?: LocalityReference;
  readonly now?: () => number;
  /** How long a platform may take to confirm a suburb before it becomes a warning (default 3 s). */
  readonly platformTimeoutMs?: number;
  /** How long listing an account's warehouses may take (default 10 s). */
  readonly importTimeoutMs?: number;
}

/** Every create and update answers with the location and what the merchant should double-check. */
export interface LocationResult {
  readonly location: LocationRecord;
  readonly warnings: readonly string[];
}

export interface WarehouseImport {
  readonly created: readonly LocationRecord[];
  /** Existing locations at the same address, now linked to the platform's warehouse. */
  readonly linked: readonly LocationRecord[];
  /** Already imported or linked before: left exactly as the merchant has them. */
  readonly unchanged: readonly LocationRecord[];
  readonly skipped: readonly {
    readonly platformId: string;
    readonly name: string;
    readonly reason: string;
  }[];
  readonly warnings: readonly string[];
}

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
