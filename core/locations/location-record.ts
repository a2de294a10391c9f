/**
 * A pickup location: a warehouse goods leave from. All of a tenant's locations live in one document
 * (tenant, 'locations', 'all'), so "exactly one default" and "names are unique" are kept by one atomic
 * update rather than by luck.
 */
import { z } from 'zod';
import type { JsonValue, Store } from '../storage/store.js';
import { readParsedDoc } from '../storage/parsed-doc.js';
import type { LocationRecord } from '../wire/admin-api-types.js';
import { locationSchema } from '../wire/locations-schema.js';

export type { LocationRecord } from '../wire/admin-api-types.js';

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

/** The stored record is the wire view (core/wire/locations-schema.ts), read with the legacy fields moved. */
export const locationRecordSchema = z.preprocess(withLegacyRefs, locationSchema);

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
  return (await readParsedDoc(store, locationsDocRef(tenant), parseTenantLocations)).locations;
}

/** The comparison form of a location name: names differing only in case or spacing are one name. */
export function nameKey(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();
}
