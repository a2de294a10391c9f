/**
 * A pickup location: a warehouse goods leave from. All of a tenant's locations live in one document
 * (tenant, 'locations', 'all'), so "exactly one default" and "names are unique" are kept by one atomic
 * update rather than by luck.
 */
import { z } from 'zod';
import { AU_STATES, type AuState } from '../platforms/freight-platform.js';
import type { JsonValue, Store } from '../storage/store.js';

export interface LocationRecord {
  /** `loc_…` */
  readonly id: string;
  /** Unique per tenant (case-insensitively): the packaging CSV refers to locations by name. */
  readonly name: string;
  readonly addressLine1?: string;
  readonly suburb: string;
  readonly postcode: string;
  readonly state: AuState;
  readonly isDefault: boolean;
  /** The MachShip company location this warehouse is, when linked (imported or picked). */
  readonly machshipCompanyLocationId?: number;
  /** Big Post's LocalityId for the suburb, resolved when a Big Post connection confirmed it. */
  readonly bigpostLocalityId?: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export const locationRecordSchema = z.object({
  id: z.string(),
  name: z.string(),
  addressLine1: z.string().optional(),
  suburb: z.string(),
  postcode: z.string(),
  state: z.enum(AU_STATES),
  isDefault: z.boolean(),
  machshipCompanyLocationId: z.number().int().optional(),
  bigpostLocalityId: z.number().int().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** Oldest first: the order they were created in. */
export const tenantLocationsSchema = z.object({ locations: z.array(locationRecordSchema) });
export type TenantLocations = { readonly locations: readonly LocationRecord[] };

export const MAX_LOCATIONS = 200;

export const locationsDocRef = (tenant: string) => ({ tenant, kind: 'locations', id: 'all' }) as const;

export function parseTenantLocations(raw: JsonValue | undefined): TenantLocations {
  return raw === undefined ? { locations: [] } : tenantLocationsSchema.parse(raw);
}

/** Read-only access for other modules (the catalog resolves location names in its CSV with it). */
export async function readTenantLocations(store: Store, tenant: string): Promise<readonly LocationRecord[]> {
  return parseTenantLocations(await store.getDoc(locationsDocRef(tenant))).locations;
}

/** The comparison form of a location name: names differing only in case or spacing are one name. */
export function nameKey(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();
}
