/**
 * What packing reads of the catalog and locations: profiles, the default box, the merchant's boxes and
 * packing settings (core/wire), warehouses.
 */
import type { PickupPoint } from '../platforms/freight-platform.js';
import type {
  Box,
  DespatchSettings,
  PackingSettings,
  PackagingProfile as StoredProfile,
} from '../wire/admin-api-types.js';

/** What packing reads of a product's packaging profile (core/wire); locations in priority order. */
export type PackagingProfile = Pick<
  StoredProfile,
  'packages' | 'locationIds' | 'consolidatable' | 'shipsAlone'
>;
export type { Box, DefaultBox, GroupPacking, PackedBox, PackingSettings } from '../wire/admin-api-types.js';

/** The merchant's boxes and packing settings: without boxes, every line ships as its profile says. */
export interface PackingSetup {
  readonly boxes: readonly Box[];
  readonly settings: PackingSettings;
}

export interface PickupLocation extends PickupPoint {
  readonly id: string;
  readonly isDefault: boolean;
  /** When it despatches (core/wire/locations-schema.ts); absent: the defaults. */
  readonly despatch?: DespatchSettings;
}
