/**
 * A tenant's pickup locations: create, read, update, delete, the one default, the platforms' own
 * references (opaque strings per platform, freight-platform.ts `pickupRef`: a linked warehouse such as a
 * MachShip company location, or the suburb's id such as a Big Post LocalityId), and importing the
 * warehouses a platform account already has. No platform is named here: each says what it keeps.
 *
 * Invariants, kept inside one atomic update of the tenant's locations document: while any location exists
 * exactly one is the default (the first one created becomes it; deleting it promotes the oldest other);
 * names are unique ignoring case; a platform's warehouse is linked to at most one location.
 */
import { RateBridgeError, rbError, type ErrorCode, type ErrorDetail } from '../errors.js';
import { newId } from '../ids.js';
import type { Logger } from '../logger.js';
import {
  type FreightPlatform,
  type PlatformFailure,
  type PlatformName,
  type PlatformRefs,
  type PlatformWarehouse,
} from '../platforms/freight-platform.js';
import type { PlatformRegistry } from '../platforms/registry.js';
import { UNCHANGED, type JsonValue, type Store } from '../storage/store.js';
import type { UsableConnection } from '../tokens/token-lifecycle.js';
import { invalidInput, parseInput } from '../catalog/input-error.js';
import {
  AUSTRALIA_POST_LOCALITIES,
  checkAddress,
  type CheckedAddress,
  type LocalityReference,
} from './address-check.js';
import {
  locationsDocRef,
  MAX_LOCATIONS,
  nameKey,
  parseTenantLocations,
  type LocationRecord,
  type TenantLocations,
} from './location-record.js';
import { pickupLocationFor, type PickupLocation } from './pickup-point.js';
import { confirmWithPlatforms, sameAddress, type LocationTokens } from './platform-check.js';
import { updateDocOrRefuse } from '../storage/update-or-refuse.js';
import type { LocationResult, WarehouseImport } from '../wire/admin-api-types.js';
import { createLocationSchema, updateLocationSchema } from '../wire/locations-schema.js';

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

const NOT_FOUND = 'That pickup location';
const IMPORT_CHECK_CONCURRENCY = 4;

export function createLocations(options: LocationsOptions) {
  const { store, tokens, platforms, logger } = options;
  const reference = options.localities ?? AUSTRALIA_POST_LOCALITIES;
  const now = options.now ?? Date.now;
  const iso = () => new Date(now()).toISOString();
  const checkDeps = { store, tokens, logger, timeoutMs: options.platformTimeoutMs ?? 3000 };
  const importTimeoutMs = options.importTimeoutMs ?? 10_000;

  async function load(tenant: string): Promise<TenantLocations> {
    return parseTenantLocations(await store.getDoc(locationsDocRef(tenant)));
  }

  /** Atomically changes a tenant's locations; a RateBridgeError thrown by `change` aborts the write. */
  async function mutate(
    tenant: string,
    change: (locations: readonly LocationRecord[]) => readonly LocationRecord[] | typeof UNCHANGED,
  ): Promise<readonly LocationRecord[]> {
    const stored = await updateDocOrRefuse(store, locationsDocRef(tenant), (raw) => {
      const next = change(parseTenantLocations(raw).locations);
      if (next === UNCHANGED) return UNCHANGED;
      return next.length === 0
        ? undefined
        : ({ locations: withOneDefault(next, iso()) } as unknown as JsonValue);
    });
    return parseTenantLocations(stored).locations;
  }

  function checked(input: { suburb: string; postcode: string | number; state: string }) {
    const result = checkAddress(input, reference);
    if (!result.ok) throw invalidInput(result.problems);
    return result;
  }

  /** The links a merchant may set: only to platforms that keep warehouses as pickup references. */
  function warehouseLinks(
    refs: Partial<Record<PlatformName, string | null>> | undefined,
  ): Partial<Record<PlatformName, string | null>> {
    const problems: ErrorDetail[] = [];
    for (const name of Object.keys(refs ?? {}) as PlatformName[]) {
      const platform = platforms.get(name);
      if (platform?.pickupRef.kind === 'warehouse') continue;
      problems.push({
        path: `platformRefs.${name}`,
        message:
          platform?.pickupRef.kind === 'locality'
            ? `${platform.displayName} references are looked up from the location's suburb; they cannot be set.`
            : `${platform?.displayName ?? name} keeps no warehouses to link a location to.`,
      });
    }
    if (problems.length > 0) throw invalidInput(problems);
    return refs ?? {};
  }

  /** Platform warnings for a warehouse link the account's warehouses do not show. */
  async function checkWarehouseLink(tenant: string, name: PlatformName, id: string): Promise<string[]> {
    const platform = platforms.get(name);
    if (platform?.pickupRef.kind !== 'warehouse') return [];
    const { displayName } = platform;
    const what = `${platform.pickupRef.noun} ${id}`;
    const connections = (await tokens.usableConnections(tenant)).filter((u) => u.platform.name === name);
    if (connections.length === 0) return [`No active ${displayName} connection could confirm ${what}.`];
    const answers = await Promise.all(
      connections.map((u) =>
        u.platform.listWarehouses(u.credentials, AbortSignal.timeout(checkDeps.timeoutMs)),
      ),
    );
    if (answers.some((a) => a.ok && a.value.some((w) => w.platformId === id))) return [];
    if (answers.every((a) => !a.ok)) {
      return [`${displayName} could not confirm ${what} just now; save again later to re-check.`];
    }
    return [
      `Your ${displayName} account has no ${what}. Quotes that pick up from it will fail: choose one of the account's ${platform.pickupRef.noun}s.`,
    ];
  }

  async function checkWarehouseLinks(tenant: string, links: PlatformRefs): Promise<string[]> {
    const checks = await Promise.all(
      (Object.entries(links) as [PlatformName, string][]).map(([name, id]) =>
        checkWarehouseLink(tenant, name, id),
      ),
    );
    return checks.flat();
  }

  /**
   * The references of `refs` that are not warehouse links: suburb ids, and those of platforms this
   * process does not run (kept, not lost, when a location is saved while such a platform is off).
   */
  function suburbRefsOf(refs: PlatformRefs | undefined): PlatformRefs {
    return Object.fromEntries(
      Object.entries(refs ?? {}).filter(
        ([name]) => platforms.get(name as PlatformName)?.pickupRef.kind !== 'warehouse',
      ),
    );
  }

  /** The references of `refs` that are warehouse links. */
  function linkRefs(refs: PlatformRefs | undefined): PlatformRefs {
    return Object.fromEntries(
      Object.entries(refs ?? {}).filter(
        ([name]) => platforms.get(name as PlatformName)?.pickupRef.kind === 'warehouse',
      ),
    );
  }

  const describeRef = (name: PlatformName, id: string): string => {
    const platform = platforms.get(name);
    const noun = platform?.pickupRef.kind === 'warehouse' ? platform.pickupRef.noun : 'warehouse';
    return `${platform?.displayName ?? name} ${noun} ${id}`;
  };

  async function connectionFor(tenant: string, connectionId: string): Promise<UsableConnection> {
    const view = await tokens.get(tenant, connectionId);
    const usable = (await tokens.usableConnections(tenant)).find((u) => u.connection.id === connectionId);
    if (usable) return usable;
    const platformName = platforms.get(view.platform)?.displayName ?? view.platform;
    if (view.status === 'revoked') throw rbError('RB_ERR_CONNECTION_REVOKED', view.label);
    throw new RateBridgeError(
      'RB_ERR_CONNECTION_REVOKED',
      `The ${platformName} connection "${view.label}" needs attention before it can be used: ${view.lastCheck?.detail ?? 'check it under Connections.'}`,
    );
  }

  async function warehousesOf(
    tenant: string,
    usable: UsableConnection,
  ): Promise<readonly PlatformWarehouse[]> {
    if (!usable.platform.hasWarehouses) {
      throw invalidInput([
        {
          path: 'connectionId',
          message: `${usable.platform.displayName} keeps no warehouses to import. Add your pickup locations here instead.`,
        },
      ]);
    }
    const result = await usable.platform.listWarehouses(
      usable.credentials,
      AbortSignal.timeout(importTimeoutMs),
    );
    if (result.ok) return result.value;
    if (result.failure.reason === 'unauthorized') {
      await tokens.reportUnauthorized(tenant, usable.connection.id, result.failure.detail);
    }
    throw platformError(result.failure, usable.connection.label);
  }

  const api = {
    /** Oldest first. */
    async list(tenant: string): Promise<readonly LocationRecord[]> {
      return (await load(tenant)).locations;
    },

    async get(tenant: string, id: string): Promise<LocationRecord> {
      const found = (await load(tenant)).locations.find((location) => location.id === id);
      if (!found) throw rbError('RB_ERR_NOT_FOUND', NOT_FOUND);
      return found;
    },

    async defaultLocation(tenant: string): Promise<LocationRecord | undefined> {
      return (await load(tenant)).locations.find((location) => location.isDefault);
    },

    /** For the quote engine: every location as a pickup point with its id. */
    async pickupLocations(tenant: string): Promise<readonly PickupLocation[]> {
      return (await load(tenant)).locations.map(pickupLocationFor);
    },

    async create(tenant: string, input: unknown): Promise<LocationResult> {
      const body = parseInput(createLocationSchema, input);
      const links = withoutNulls(warehouseLinks(body.platformRefs));
      const check = checked(body);
      const platform = await confirmWithPlatforms(checkDeps, tenant, check.address);
      const linkWarnings = await checkWarehouseLinks(tenant, links);
      const id = newId('loc');
      const at = iso();
      const after = await mutate(tenant, (locations) => {
        if (locations.length >= MAX_LOCATIONS) {
          throw invalidInput([
            { path: '', message: `A store can have at most ${MAX_LOCATIONS} pickup locations.` },
          ]);
        }
        refuseTaken(locations, body.name, links, undefined, describeRef);
        const makeDefault = locations.length === 0 || body.isDefault === true;
        const record: LocationRecord = {
          id,
          name: body.name,
          ...(body.addressLine1 ? { addressLine1: body.addressLine1 } : {}),
          ...check.address,
          isDefault: makeDefault,
          ...withRefs({ ...links, ...platform.platformRefs }),
          createdAt: at,
          updatedAt: at,
        };
        return [...(makeDefault ? withoutDefault(locations, at) : locations), record];
      });
      logger.info({ tenant, locationId: id }, 'pickup location created');
      return {
        location: found(after, id),
        warnings: [...check.warnings, ...platform.warnings, ...linkWarnings],
      };
    },

    async update(tenant: string, id: string, input: unknown): Promise<LocationResult> {
      const patch = parseInput(updateLocationSchema, input);
      const linkPatch = warehouseLinks(patch.platformRefs);
      const current = await api.get(tenant, id);
      if (patch.isDefault === false && current.isDefault) {
        throw invalidInput([
          {
            path: 'isDefault',
            message: 'Make another location the default instead: one location is always the default.',
          },
        ]);
      }
      const addressTouched =
        patch.suburb !== undefined || patch.postcode !== undefined || patch.state !== undefined;
      const check = addressTouched
        ? checked({
            suburb: patch.suburb ?? current.suburb,
            postcode: patch.postcode ?? current.postcode,
            state: patch.state ?? current.state,
          })
        : undefined;
      const moved = check !== undefined && !sameAddress(current, check.address);
      const platform = moved ? await confirmWithPlatforms(checkDeps, tenant, check.address) : undefined;
      const newLinks = Object.fromEntries(
        Object.entries(withoutNulls(linkPatch)).filter(
          ([name, ref]) => current.platformRefs?.[name as PlatformName] !== ref,
        ),
      );
      const linkWarnings = await checkWarehouseLinks(tenant, newLinks);
      const at = iso();

      const after = await mutate(tenant, (locations) => {
        const latest = locations.find((location) => location.id === id);
        if (!latest) throw rbError('RB_ERR_NOT_FOUND', NOT_FOUND);
        const links = withoutNulls({ ...linkRefs(latest.platformRefs), ...linkPatch });
        refuseTaken(locations, patch.name ?? latest.name, links, id, describeRef);
        const { addressLine1: _line, platformRefs: _refs, ...kept } = latest;
        const addressLine1 = patch.addressLine1 === undefined ? latest.addressLine1 : patch.addressLine1;
        // A moved location's suburb references belong to the old suburb.
        const suburbRefs = moved ? (platform?.platformRefs ?? {}) : suburbRefsOf(latest.platformRefs);
        const updated: LocationRecord = {
          ...kept,
          name: patch.name ?? latest.name,
          ...(addressLine1 ? { addressLine1 } : {}),
          ...(check ? check.address : {}),
          isDefault: latest.isDefault || patch.isDefault === true,
          ...withRefs({ ...links, ...suburbRefs }),
          updatedAt: at,
        };
        const others = patch.isDefault === true ? withoutDefault(locations, at) : locations;
        return others.map((location) => (location.id === id ? updated : location));
      });
      return {
        location: found(after, id),
        warnings: [...(check?.warnings ?? []), ...(platform?.warnings ?? []), ...linkWarnings],
      };
    },

    /** Deletes the location; when it was the default, the oldest remaining one becomes the default. */
    async delete(tenant: string, id: string): Promise<{ readonly defaultLocationId?: string }> {
      const after = await mutate(tenant, (locations) => {
        if (!locations.some((location) => location.id === id)) throw rbError('RB_ERR_NOT_FOUND', NOT_FOUND);
        return locations.filter((location) => location.id !== id);
      });
      logger.info({ tenant, locationId: id }, 'pickup location deleted');
      const fallback = after.find((location) => location.isDefault);
      return fallback ? { defaultLocationId: fallback.id } : {};
    },

    async setDefault(tenant: string, id: string): Promise<LocationRecord> {
      const at = iso();
      const after = await mutate(tenant, (locations) => {
        const target = locations.find((location) => location.id === id);
        if (!target) throw rbError('RB_ERR_NOT_FOUND', NOT_FOUND);
        if (target.isDefault) return UNCHANGED;
        return withoutDefault(locations, at).map((location) =>
          location.id === id ? { ...location, isDefault: true, updatedAt: at } : location,
        );
      });
      return found(after, id);
    },

    /** The account's warehouses, for picking the one a location is (a MachShip company location). */
    async platformWarehouses(tenant: string, connectionId: string): Promise<readonly PlatformWarehouse[]> {
      return warehousesOf(tenant, await connectionFor(tenant, connectionId));
    },

    /**
     * Imports the warehouses of a connection's account in one call (MachShip company locations; the
     * sandbox's demo warehouses too). Safe to repeat: a warehouse already linked is left as the merchant
     * has it; one at the address of an existing location is linked to it rather than duplicated. Only a
     * platform whose pickup reference is its warehouse (`pickupRef.kind`) links; the others just create.
     */
    async importWarehouses(tenant: string, connectionId: string): Promise<WarehouseImport> {
      const usable = await connectionFor(tenant, connectionId);
      const warehouses = await warehousesOf(tenant, usable);
      const source = usable.platform;
      const linksWarehouses = source.pickupRef.kind === 'warehouse';
      const skipped: { platformId: string; name: string; reason: string }[] = [];
      const warnings: string[] = [];

      interface Candidate {
        readonly warehouse: PlatformWarehouse;
        readonly address: CheckedAddress;
        /** The warehouse's id as the location's reference for the platform it came from. */
        readonly link?: string;
        suburbRefs?: PlatformRefs;
      }
      const candidates: Candidate[] = [];
      for (const warehouse of warehouses) {
        const result = checkAddress(warehouse, reference);
        if (!result.ok) {
          skipped.push({
            platformId: warehouse.platformId,
            name: warehouse.name,
            reason: result.problems.map((problem) => problem.message).join(' '),
          });
          continue;
        }
        warnings.push(...result.warnings.map((warning) => `${warehouse.name}: ${warning}`));
        candidates.push({
          warehouse,
          address: result.address,
          ...(linksWarehouses && warehouse.platformId ? { link: warehouse.platformId } : {}),
        });
      }

      // Other connections (Big Post) are asked only about warehouses that are not here yet.
      const before = (await load(tenant)).locations;
      const fresh = candidates.filter(
        (candidate) => classify(before, candidate.address, source, candidate.link).kind === 'create',
      );
      // A few at a time: each may wait out the platform timeout, and Big Post allows 60 calls a minute.
      for (let start = 0; start < fresh.length; start += IMPORT_CHECK_CONCURRENCY) {
        const batch = fresh.slice(start, start + IMPORT_CHECK_CONCURRENCY);
        const checks = await Promise.all(
          batch.map((candidate) =>
            confirmWithPlatforms(
              checkDeps,
              tenant,
              candidate.address,
              (other) => other.connection.id === connectionId,
            ),
          ),
        );
        for (const [index, candidate] of batch.entries()) {
          const platform = checks[index];
          if (!platform) continue;
          candidate.suburbRefs = platform.platformRefs;
          warnings.push(...platform.warnings.map((warning) => `${candidate.warehouse.name}: ${warning}`));
        }
      }

      const at = iso();
      const outcome = new Map<string, 'created' | 'linked' | 'unchanged'>();
      const overLimit: Candidate[] = [];
      const after = await mutate(tenant, (locations) => {
        // May run more than once (a concurrent write): start from nothing each time.
        outcome.clear();
        overLimit.length = 0;
        const next = [...locations];
        for (const candidate of candidates) {
          const decision = classify(next, candidate.address, source, candidate.link);
          if (decision.kind === 'unchanged') {
            if (!outcome.has(decision.location.id)) outcome.set(decision.location.id, 'unchanged');
            continue;
          }
          if (decision.kind === 'link') {
            const linked: LocationRecord = {
              ...decision.location,
              platformRefs: { ...decision.location.platformRefs, [source.name]: candidate.link },
              updatedAt: at,
            };
            next[next.indexOf(decision.location)] = linked;
            outcome.set(linked.id, 'linked');
            continue;
          }
          if (next.length >= MAX_LOCATIONS) {
            overLimit.push(candidate);
            continue;
          }
          const id = newId('loc');
          next.push({
            id,
            name: freeName(next, candidate.warehouse.name, candidate.address.suburb),
            ...(candidate.warehouse.addressLine1?.trim()
              ? { addressLine1: candidate.warehouse.addressLine1.trim().slice(0, 120) }
              : {}),
            ...candidate.address,
            isDefault: next.length === 0,
            ...withRefs({
              ...candidate.suburbRefs,
              ...(candidate.link === undefined ? {} : { [source.name]: candidate.link }),
            }),
            createdAt: at,
            updatedAt: at,
          });
          outcome.set(id, 'created');
        }
        return [...outcome.values()].every((kind) => kind === 'unchanged') ? UNCHANGED : next;
      });

      const pick = (kind: 'created' | 'linked' | 'unchanged') =>
        after.filter((location) => outcome.get(location.id) === kind);
      const created = pick('created');
      for (const candidate of overLimit) {
        skipped.push({
          platformId: candidate.warehouse.platformId,
          name: candidate.warehouse.name,
          reason: `A store can have at most ${MAX_LOCATIONS} pickup locations.`,
        });
      }
      logger.info(
        { tenant, connectionId, created: created.length, skipped: skipped.length },
        'warehouses imported',
      );
      return { created, linked: pick('linked'), unchanged: pick('unchanged'), skipped, warnings };
    },
  };
  return api;
}

export type Locations = ReturnType<typeof createLocations>;

type Decision =
  | { readonly kind: 'unchanged'; readonly location: LocationRecord }
  | { readonly kind: 'link'; readonly location: LocationRecord }
  | { readonly kind: 'create' };

/** What importing a warehouse at `address` does to the locations there already. */
function classify(
  locations: readonly LocationRecord[],
  address: CheckedAddress,
  source: FreightPlatform,
  link: string | undefined,
): Decision {
  const linkOf = (location: LocationRecord) => location.platformRefs?.[source.name];
  if (link !== undefined) {
    const linked = locations.find((location) => linkOf(location) === link);
    if (linked) return { kind: 'unchanged', location: linked };
  }
  const here = locations.find((location) => sameAddress(location, address));
  if (!here) return { kind: 'create' };
  if (link !== undefined && linkOf(here) === undefined) return { kind: 'link', location: here };
  // Here already (linked to another warehouse, or imported from a platform that links none).
  return link === undefined ? { kind: 'unchanged', location: here } : { kind: 'create' };
}

function refuseTaken(
  locations: readonly LocationRecord[],
  name: string,
  links: PlatformRefs,
  self: string | undefined,
  describe: (platform: PlatformName, id: string) => string,
): void {
  const problems: ErrorDetail[] = [];
  const key = nameKey(name);
  const twin = locations.find((location) => location.id !== self && nameKey(location.name) === key);
  if (twin)
    problems.push({
      path: 'name',
      message: `You already have a location named "${twin.name}". Choose another name.`,
    });
  for (const [platform, id] of Object.entries(links) as [PlatformName, string][]) {
    const linked = locations.find(
      (location) => location.id !== self && location.platformRefs?.[platform] === id,
    );
    if (linked) {
      problems.push({
        path: `platformRefs.${platform}`,
        message: `${describe(platform, id)} is already linked to "${linked.name}".`,
      });
    }
  }
  if (problems.length > 0) throw invalidInput(problems);
}

/** The references that are set, as a record field (left out when there are none). */
function withRefs(refs: Partial<Record<PlatformName, string | undefined>>): { platformRefs?: PlatformRefs } {
  const set = withoutNulls(refs);
  return Object.keys(set).length === 0 ? {} : { platformRefs: set };
}

function withoutNulls(refs: Partial<Record<PlatformName, string | null | undefined>>): PlatformRefs {
  return Object.fromEntries(
    Object.entries(refs).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}

/** The warehouse's name, or a variant of it no location has yet. */
function freeName(locations: readonly LocationRecord[], wanted: string, suburb: string): string {
  const base =
    wanted
      .replace(/\p{Cc}/gu, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 60) || suburb;
  const taken = new Set(locations.map((location) => nameKey(location.name)));
  const options = [base, `${base} (${suburb})`];
  for (let n = 2; n < MAX_LOCATIONS + 2; n += 1) options.push(`${base} ${n}`);
  return options.find((option) => !taken.has(nameKey(option))) ?? `${base} ${Date.now()}`;
}

function withoutDefault(locations: readonly LocationRecord[], at: string): LocationRecord[] {
  return locations.map((location) =>
    location.isDefault ? { ...location, isDefault: false, updatedAt: at } : location,
  );
}

/** Exactly one default while any location exists: the first flagged, else the oldest. */
function withOneDefault(locations: readonly LocationRecord[], at: string): LocationRecord[] {
  const chosen = locations.find((location) => location.isDefault) ?? locations[0];
  return locations.map((location) => {
    const isDefault = location === chosen;
    return location.isDefault === isDefault ? location : { ...location, isDefault, updatedAt: at };
  });
}

function found(locations: readonly LocationRecord[], id: string): LocationRecord {
  const location = locations.find((candidate) => candidate.id === id);
  // Absent only if another request deleted it between our write and this read of its result.
  if (!location) throw rbError('RB_ERR_NOT_FOUND', NOT_FOUND);
  return location;
}

const FAILURE_CODES: Partial<Record<PlatformFailure['reason'], ErrorCode>> = {
  unauthorized: 'RB_ERR_CONNECTION_REVOKED',
  forbidden: 'RB_ERR_TOKEN_FORBIDDEN',
  rate_limited: 'RB_ERR_PLATFORM_RATE_LIMITED',
  budget_exhausted: 'RB_ERR_PLATFORM_BUDGET_EXHAUSTED',
};

function platformError(failure: PlatformFailure, label: string): RateBridgeError {
  const code = FAILURE_CODES[failure.reason] ?? 'RB_ERR_PLATFORM_UNREACHABLE';
  if (code === 'RB_ERR_CONNECTION_REVOKED') return rbError(code, label);
  const error = new RateBridgeError(code, failure.detail);
  const waits = code === 'RB_ERR_PLATFORM_RATE_LIMITED' || code === 'RB_ERR_PLATFORM_BUDGET_EXHAUSTED';
  return waits ? error.withRetryAfter(failure.retryAfterSeconds) : error;
}
