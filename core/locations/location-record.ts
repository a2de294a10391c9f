/**
 * A pickup location: a warehouse goods leave from. All of a tenant's locations live in one document
 * (tenant, 'locations', 'all'), so "exactly one default" and "names are unique" are kept by one atomic
 * update rather than by luck.
 */
import { z } from 'zod';
import { AU_STATES, PLATFORM_NAMES, type AuState, type PlatformRefs } from '../platforms/freight-platform.js';
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
  /**
   * Each platform's own reference for this location, opaque here (freight-platform.ts `pickupRef`): the
   * warehouse it is linked to (MachShip: a company location id) or its suburb's id (Big Post: LocalityId).
   */
  readonly platformRefs?: PlatformRefs;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export const platformRefsSchema = z.partialRecord(z.enum(PLATFORM_NAMES), z.string().min(1).max(64));

/**
 * Documents written before references were opaque kept two platform-specific fields; they are read into
 * `platformRefs` so stored locations keep their links.
 */
function withLegacyRefs(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null) return raw;
  const { machshipCompanyLocationId, bigpostLocalityId, ...rest } = raw as Record<string, unknown>;
  if (machshipCompanyLocationId === undefined && bigpostLocalityId === undefined) return raw;
  const refs = { ...((rest['platformRefs'] as Record<string, unknown> | undefined) ?? {}) };
  if (typeof machshipCompanyLocationId === 'number') refs['machship'] ??= String(machshipCompanyLocationId);
  if (typeof bigpostLocalityId === 'number') refs['bigpost'] ??= String(bigpostLocalityId);
  return { ...rest, platformRefs: refs };
}

export const locationRecordSchema = z.preprocess(
  withLegacyRefs,
  z.object({
    id: z.string(),
    name: z.string(),
    addressLine1: z.string().optional(),
    suburb: z.string(),
    postcode: z.string(),
    state: z.enum(AU_STATES),
    isDefault: z.boolean(),
    platformRefs: platformRefsSchema.optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
  }),
);

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
