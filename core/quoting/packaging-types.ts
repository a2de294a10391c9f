/** How the catalog and locations describe what the engine packs: profiles, the default box, warehouses. */
import type { PackageType, PickupPoint } from '../platforms/freight-platform.js';

export interface PackagingProfile {
  readonly packages: readonly {
    readonly type: PackageType;
    readonly lengthCm: number;
    readonly widthCm: number;
    readonly heightCm: number;
    readonly weightKg: number;
    readonly quantity?: number;
  }[];
  /** In priority order; empty means the default location. */
  readonly locationIds: readonly string[];
  readonly consolidatable: boolean;
}

export interface DefaultBox {
  readonly type: PackageType;
  readonly lengthCm: number;
  readonly widthCm: number;
  readonly heightCm: number;
  readonly tareWeightKg: number;
}

export interface PickupLocation extends PickupPoint {
  readonly id: string;
  readonly isDefault: boolean;
}
