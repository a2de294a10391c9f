/** What packing reads of the catalog and locations: profiles and the default box (core/wire), warehouses. */
import type { PickupPoint } from '../platforms/freight-platform.js';
import type { DespatchSettings, PackagingProfile as StoredProfile } from '../wire/admin-api-types.js';

/** What packing reads of a product's packaging profile (core/wire); locations in priority order. */
export type PackagingProfile = Pick<StoredProfile, 'packages' | 'locationIds' | 'consolidatable'>;
export type { DefaultBox } from '../wire/admin-api-types.js';

export interface PickupLocation extends PickupPoint {
  readonly id: string;
  readonly isDefault: boolean;
  /** When it despatches (core/wire/locations-schema.ts); absent: the defaults. */
  readonly despatch?: DespatchSettings;
}
