/**
 * A tenant's pickup locations (the contract and its invariants: locations.ts). One operation per file in
 * this folder; this file only composes them over one shared context (location-context.ts).
 */
import { platformWarehouses } from './account-warehouses.js';
import { createLocation } from './create-location.js';
import { deleteLocation } from './delete-location.js';
import { importWarehouses } from './import-warehouses.js';
import { createLocationContext } from './location-context.js';
import type { LocationRecord } from './location-record.js';
import type { LocationsOptions } from './locations.js';
import { pickupLocationFor, type PickupLocation } from './pickup-point.js';
import { setDefaultLocation } from './set-default-location.js';
import { updateLocation } from './update-location.js';

export function createLocations(options: LocationsOptions) {
  const ctx = createLocationContext(options);
  return {
    /** Oldest first. */
    list: async (tenant: string): Promise<readonly LocationRecord[]> => (await ctx.load(tenant)).locations,
    get: (tenant: string, id: string): Promise<LocationRecord> => ctx.get(tenant, id),
    defaultLocation: async (tenant: string): Promise<LocationRecord | undefined> =>
      (await ctx.load(tenant)).locations.find((location) => location.isDefault),
    /** For the quote engine: every location as a pickup point with its id. */
    pickupLocations: async (tenant: string): Promise<readonly PickupLocation[]> =>
      (await ctx.load(tenant)).locations.map(pickupLocationFor),
    create: (tenant: string, input: unknown) => createLocation(ctx, tenant, input),
    update: (tenant: string, id: string, input: unknown) => updateLocation(ctx, tenant, id, input),
    /** Deletes the location; when it was the default, the oldest remaining one becomes the default. */
    delete: (tenant: string, id: string) => deleteLocation(ctx, tenant, id),
    setDefault: (tenant: string, id: string) => setDefaultLocation(ctx, tenant, id),
    /** The account's warehouses, for picking the one a location is (a MachShip company location). */
    platformWarehouses: (tenant: string, connectionId: string) =>
      platformWarehouses(ctx, tenant, connectionId),
    importWarehouses: (tenant: string, connectionId: string) => importWarehouses(ctx, tenant, connectionId),
  };
}

export type Locations = ReturnType<typeof createLocations>;
