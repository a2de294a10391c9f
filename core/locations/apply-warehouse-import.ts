/**
 * The write of a warehouse import: each checked warehouse is left alone, linked to the location at its
 * address, or created, in one atomic update of the tenant's locations.
 */
import { defaultDespatch } from '../wire/locations-schema.js';
import { newId } from '../ids.js';
import type { FreightPlatform, PlatformRefs, PlatformWarehouse } from '../platforms/freight-platform.js';
import { UNCHANGED } from '../storage/store.js';
import type { CheckedAddress } from './address-check.js';
import type { LocationContext } from './location-context.js';
import { MAX_LOCATIONS, nameKey, type LocationRecord } from './location-record.js';
import { sameAddress } from './platform-check.js';
import { withRefs } from './platform-refs.js';

export interface ImportCandidate {
  readonly warehouse: PlatformWarehouse;
  readonly address: CheckedAddress;
  /** The warehouse's id as the location's reference for the platform it came from. */
  readonly link?: string;
  suburbRefs?: PlatformRefs;
}

type Outcome = 'created' | 'linked' | 'unchanged';

export async function applyWarehouseImport(
  ctx: LocationContext,
  tenant: string,
  source: FreightPlatform,
  candidates: readonly ImportCandidate[],
): Promise<{
  after: readonly LocationRecord[];
  outcome: Map<string, Outcome>;
  overLimit: ImportCandidate[];
}> {
  const at = ctx.iso();
  const outcome = new Map<string, Outcome>();
  const overLimit: ImportCandidate[] = [];
  const after = await ctx.mutate(tenant, (locations) => {
    // May run more than once (a concurrent write): start from nothing each time.
    outcome.clear();
    overLimit.length = 0;
    const next = [...locations];
    for (const candidate of candidates) {
      const decision = classify(next, candidate.address, source, candidate.link);
      if (decision.kind === 'unchanged') {
        if (!outcome.has(decision.location.id)) outcome.set(decision.location.id, 'unchanged');
      } else if (decision.kind === 'link') {
        const linked: LocationRecord = {
          ...decision.location,
          platformRefs: { ...decision.location.platformRefs, [source.name]: candidate.link },
          updatedAt: at,
        };
        next[next.indexOf(decision.location)] = linked;
        outcome.set(linked.id, 'linked');
      } else if (next.length >= MAX_LOCATIONS) {
        overLimit.push(candidate);
      } else {
        const created = importedLocation(next, candidate, source, at);
        next.push(created);
        outcome.set(created.id, 'created');
      }
    }
    return [...outcome.values()].every((kind) => kind === 'unchanged') ? UNCHANGED : next;
  });
  return { after, outcome, overLimit };
}

function importedLocation(
  existing: readonly LocationRecord[],
  candidate: ImportCandidate,
  source: FreightPlatform,
  at: string,
): LocationRecord {
  return {
    id: newId('loc'),
    name: freeName(existing, candidate.warehouse.name, candidate.address.suburb),
    ...(candidate.warehouse.addressLine1?.trim()
      ? { addressLine1: candidate.warehouse.addressLine1.trim().slice(0, 120) }
      : {}),
    ...candidate.address,
    isDefault: existing.length === 0,
    ...withRefs({
      ...candidate.suburbRefs,
      ...(candidate.link === undefined ? {} : { [source.name]: candidate.link }),
    }),
    despatch: defaultDespatch(),
    createdAt: at,
    updatedAt: at,
  };
}

type Decision =
  | { readonly kind: 'unchanged'; readonly location: LocationRecord }
  | { readonly kind: 'link'; readonly location: LocationRecord }
  | { readonly kind: 'create' };

/** What importing a warehouse at `address` does to the locations there already. */
export function classify(
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
