/**
 * What every location operation shares: its dependencies, the clock, the offline locality reference, and
 * the one atomic read-change-write of the tenant's locations document that keeps its invariants. Built
 * once by pickup-locations.ts; each operation is a function of it in a file of its own.
 */
import { rbError } from '../errors.js';
import { UNCHANGED, type JsonValue } from '../storage/store.js';
import { updateDocOrRefuse } from '../storage/update-or-refuse.js';
import { readParsedDoc } from '../storage/parsed-doc.js';
import { invalidInput } from '../catalog/input-error.js';
import { AUSTRALIA_POST_LOCALITIES, checkAddress } from './address-check.js';
import { withOneDefault } from './default-location.js';
import {
  locationsDocRef,
  parseTenantLocations,
  type LocationRecord,
  type TenantLocations,
} from './location-record.js';
import type { LocationsOptions } from './locations.js';

export const NOT_FOUND = 'That pickup location';

export function createLocationContext(options: LocationsOptions) {
  const { store, tokens, logger } = options;
  const reference = options.localities ?? AUSTRALIA_POST_LOCALITIES;
  const now = options.now ?? Date.now;
  // Parsed once per stored version (parsed-doc.ts): a checkout reads the locations on every quote.
  const load = (tenant: string): Promise<TenantLocations> =>
    readParsedDoc(store, locationsDocRef(tenant), parseTenantLocations);
  return {
    ...options,
    iso: () => new Date(now()).toISOString(),
    reference,
    checkDeps: { store, tokens, logger, timeoutMs: options.platformTimeoutMs ?? 3000 },
    importTimeoutMs: options.importTimeoutMs ?? 10_000,

    load,

    async get(tenant: string, id: string): Promise<LocationRecord> {
      const record = (await load(tenant)).locations.find((location) => location.id === id);
      if (!record) throw rbError('RB_ERR_NOT_FOUND', NOT_FOUND);
      return record;
    },

    /** Atomically changes a tenant's locations; a RateBridgeError thrown by `change` aborts the write. */
    async mutate(
      tenant: string,
      change: (locations: readonly LocationRecord[]) => readonly LocationRecord[] | typeof UNCHANGED,
    ): Promise<readonly LocationRecord[]> {
      const stored = await updateDocOrRefuse(store, locationsDocRef(tenant), (raw) => {
        const next = change(parseTenantLocations(raw).locations);
        if (next === UNCHANGED) return UNCHANGED;
        return next.length === 0
          ? undefined
          : ({ locations: withOneDefault(next, new Date(now()).toISOString()) } as unknown as JsonValue);
      });
      return parseTenantLocations(stored).locations;
    },

    /** The address checked against the offline reference; a bad one is refused as invalid input. */
    checked(input: { suburb: string; postcode: string | number; state: string }) {
      const result = checkAddress(input, reference);
      if (!result.ok) throw invalidInput(result.problems);
      return result;
    },
  };
}

export type LocationContext = ReturnType<typeof createLocationContext>;

/** The location with `id` in a write's result. */
export function found(locations: readonly LocationRecord[], id: string): LocationRecord {
  const location = locations.find((candidate) => candidate.id === id);
  // Absent only if another request deleted it between our write and this read of its result.
  if (!location) throw rbError('RB_ERR_NOT_FOUND', NOT_FOUND);
  return location;
}
